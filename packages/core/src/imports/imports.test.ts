import { readFileSync } from 'node:fs';
import type { ImportReport, ImportRowReport } from '@lpdesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { manualTestClock, openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';
import { processImport } from './run.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const actions = (report: ImportReport) => report.rows.map((row: ImportRowReport) => [row.line, row.action]);

describe.each(testDialects())('CSV import on %s', (dialect) => {
  let core: TestCore;
  const clock = manualTestClock();
  const ctx = () => ({ core, actor: testActor() });
  const upload = (fileName: string, bytes: Uint8Array, entity?: string) => invoke(operations.imports.upload, ctx(), { fileName, bytes, ...(entity ? { entity } : {}) });
  const dryRun = (id: string, run: unknown) => invoke(operations.imports.dryRun, ctx(), { id, run });
  const run = (id: string, body: unknown) => invoke(operations.imports.run, ctx(), { id, run: body });

  beforeAll(async () => {
    core = await openTestCore(dialect, { clock });
  });
  afterAll(() => core.dispose());

  it('imports a messy Airtable contacts export: BOM, quoted newlines, blank rows, duplicates, linked organizations, tags', async () => {
    const existing = await invoke(operations.contacts.create, ctx(), { firstName: 'Old', lastName: 'Friend', emails: ['old.friend@existing.example'] });
    const uploaded = await upload('Contacts-Grid view.csv', fixture('contacts-airtable.csv'));
    expect(uploaded.entity).toBe('contacts');
    expect(uploaded.preview).toMatchObject({ delimiter: ',', encoding: 'utf-8', rowCount: 9 });
    expect(uploaded.suggestedMapping).toEqual({
      Name: 'fullName',
      Email: 'email',
      'Company (from Organization)': 'organization',
      Title: 'title',
      Phone: 'phone',
      Tags: 'tags',
      'Accredited?': 'accreditationStatus',
      QP: 'qualifiedPurchaser',
      Notes: 'notes',
      'Created time': null,
    });
    const body = { entity: 'contacts', mapping: uploaded.suggestedMapping, options: { onDuplicate: 'skip' } };
    const dry = await dryRun(uploaded.id, body);
    const expected = [
      [2, 'create'],
      [4, 'create'],
      [5, 'create'],
      [7, 'create'],
      [8, 'skip'],
      [9, 'create'],
      [10, 'error'],
      [11, 'skip'],
      [12, 'error'],
    ];
    expect(actions(dry)).toEqual(expected);
    expect(dry.totals).toEqual({ rows: 9, create: 5, update: 0, skip: 2, error: 2 });
    expect(dry.rows.find((row) => row.line === 10)?.errors).toEqual([{ column: 'Email', message: 'Email: "not-an-email" is not an email address' }]);
    expect(dry.rows.find((row) => row.line === 12)?.errors?.map((error) => error.column)).toEqual(['Accredited?', 'Phone']);
    expect(dry.rows.find((row) => row.line === 11)?.duplicate).toEqual({ entityId: existing.id, reason: 'same email old.friend@existing.example' });
    expect(dry.rows.find((row) => row.line === 8)?.notes).toEqual(['same as line 2 (same email jane@northwind.example)']);
    expect(await core.db.selectFrom('contactEmails').select('contactId').where('emailNormalized', '=', 'jane@northwind.example').execute()).toEqual([]);

    const done = await run(uploaded.id, body);
    expect(done.status).toBe('completed');
    expect(actions(done)).toEqual(expected);
    expect(done.totals).toEqual(dry.totals);

    const jane = await invoke(operations.contacts.get, ctx(), { id: done.rows[0]?.entityId as string });
    expect(jane).toMatchObject({ firstName: 'Jane', lastName: 'Doe', emails: ['jane@northwind.example'], title: 'Managing Partner', accreditationStatus: 'verified', qualifiedPurchaser: true });
    expect(jane.notes).toBe('Met at SALT.\nFollow up in Q2 about the co-invest.');
    expect(jane.primaryOrganization?.name).toBe('Northwind Family Office');
    expect(jane.tags.map((tag) => tag.name).sort()).toEqual(['Family Office', 'Tier 1']);
    expect(done.rows.find((row) => row.line === 8)?.entityId).toBe(jane.id);
    const robert = await invoke(operations.contacts.get, ctx(), { id: done.rows[1]?.entityId as string });
    expect(robert).toMatchObject({ firstName: 'Robert', lastName: 'Smith', phones: [{ number: '+16465550199' }] });
    const kenji = await invoke(operations.contacts.get, ctx(), { id: done.rows[3]?.entityId as string });
    expect(kenji.emails).toEqual(['KENJI@Sakura-Partners.example', 'kenji.w@gmail.com']);
    // Ana and Maria name the same new organization: it is created once.
    const lima = await invoke(operations.organizations.list, ctx(), { q: 'Lima Capital' });
    expect(lima.total).toBe(1);

    // Every imported person row is a source record; the activity log carries the import id.
    const records = await invoke(operations.identity.listRecords, ctx(), { source: 'import.csv', limit: 50 });
    expect(records.data.filter((record) => record.externalId.startsWith(`${uploaded.id}:`)).map((record) => record.externalId).sort()).toEqual(
      ['2', '4', '5', '7', '8', '9', '11'].map((line) => `${uploaded.id}:${line}`).concat(['2', '4', '5', '7'].map((line) => `${uploaded.id}:${line}:organization`)).sort(),
    );
    const logged = await core.db.selectFrom('activityLog').select(['action', 'entityType']).where('batchId', '=', uploaded.id).execute();
    expect(logged.filter((entry) => entry.entityType === 'contact' && entry.action === 'create')).toHaveLength(5);

    const view = await invoke(operations.imports.get, ctx(), { id: uploaded.id });
    expect(view).toMatchObject({ status: 'completed', processedRows: 9, progress: 1, entity: 'contacts', totals: done.totals, createdBy: { name: 'test' } });
    await expect(run(uploaded.id, body)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('remembers the mapping for the next file with the same headers', async () => {
    const headers = 'Full Name,Work Email,Firm\n';
    const first = await upload('a.csv', Buffer.from(`${headers}Remy Martin,remy@memory.example,Memory Partners\n`));
    expect(first.remembered).toBe(false);
    const mapping = { 'Full Name': 'fullName', 'Work Email': 'email', Firm: null };
    await run(first.id, { entity: 'contacts', mapping });
    const second = await upload('b.csv', Buffer.from(`full name,WORK EMAIL,firm\nRose Martin,rose@memory.example,Memory Partners\n`), 'contacts');
    expect(second).toMatchObject({ remembered: true, suggestedMapping: { 'full name': 'fullName', 'WORK EMAIL': 'email', firm: null } });
  });

  it('imports commitments with money and date variety, linked investors and funds, and custom fields', async () => {
    await invoke(operations.funds.create, ctx(), { name: 'Fund III', currency: 'USD' });
    await invoke(operations.customFields.create, ctx(), { entityType: 'commitment', key: 'region', label: 'Region', type: 'select', options: ['North America', 'LatAm', 'Asia', 'Europe'] });
    const uploaded = await upload('Pipeline.csv', fixture('commitments-airtable.csv'));
    expect(uploaded.entity).toBe('commitments');
    expect(uploaded.suggestedMapping).toMatchObject({ Investor: 'organization', Fund: 'fund', Stage: 'stage', Ticket: 'expectedAmount', Committed: 'committedAmount', Probability: 'probability', 'Expected Close': 'expectedCloseOn', 'Sub Docs Sent': 'subscriptionDocsSentOn', 'Side Letter': 'sideLetter', Tags: 'tags', Region: 'custom.region' });
    const body = { entity: 'commitments', mapping: uploaded.suggestedMapping };
    const dry = await dryRun(uploaded.id, body);
    const expected = [
      [2, 'create'],
      [3, 'create'],
      [4, 'error'],
      [5, 'error'],
      [6, 'error'],
      [7, 'error'],
      [8, 'skip'],
      [9, 'error'],
    ];
    expect(actions(dry)).toEqual(expected);
    const messages = Object.fromEntries(dry.rows.filter((row) => row.errors).map((row) => [row.line, row.errors?.map((error) => error.message).join(' | ')]));
    expect(messages).toEqual({
      4: 'EUR amount for a fund in USD',
      5: 'amounts must not be negative',
      6: 'Expected close: "13/01/2024" is not a valid US date (month 13); choose day-first dates if this file writes days first',
      7: 'Fund: no fund named "Fund IX"',
      9: 'Stage: a declined commitment needs a declined reason (map a column to "Declined reason")',
    });
    const done = await run(uploaded.id, body);
    expect(actions(done)).toEqual(expected);
    const harborview = await invoke(operations.commitments.get, ctx(), { id: done.rows[1]?.entityId as string });
    expect(harborview).toMatchObject({
      stage: 'committed',
      expectedAmount: 500_000_000,
      committedAmount: 450_000_000,
      probability: 90,
      expectedCloseOn: '2024-04-15',
      subscriptionDocsSentOn: '2024-02-15',
      sideLetter: true,
      customFields: { region: 'North America' },
    });
    expect(harborview.organization?.name).toBe('Harborview Endowment');
    const northwind = await invoke(operations.commitments.get, ctx(), { id: done.rows[0]?.entityId as string });
    expect(northwind).toMatchObject({ stage: 'soft_circle', expectedAmount: 125_000_000, probability: 60, expectedCloseOn: '2024-03-31' });
  });

  it('reads a Windows-1252 semicolon file from Excel into organizations', async () => {
    const uploaded = await upload('orgs.csv', fixture('organizations-excel.csv'), 'organizations');
    expect(uploaded.preview).toMatchObject({ delimiter: ';', encoding: 'windows-1252', rowCount: 4 });
    expect(uploaded.suggestedMapping).toEqual({ 'Firm name': 'name', Type: 'kind', Website: 'website', City: 'location', 'Lead source': 'leadSource', Notes: 'description' });
    const done = await run(uploaded.id, { entity: 'organizations', mapping: uploaded.suggestedMapping, options: { onDuplicate: 'update' } });
    expect(actions(done)).toEqual([
      [2, 'create'],
      [3, 'update'],
      [4, 'create'],
      [6, 'create'],
    ]);
    const cafe = await invoke(operations.organizations.get, ctx(), { id: done.rows[0]?.entityId as string });
    expect(cafe).toMatchObject({ name: 'Café Capital', kind: 'family_office', website: 'https://cafecapital.example', location: 'Zürich', description: '“Quiet” LP – likes € funds' });
    const nordic = await invoke(operations.organizations.get, ctx(), { id: done.rows[2]?.entityId as string });
    expect(nordic.kind).toBe('pension');
    const greenfield = await invoke(operations.organizations.get, ctx(), { id: done.rows[3]?.entityId as string });
    expect(greenfield.location).toBe('Portland; OR');
  });

  it('imports communications from TSV linked to contacts by email and name', async () => {
    const uploaded = await upload('log.tsv', fixture('communications.tsv'));
    expect(uploaded.entity).toBe('communications');
    expect(uploaded.suggestedMapping).toMatchObject({ Kind: 'kind', Date: 'occurredAt', With: 'contacts', Subject: 'subject', Notes: 'body', Duration: 'durationMinutes' });
    const body = { entity: 'communications', mapping: uploaded.suggestedMapping };
    const dry = await dryRun(uploaded.id, body);
    const done = await run(uploaded.id, body);
    expect(actions(done)).toEqual([
      [2, 'create'],
      [3, 'create'],
      [4, 'create'],
      [5, 'error'],
      [6, 'error'],
    ]);
    expect(actions(dry)).toEqual(actions(done));
    const group = (await invoke(operations.communications.get, ctx(), { id: done.rows[2]?.entityId as string })) as { kind: string; occurredAt: string; contacts: { name: string }[]; source: string };
    expect(group).toMatchObject({ kind: 'meeting', occurredAt: '2024-02-07T00:00:00.000Z', source: 'import' });
    expect(group.contacts.map((contact) => contact.name).sort()).toEqual(['Ana Lima', 'Kenji Watanabe']);
    // Running the same file again finds every communication already there.
    const again = await upload('log.tsv', fixture('communications.tsv'));
    expect(actions(await dryRun(again.id, body)).filter(([, action]) => action === 'skip')).toHaveLength(3);
  });

  it('undoes an import: created records go to the trash, updates are reverted unless changed since', async () => {
    const kept = await invoke(operations.contacts.create, ctx(), { firstName: 'Una', lastName: 'Undo', emails: ['una@undo.example'], title: 'Associate', location: 'Paris' });
    const csv = 'Name,Email,Title,Location,Company\nUna Undo,una@undo.example,Partner,London,\nNew Person,new.person@undo.example,Analyst,Berlin,Undo Holdings\n';
    const uploaded = await upload('undo.csv', Buffer.from(csv));
    const done = await run(uploaded.id, { entity: 'contacts', mapping: uploaded.suggestedMapping, options: { onDuplicate: 'update' } });
    expect(actions(done)).toEqual([
      [2, 'update'],
      [3, 'create'],
    ]);
    expect(await invoke(operations.contacts.get, ctx(), { id: kept.id })).toMatchObject({ title: 'Partner', location: 'London' });
    // Someone edits the location after the import: undo leaves it.
    await invoke(operations.contacts.update, ctx(), { id: kept.id, changes: { location: 'Lisbon' } });
    const undone = await invoke(operations.imports.undo, ctx(), { id: uploaded.id });
    expect(undone).toMatchObject({ trashed: 2, reverted: 1, kept: [{ entityType: 'contact', entityId: kept.id, field: 'location', reason: 'changed since the import' }] });
    expect(await invoke(operations.contacts.get, ctx(), { id: kept.id })).toMatchObject({ title: 'Associate', location: 'Lisbon' });
    expect((await invoke(operations.contacts.get, ctx(), { id: done.rows[1]?.entityId as string })).deletedAt).not.toBeNull();
    expect((await invoke(operations.organizations.list, ctx(), { q: 'Undo Holdings' })).total).toBe(0);
    expect(await invoke(operations.imports.get, ctx(), { id: uploaded.id })).toMatchObject({ status: 'undone' });
    await expect(invoke(operations.imports.undo, ctx(), { id: uploaded.id })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('resumes an interrupted run at the stored cursor without doubling rows', async () => {
    const lines = Array.from({ length: 1_200 }, (_, index) => `Resume Person ${index},resume${index}@resume.example,Resume Org ${index % 7}`);
    const uploaded = await upload('big.csv', Buffer.from(`Name,Email,Company\n${lines.join('\n')}\n`));
    const body = { entity: 'contacts', mapping: uploaded.suggestedMapping };
    // The API hands files over 2,000 rows to a job; here the run is started and stopped after one batch, as a crash would.
    await core.db.updateTable('imports').set({ status: 'running', entity: 'contacts', mappingJson: JSON.stringify(body.mapping), optionsJson: '{}', actorJson: JSON.stringify(testActor()) }).where('id', '=', uploaded.id).execute();
    const partial = await processImport(core, uploaded.id, undefined, { stopAfterBatches: 1 });
    expect(partial.status).toBe('running');
    expect(await invoke(operations.imports.get, ctx(), { id: uploaded.id })).toMatchObject({ processedRows: 500, progress: 500 / 1200 });
    // A second process does not take over while the first one's heartbeat is fresh…
    expect((await processImport(core, uploaded.id)).totals.rows).toBe(500);
    clock.advance(3 * 60 * 1000);
    // …but does once it is stale, and carries on from row 501.
    const progress: number[] = [];
    const resumed = await processImport(core, uploaded.id, (done) => progress.push(done));
    expect(progress).toEqual([500, 1000, 1200]);
    expect(resumed).toMatchObject({ status: 'completed', totals: { rows: 1200, create: 1200, error: 0 } });
    const emails = await core.db.selectFrom('contactEmails').select('contactId').where('emailNormalized', 'like', '%@resume.example').execute();
    expect(new Set(emails.map((email) => email.contactId)).size).toBe(1200);
    const organizations = await core.db.selectFrom('organizations').select('id').where('name', 'like', 'Resume Org %').execute();
    expect(organizations).toHaveLength(7);
  });

  it('refuses bad input with clear 4xx errors and writes nothing', async () => {
    const uploaded = await upload('bad.csv', Buffer.from('Name,Email\nA B,a@b.example\n'));
    await expect(dryRun(uploaded.id, { entity: 'investors', mapping: {} })).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/entity/) });
    await expect(dryRun(uploaded.id, { entity: 'contacts', mapping: { Name: 'shoeSize' } })).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/no field "shoeSize"/) });
    await expect(dryRun(uploaded.id, { entity: 'contacts', mapping: { Nickname: 'fullName' } })).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/no column "Nickname"/) });
    await expect(dryRun(uploaded.id, { entity: 'contacts', mapping: { Name: 'fullName', Email: 'fullName' } })).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/already filled/) });
    await expect(dryRun(uploaded.id, { entity: 'commitments', mapping: { Name: 'organization' } })).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/"Fund" \(required\)/) });
    await expect(upload('empty.csv', new Uint8Array())).rejects.toMatchObject({ code: 'invalid', message: 'The file is empty' });
    await expect(upload('header.csv', Buffer.from('Name,Email\n\n'))).rejects.toMatchObject({ code: 'invalid', message: 'The file has a header but no data rows' });
    await expect(upload('garbage.bin', Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256)))).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/binary/) });
    await expect(invoke(operations.imports.undo, ctx(), { id: uploaded.id })).rejects.toMatchObject({ code: 'conflict' });
    expect(await invoke(operations.imports.get, ctx(), { id: uploaded.id })).toMatchObject({ status: 'uploaded', processedRows: 0 });
  });
});
