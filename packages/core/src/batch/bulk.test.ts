import { BulkRequest } from '@lpdesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateContact } from '../contacts/commands.js';
import { listContacts } from '../contacts/queries.js';
import { systemActor } from '../kernel/actor.js';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { listOrganizations } from '../organizations/queries.js';
import { seedDemo } from '../seed/demo.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';
import { runBulkAction } from './bulk.js';
import { undoBatch } from './undo.js';

describe.each(testDialects())('bulk actions by query, and their undo, on %s', (dialect) => {
  let core: TestCore;
  const actor = testActor({ kind: 'user', door: 'http' });
  let userId = '';
  let tagId = '';

  const bulk = (request: unknown) => runBulkAction(core, actor, BulkRequest.parse(request));
  const logCount = async () =>
    Number(
      (
        await core.db
          .selectFrom('activityLog')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const entriesOf = (batchId: string) => core.db.selectFrom('activityLog').selectAll().where('batchId', '=', batchId).execute();

  beforeAll(async () => {
    core = await openTestCore(dialect);
    await seedDemo(core, systemActor('cli'), { copies: 3 });
    const user = await invoke(
      operations.access.createUser,
      { core, actor: systemActor('cli') },
      { username: 'owner', password: 'a long enough password', role: 'member' },
    );
    userId = user.id;
    tagId = (await invoke(operations.tags.create, { core, actor }, { name: 'Bulk test', color: '#0d9488' })).id;
  });
  afterAll(() => core.dispose());

  it('tags every contact a query matches as one batch: one log entry per record, all with the batch id', async () => {
    const query = { relationship: 'investor' as const };
    const matching = await listContacts(core, { limit: 500, offset: 0, ...query });
    expect(matching.total).toBeGreaterThan(10);
    const batch = await bulk({ collection: 'contacts', selection: { query }, action: { kind: 'addTag', tagId }, expectedCount: matching.total });
    expect(batch).toMatchObject({ collection: 'contacts', action: 'addTag', matched: matching.total, count: matching.total, undoneAt: null });
    const entries = await entriesOf(batch.id);
    expect(entries).toHaveLength(matching.total);
    expect(new Set(entries.map((e) => e.entityId))).toEqual(new Set(matching.data.map((c) => c.id)));
    expect((await listContacts(core, { limit: 1, offset: 0, tagId })).total).toBe(matching.total);

    // Tagging again changes nothing and counts nothing.
    expect((await bulk({ collection: 'contacts', selection: { query }, action: { kind: 'addTag', tagId } })).count).toBe(0);

    const undone = await undoBatch(core, actor, batch.id);
    expect(undone).toMatchObject({ restored: matching.total, skipped: [] });
    expect((await listContacts(core, { limit: 1, offset: 0, tagId })).total).toBe(0);
    expect((await entriesOf(batch.id)).filter((e) => e.action === 'untag')).toHaveLength(matching.total);
    await expect(undoBatch(core, actor, batch.id)).rejects.toThrow(/already undone/);
  });

  it('moves a whole filtered list to the trash and brings it back in one undo', async () => {
    const query = { q: 'Atlantic' };
    const before = await listOrganizations(core, { limit: 500, offset: 0, ...query });
    expect(before.total).toBeGreaterThan(1);
    const batch = await bulk({ collection: 'organizations', selection: { query }, action: { kind: 'trash' }, expectedCount: before.total });
    expect(batch.count).toBe(before.total);
    expect((await listOrganizations(core, { limit: 1, offset: 0, ...query })).total).toBe(0);
    expect((await listOrganizations(core, { limit: 1, offset: 0, ...query, deleted: 'only' })).total).toBe(before.total);

    const undone = await undoBatch(core, actor, batch.id);
    expect(undone.restored).toBe(before.total);
    const after = await listOrganizations(core, { limit: 500, offset: 0, ...query });
    expect(after.data.map((o) => o.id)).toEqual(before.data.map((o) => o.id));
    const actions = (await entriesOf(batch.id)).map((e) => e.action).sort();
    expect(actions).toEqual([...Array(before.total).fill('delete'), ...Array(before.total).fill('restore')]);
  });

  it('leaves a record changed since the batch as it is, restores the rest, and says which', async () => {
    const query = { relationship: 'prospect' as const };
    const before = await listContacts(core, { limit: 500, offset: 0, ...query });
    const batch = await bulk({ collection: 'contacts', selection: { query }, action: { kind: 'setOwner', ownerId: userId } });
    expect(batch.count).toBe(before.data.filter((c) => c.ownerId !== userId).length);
    const [edited, reassigned] = before.data;
    if (!edited || !reassigned) throw new Error('need two prospects');
    await updateContact(core, actor, edited.id, { title: 'Edited after the batch' });
    await updateContact(core, actor, reassigned.id, { ownerId: null });

    const undone = await undoBatch(core, actor, batch.id);
    expect(undone.restored).toBe(batch.count - 2);
    expect(undone.skipped.map((s) => s.name).sort()).toEqual([edited.fullName, reassigned.fullName].sort());
    const now = new Map((await listContacts(core, { limit: 500, offset: 0, ...query })).data.map((c) => [c.id, c]));
    expect(now.get(edited.id)).toMatchObject({ ownerId: userId, title: 'Edited after the batch' });
    expect(now.get(reassigned.id)?.ownerId).toBeNull();
    for (const contact of before.data.slice(2)) expect(now.get(contact.id)?.ownerId, contact.fullName).toBe(contact.ownerId);
  });

  it('changes nothing when the selection no longer matches the count the user was shown, or the tag or owner is unknown', async () => {
    const logBefore = await logCount();
    const batchesBefore = (await core.db.selectFrom('batches').select('id').execute()).length;
    const total = (await listContacts(core, { limit: 1, offset: 0 })).total;
    await expect(bulk({ collection: 'contacts', selection: { query: {} }, action: { kind: 'trash' }, expectedCount: total - 1 })).rejects.toThrow(
      new RegExp(`now matches ${total.toLocaleString('en-US')} contacts, not ${(total - 1).toLocaleString('en-US')}`),
    );
    await expect(
      bulk({ collection: 'contacts', selection: { query: {} }, action: { kind: 'addTag', tagId: '01890000-0000-7000-8000-000000000000' } }),
    ).rejects.toThrow(/Tag/);
    await expect(
      bulk({ collection: 'contacts', selection: { query: {} }, action: { kind: 'setOwner', ownerId: '01890000-0000-7000-8000-000000000000' } }),
    ).rejects.toThrow(/no user/);
    await expect(
      runBulkAction(core, testActor({ role: 'agent' }), BulkRequest.parse({ collection: 'contacts', selection: { query: {} }, action: { kind: 'trash' } })),
    ).rejects.toThrow(/role/);
    expect(await logCount()).toBe(logBefore);
    expect((await core.db.selectFrom('batches').select('id').execute()).length).toBe(batchesBefore);
    expect((await listContacts(core, { limit: 1, offset: 0 })).total).toBe(total);
  });

  it('acts on picked ids, and refuses ids that are gone', async () => {
    const [first, second] = (await listContacts(core, { limit: 2, offset: 0 })).data;
    if (!first || !second) throw new Error('need contacts');
    const batch = await bulk({ collection: 'contacts', selection: { ids: [first.id, second.id] }, action: { kind: 'trash' } });
    expect(batch.count).toBe(2);
    await expect(bulk({ collection: 'contacts', selection: { ids: [first.id] }, action: { kind: 'addTag', tagId } })).rejects.toThrow(/no longer exist/);
    await undoBatch(core, actor, batch.id);
  });
});
