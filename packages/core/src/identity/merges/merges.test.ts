import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactDossier, organizationDossier } from '../../dossiers/dossiers.js';
import { newId } from '../../kernel/ids.js';
import { invoke } from '../../kernel/operations.js';
import { operations } from '../../operations.js';
import { openTestCore, type TestCore, testActor, testDialects } from '../../testing/index.js';
import { buildDuplicates, rawRows } from './merge-fixture.test-support.js';

const actor = testActor({ name: 'Riley Merger' });

describe.each(testDialects())('identity merges on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await openTestCore(dialect);
  });
  afterAll(() => core.dispose());
  const ctx = () => ({ core, actor });
  const ops = () => operations.identityMerges;

  const dossiers = async (ids: { contacts: string[]; organizations: string[] }) =>
    JSON.stringify({
      contacts: await Promise.all(ids.contacts.map((id) => contactDossier(core, id))),
      organizations: await Promise.all(ids.organizations.map((id) => organizationDossier(core, id))),
    });

  it('merges two contacts (links, emails, tasks, tags, commitments move) and undo brings both back byte for byte', async () => {
    const f = await buildDuplicates(core, actor, 'Lindqvist');
    const ids = { contacts: [f.personA.id, f.personB.id], organizations: [f.orgA.id, f.orgB.id] };
    const dossierBefore = await dossiers(ids);
    const rowsBefore = await rawRows(core, ['identitySuggestions']);

    const merge = await invoke(ops().merge, ctx(), {
      entityType: 'contact',
      survivorId: f.personA.id,
      mergedId: f.personB.id,
      fields: { firstName: 'merged' },
    });
    expect(merge).toMatchObject({
      entityType: 'contact',
      rule: 'manual',
      survivor: { entityId: f.personA.id, label: `Kate Lindqvist` },
      merged: { entityId: f.personB.id, deleted: true },
      undoneAt: null,
    });

    const survivor = await contactDossier(core, f.personA.id);
    expect(survivor.firstName).toBe('Kate');
    // Empty on the survivor, filled on the merged record: taken without being chosen.
    expect(survivor.title).toBe('Partner');
    expect(survivor.emails).toEqual(['kate@lindqvist.example.com', 'kate.lindqvist@gmail.com', 'k@lindqvist-office.example.com']);
    expect(survivor.phones).toHaveLength(2);
    expect(survivor.organizations.map((o) => o.organizationId).sort()).toEqual([f.orgA.id, f.orgB.id].sort());
    expect(survivor.tags.map((t) => t.name).sort()).toEqual(['Lindqvist board', 'Lindqvist warm']);
    // The survivor's custom field value wins unless the merged one is chosen.
    expect(survivor.customFields[f.contactField]).toBe('gold');
    expect(survivor.recentCommunications.map((c) => c.subject).sort()).toEqual(['Both on it', 'Diligence', 'Intro call']);
    expect(survivor.openTasks.map((t) => t.title).sort()).toEqual(['Call Katherine', 'Send deck to Kate']);
    const commitmentB = await invoke(operations.commitments.get, ctx(), { id: f.commitmentB.id });
    expect(commitmentB.primaryContact?.id ?? (commitmentB as unknown as { primaryContactId: string }).primaryContactId).toBe(f.personA.id);
    expect((await invoke(operations.contacts.get, ctx(), { id: f.personB.id })).deletedAt).not.toBeNull();
    const aliases = await core.db.selectFrom('entityAliases').selectAll().where('entityId', '=', f.personA.id).execute();
    expect(aliases.map((a) => `${a.kind}:${a.value}`)).toEqual(
      expect.arrayContaining([`merged_id:${f.personB.id}`, 'name:Kate Lindqvist', `external_id:email-${f.personB.id}`]),
    );
    const records = await core.db.selectFrom('identityRecords').select('entityId').where('externalId', '=', `email-${f.personB.id}`).executeTakeFirstOrThrow();
    expect(records.entityId).toBe(f.personA.id);
    // The edge between the two halves of one person is gone.
    expect(await core.db.selectFrom('relationshipEdges').selectAll().where('fromId', '=', f.personA.id).where('toId', '=', f.personA.id).execute()).toEqual([]);
    const log = await core.db
      .selectFrom('activityLog')
      .select(['action', 'entityId'])
      .where('action', '=', 'merge')
      .where('entityId', 'in', [f.personA.id, f.personB.id])
      .execute();
    expect(log).toHaveLength(2);

    const undone = await invoke(ops().undo, ctx(), { id: merge.id });
    expect(undone.undoneAt).not.toBeNull();
    expect(JSON.parse(await dossiers(ids))).toEqual(JSON.parse(dossierBefore));
    expect(await dossiers(ids)).toBe(dossierBefore);
    expect(await rawRows(core, ['identitySuggestions'])).toEqual(rowsBefore);
    const suggestion = await core.db
      .selectFrom('identitySuggestions')
      .selectAll()
      .where('entityA', '=', [f.personA.id, f.personB.id].sort()[0] as string)
      .executeTakeFirstOrThrow();
    expect(suggestion.status).toBe('rejected');
    await expect(invoke(ops().undo, ctx(), { id: merge.id })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('merges two organizations: people, domains, notes and commitments move; a same-fund commitment is retired; undo restores it all', async () => {
    const f = await buildDuplicates(core, actor, 'Okonkwo');
    const ids = { contacts: [f.personA.id, f.personB.id], organizations: [f.orgA.id, f.orgB.id] };
    const comparison = await invoke(ops().compare, ctx(), { a: f.orgA.id, b: f.orgB.id });
    expect(comparison.conflicts).toEqual([expect.stringContaining('Okonkwo Fund I')]);
    expect(comparison.fields.find((x) => x.field === 'website')).toMatchObject({ a: null, b: 'https://okonkwo.example.com', differs: true });
    const dossierBefore = await dossiers(ids);
    const rowsBefore = await rawRows(core, ['identitySuggestions']);

    const merge = await invoke(ops().merge, ctx(), { entityType: 'organization', survivorId: f.orgA.id, mergedId: f.orgB.id, fields: {} });
    const survivor = await organizationDossier(core, f.orgA.id);
    expect(survivor.name).toBe('Okonkwo Capital');
    expect(survivor.kind).toBe('family_office');
    expect(survivor.website).toBe('https://okonkwo.example.com');
    expect(survivor.emailDomains.slice().sort()).toEqual(['okonkwo-office.example.com', 'okonkwo.example.com']);
    expect(survivor.contacts.map((c) => c.id).sort()).toEqual([f.personA.id, f.personB.id].sort());
    expect(survivor.commitments.map((c) => c.id)).toContain(f.commitmentB2.id);
    expect(survivor.commitments.map((c) => c.id)).toContain(f.commitmentA.id);
    expect(survivor.commitments.map((c) => c.id)).not.toContain(f.commitmentB.id);
    expect(survivor.recentCommunications.map((c) => c.subject).sort()).toEqual(['Both on it', 'Diligence', 'Intro call']);
    expect(survivor.openTasks.map((t) => t.title)).toContain('Side letter for LLC');
    const retired = await core.db.selectFrom('commitments').select('deletedAt').where('id', '=', f.commitmentB.id).executeTakeFirstOrThrow();
    expect(retired.deletedAt).not.toBeNull();
    const announced = await core.db
      .selectFrom('activityLog')
      .select('action')
      .where('entityId', 'in', [f.commitmentB.id, f.commitmentB2.id])
      .where('action', 'in', ['delete', 'update'])
      .execute();
    expect(announced.map((e) => e.action).sort()).toEqual(['delete', 'update']);
    const notes = await invoke(operations.grid.notesLog, ctx(), { id: f.orgA.id });
    expect(notes.map((n) => n.body)).toContain('Met at the annual meeting');

    await invoke(ops().undo, ctx(), { id: merge.id });
    expect(await dossiers(ids)).toBe(dossierBefore);
    expect(await rawRows(core, ['identitySuggestions'])).toEqual(rowsBefore);
  });

  it('a merged-away record is not in the trash and cannot be restored from there; after the undo it is live again', async () => {
    const f = await buildDuplicates(core, actor, 'Thorvaldsen');
    const inTrash = async (entityType: 'contact' | 'organization', id: string) =>
      (await invoke(operations.trash.list, ctx(), { entityType, limit: 500, offset: 0 })).data.some((entry) => entry.id === id);
    const merge = await invoke(ops().merge, ctx(), { entityType: 'contact', survivorId: f.personA.id, mergedId: f.personB.id });
    expect(await inTrash('contact', f.personB.id)).toBe(false);
    await expect(invoke(operations.contacts.restore, ctx(), { id: f.personB.id })).rejects.toMatchObject({ code: 'conflict' });
    const orgMerge = await invoke(ops().merge, ctx(), { entityType: 'organization', survivorId: f.orgA.id, mergedId: f.orgB.id });
    expect(await inTrash('organization', f.orgB.id)).toBe(false);
    await expect(invoke(operations.organizations.restore, ctx(), { id: f.orgB.id })).rejects.toMatchObject({ code: 'conflict' });
    await invoke(ops().undo, ctx(), { id: orgMerge.id });
    await invoke(ops().undo, ctx(), { id: merge.id });
    expect((await invoke(operations.contacts.get, ctx(), { id: f.personB.id })).deletedAt).toBeNull();
    expect((await invoke(operations.organizations.get, ctx(), { id: f.orgB.id })).deletedAt).toBeNull();
  });

  it('takes chosen values, refuses unknown fields, trashed or merged-away records and mixed types', async () => {
    const f = await buildDuplicates(core, actor, 'Haverford');
    await expect(
      invoke(ops().merge, ctx(), { entityType: 'contact', survivorId: f.personA.id, mergedId: f.personB.id, fields: { shoeSize: 'merged' } }),
    ).rejects.toMatchObject({ code: 'invalid' });
    await expect(invoke(ops().merge, ctx(), { entityType: 'contact', survivorId: f.personA.id, mergedId: f.orgA.id })).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(
      invoke(ops().merge, ctx(), { entityType: 'contact', survivorId: f.personA.id, mergedId: '01900000-0000-7000-8000-000000000000' }),
    ).rejects.toMatchObject({ code: 'not_found' });

    const merge = await invoke(ops().merge, ctx(), {
      entityType: 'contact',
      survivorId: f.personA.id,
      mergedId: f.personB.id,
      fields: { [`customFields.${f.contactField}`]: 'merged' },
    });
    expect((await invoke(operations.contacts.get, ctx(), { id: f.personA.id })).customFields[f.contactField]).toBe('silver');
    await expect(invoke(ops().merge, ctx(), { entityType: 'contact', survivorId: f.personA.id, mergedId: f.personB.id })).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(invoke(ops().merge, ctx(), { entityType: 'contact', survivorId: f.personB.id, mergedId: f.personA.id })).rejects.toMatchObject({
      code: 'conflict',
    });
    await invoke(ops().undo, ctx(), { id: merge.id });
    expect((await invoke(operations.contacts.get, ctx(), { id: f.personA.id })).customFields[f.contactField]).toBe('gold');

    await invoke(operations.contacts.delete, ctx(), { id: f.personB.id });
    await expect(invoke(ops().merge, ctx(), { entityType: 'contact', survivorId: f.personA.id, mergedId: f.personB.id })).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(
      invoke(ops().merge, { core, actor: testActor({ role: 'agent' }) }, { entityType: 'organization', survivorId: f.orgA.id, mergedId: f.orgB.id }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('an undo after a later edit of the survivor keeps the edit, restores the links and the merged record', async () => {
    const f = await buildDuplicates(core, actor, 'Abernathy');
    const merge = await invoke(ops().merge, ctx(), {
      entityType: 'contact',
      survivorId: f.personA.id,
      mergedId: f.personB.id,
      fields: { firstName: 'merged' },
    });
    const merged = await invoke(operations.contacts.get, ctx(), { id: f.personA.id });
    await invoke(operations.contacts.update, ctx(), { id: f.personA.id, changes: { location: 'Oslo' } });
    await invoke(ops().undo, ctx(), { id: merge.id });
    const survivor = await invoke(operations.contacts.get, ctx(), { id: f.personA.id });
    expect(survivor).toMatchObject({ firstName: 'Katherine', title: null, location: 'Oslo' });
    expect(survivor.version).toBeGreaterThan(merged.version + 1);
    expect(survivor.emails).toEqual(['kate@abernathy.example.com']);
    const back = await invoke(operations.contacts.get, ctx(), { id: f.personB.id });
    expect(back).toMatchObject({ firstName: 'Kate', deletedAt: null });
    expect(back.emails).toHaveLength(2);

    const list = await invoke(ops().list, ctx(), { entityId: f.personA.id, includeUndone: 'true' });
    expect(list.data.map((m) => m.id)).toEqual([merge.id]);
    expect((await invoke(ops().list, ctx(), { entityId: f.personA.id })).total).toBe(0);
  });
  it('marks the suggestion merged, refuses to undo a merge whose survivor was merged away since, and gives emails back after the survivor rewrote them', async () => {
    const f = await buildDuplicates(core, actor, 'Marchetti');
    const [entityA, entityB] = [f.personA.id, f.personB.id].sort() as [string, string];
    // Creating two similar contacts may already have queued the pair (the resolver's duplicate check); use that row if so.
    const queued = await core.db
      .selectFrom('identitySuggestions')
      .select('id')
      .where('entityA', '=', entityA)
      .where('entityB', '=', entityB)
      .executeTakeFirst();
    const suggestionId = queued?.id ?? newId();
    const now = core.clock.now().toISOString();
    if (!queued)
      await core.db
        .insertInto('identitySuggestions')
        .values({
          id: suggestionId,
          entityType: 'contact',
          entityA,
          entityB,
          confidence: 0.8,
          evidenceJson: '[]',
          status: 'open',
          createdAt: now,
          updatedAt: now,
          decidedAt: null,
          decidedBy: null,
        })
        .execute();
    const merge = await invoke(ops().merge, ctx(), { entityType: 'contact', survivorId: f.personA.id, mergedId: f.personB.id, suggestionId });
    const status = async () =>
      (await core.db.selectFrom('identitySuggestions').select('status').where('id', '=', suggestionId).executeTakeFirstOrThrow()).status;
    expect(await status()).toBe('merged');

    const third = await invoke(operations.contacts.create, ctx(), { firstName: 'Kat', lastName: 'Marchetti' });
    const later = await invoke(ops().merge, ctx(), { entityType: 'contact', survivorId: third.id, mergedId: f.personA.id });
    await expect(invoke(ops().undo, ctx(), { id: merge.id })).rejects.toMatchObject({ code: 'conflict' });
    await invoke(ops().undo, ctx(), { id: later.id });

    // A contact edit rewrites every email row under a new id; the undo still finds them by address.
    const emails = (await invoke(operations.contacts.get, ctx(), { id: f.personA.id })).emails;
    await invoke(operations.contacts.update, ctx(), { id: f.personA.id, changes: { emails: [...emails, 'katherine@marchetti.example.org'] } });
    await invoke(ops().undo, ctx(), { id: merge.id });
    expect(await status()).toBe('rejected');
    expect((await invoke(operations.contacts.get, ctx(), { id: f.personB.id })).emails.sort()).toEqual([
      'k@marchetti-office.example.com',
      'kate.marchetti@gmail.com',
    ]);
    expect((await invoke(operations.contacts.get, ctx(), { id: f.personA.id })).emails.sort()).toEqual([
      'kate@marchetti.example.com',
      'katherine@marchetti.example.org',
    ]);
  });
  it('keeps an empty survivor value when the survivor side is chosen, and a person whose primary firm was merged away keeps it primary', async () => {
    const f = await buildDuplicates(core, actor, 'Taniguchi');
    const merge = await invoke(ops().merge, ctx(), { entityType: 'contact', survivorId: f.personA.id, mergedId: f.personB.id, fields: { title: 'survivor' } });
    expect((await invoke(operations.contacts.get, ctx(), { id: f.personA.id })).title).toBeNull();
    await invoke(ops().undo, ctx(), { id: merge.id });

    const both = await invoke(operations.contacts.create, ctx(), {
      lastName: 'Taniguchi-Both',
      organizations: [
        { organizationId: f.orgA.id, isPrimary: false },
        { organizationId: f.orgB.id, isPrimary: true },
      ],
    });
    await invoke(ops().merge, ctx(), { entityType: 'organization', survivorId: f.orgA.id, mergedId: f.orgB.id });
    const person = await invoke(operations.contacts.get, ctx(), { id: both.id });
    expect(person.organizations).toEqual([expect.objectContaining({ organizationId: f.orgA.id, isPrimary: true })]);
    expect(person.primaryOrganization?.id).toBe(f.orgA.id);
  });
});
