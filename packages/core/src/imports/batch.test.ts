import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { manualTestClock, openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';

// A contacts batch writes its new records in multi-row statements at the batch's end: they must come out as
// the one-by-one commands make them (log entry and event per record, sort name, source records and aliases).
describe.each(testDialects())('batched writes of a contacts import on %s', (dialect) => {
  let core: TestCore;
  const clock = manualTestClock();
  const ctx = () => ({ core, actor: testActor() });

  beforeAll(async () => {
    core = await openTestCore(dialect, { clock });
  });
  afterAll(() => core.dispose());

  it('keeps every invariant of the one-by-one path', async () => {
    const people = Array.from({ length: 12 }, (_, index) => `Batch Person${index},batch${index}@batch.example,+1 646 555 01${String(index).padStart(2, '0')},Batch Firm ${index % 3},"Batch Tag ${index % 2}"`);
    const csv = `Name,Email,Phone,Company,Tags\n${people.join('\n')}\n`;
    const uploaded = await invoke(operations.imports.upload, ctx(), { fileName: 'batch.csv', bytes: Buffer.from(csv), entity: 'contacts' });
    const done = await invoke(operations.imports.run, ctx(), { id: uploaded.id, run: { entity: 'contacts', mapping: uploaded.suggestedMapping } });
    expect(done.totals).toMatchObject({ rows: 12, create: 12, error: 0 });
    const ids = done.rows.map((row) => row.entityId as string);

    const contacts = await core.db.selectFrom('contacts').select(['id', 'organizationSortName', 'version', 'createdBy']).where('id', 'in', ids).execute();
    expect(contacts).toHaveLength(12);
    for (const contact of contacts) expect(contact).toMatchObject({ version: 1, createdBy: testActor().id, organizationSortName: expect.stringMatching(/^Batch Firm [0-2]$/) });
    const fifth = await invoke(operations.contacts.get, ctx(), { id: ids[5] as string });
    expect(fifth).toMatchObject({ firstName: 'Batch', lastName: 'Person5', emails: ['batch5@batch.example'], phones: [{ number: '+16465550105', isPrimary: true }], primaryOrganization: { name: 'Batch Firm 2' } });
    expect(fifth.tags.map((tag) => tag.name)).toEqual(['Batch Tag 1']);

    // One create entry per contact and per organization, with the import's id, each with its event.
    const created = await core.db.selectFrom('activityLog').select(['id', 'entityType', 'entityId']).where('batchId', '=', uploaded.id).where('action', '=', 'create').execute();
    expect(created.filter((entry) => entry.entityType === 'contact').map((entry) => entry.entityId).sort()).toEqual([...ids].sort());
    expect(created.filter((entry) => entry.entityType === 'organization')).toHaveLength(3);
    const events = await core.db
      .selectFrom('outboxEvents')
      .select(['id', 'version'])
      .where(
        'id',
        'in',
        created.map((entry) => entry.id),
      )
      .execute();
    expect(events).toHaveLength(created.length);
    expect(events.every((event) => Number(event.version) === 1)).toBe(true);

    // Every row is a source record with its blocking keys and aliases, as upsertImportedRecord stores one.
    const record = await invoke(operations.identity.listRecords, ctx(), { source: 'import.csv', externalId: `${uploaded.id}:7` });
    expect(record.data).toEqual([expect.objectContaining({ entityType: 'contact', entityId: ids[5], rule: 'import', confidence: 1 })]);
    const keys = await core.db.selectFrom('identityRecordKeys').select('key').where('entityId', '=', ids[5] as string).execute();
    expect(keys.length).toBeGreaterThan(0);
    const aliases = await core.db.selectFrom('entityAliases').select(['kind', 'value']).where('entityId', '=', ids[5] as string).orderBy('kind').execute();
    expect(aliases).toEqual([
      { kind: 'email', value: 'batch5@batch.example' },
      { kind: 'external_id', value: `${uploaded.id}:7` },
      { kind: 'name', value: 'Batch Person5' },
    ]);
  });

  it('refuses, in the dry run as in the run, a new contact without a required custom field', async () => {
    await invoke(operations.customFields.create, ctx(), { entityType: 'contact', key: 'mandate', label: 'Mandate', type: 'text', required: true });
    const csv = 'Name,Email,Mandate\nReq One,req1@required.example,Growth\nReq Two,req2@required.example,\nReq Three,req3@required.example,Buyout\n';
    const uploaded = await invoke(operations.imports.upload, ctx(), { fileName: 'required.csv', bytes: Buffer.from(csv), entity: 'contacts' });
    const body = { entity: 'contacts', mapping: { Name: 'fullName', Email: 'email', Mandate: 'custom.mandate' } };
    const dry = await invoke(operations.imports.dryRun, ctx(), { id: uploaded.id, run: body });
    const done = await invoke(operations.imports.run, ctx(), { id: uploaded.id, run: body });
    for (const report of [dry, done]) {
      expect(report.rows.map((row) => row.action)).toEqual(['create', 'error', 'create']);
      expect(report.rows[1]?.errors).toEqual([{ column: null, message: 'Mandate is required' }]);
    }
    const created = await invoke(operations.contacts.get, ctx(), { id: done.rows[2]?.entityId as string });
    expect(created.customFields).toEqual({ mandate: 'Buyout' });
  });
});
