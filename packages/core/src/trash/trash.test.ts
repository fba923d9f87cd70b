import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { operations } from '../operations.js';
import { seedDemo } from '../seed/demo.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';
import { purgeTrash } from './purge.js';
import { execute } from '../kernel/operations.js';

describe.each(testDialects())('seed and purge on %s', (dialect) => {
  // A fresh database per test: the seed refuses a database that has data, and each test seeds its own.
  let core: TestCore;
  const actor = testActor({ kind: 'system', door: 'cli' });
  beforeEach(async () => {
    core = await openTestCore(dialect);
  });
  afterEach(() => core.dispose());

  it('seeds a deterministic demo fund once, with commitments in every stage', async () => {
    const summary = await seedDemo(core, actor);
    expect(summary).toEqual({ funds: 2, organizations: 12, contacts: 25, commitments: 18, communications: 10, tasks: 6, tags: 5 });
    const stages = await core.db.selectFrom('commitments').select('stage').distinct().execute();
    expect(stages.map((s) => s.stage).sort()).toEqual(['closed', 'committed', 'declined', 'due_diligence', 'lead', 'meeting', 'outreach', 'soft_circle']);
    const names = await core.db.selectFrom('organizations').select('name').orderBy('name').execute();
    expect(names[0]?.name).toBe('Atlantic Mutual Insurance');
    await expect(seedDemo(core, actor)).rejects.toThrow(/only runs on an empty database/);
  });

  it('purges only trash older than the retention period, and logs the purge', async () => {
    await seedDemo(core, actor);
    const ctx = { core, actor };
    const [first, second] = (await execute(operations.contacts.list, ctx, { limit: 2, offset: 0 })).data;
    if (!first || !second) throw new Error('seed should have contacts');
    await execute(operations.contacts.delete, ctx, { id: first.id });
    await execute(operations.contacts.delete, ctx, { id: second.id });
    // Age one trashed row beyond the retention period.
    await core.db.updateTable('contacts').set({ deletedAt: '2020-01-01T00:00:00.000Z' }).where('id', '=', first.id).execute();

    const dry = await purgeTrash(core, actor, 30, true);
    expect(dry.purged.contact).toBe(1);
    expect(await core.db.selectFrom('contacts').select('id').where('id', '=', first.id).executeTakeFirst()).toBeDefined();

    const result = await purgeTrash(core, actor, 30);
    expect(result.purged.contact).toBe(1);
    expect(await core.db.selectFrom('contacts').select('id').where('id', '=', first.id).executeTakeFirst()).toBeUndefined();
    expect(await core.db.selectFrom('contactEmails').select('id').where('contactId', '=', first.id).executeTakeFirst()).toBeUndefined();
    expect(await core.db.selectFrom('contacts').select('id').where('id', '=', second.id).executeTakeFirst()).toBeDefined();
    const log = await core.db.selectFrom('activityLog').selectAll().where('action', '=', 'purge').execute();
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0]?.diffJson ?? '{}')).toMatchObject({ olderThanDays: 30, purged: { contact: 1 } });

    await expect(purgeTrash(core, testActor({ role: 'manager' }), 30)).rejects.toThrow(/does not allow/);
    await expect(purgeTrash(core, actor, 0)).rejects.toThrow(/at least 1/);
  });
});
