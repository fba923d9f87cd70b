import type { KyselyPlugin } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { operations } from '../operations.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';
import { execute, invoke } from './operations.js';


describe.each(testDialects())('list totals on %s', (dialect) => {
  let core: TestCore;
  const actor = testActor();
  beforeEach(async () => {
    core = await openTestCore(dialect);
  });
  afterEach(() => core.dispose());

  it('stay exact across creates, trash and restore, and are not recounted while nothing changes', async () => {
    // Counts executed COUNT(*) queries (their one row has `total`): an unchanged list must not recount.
    let counted = 0;
    const capture: KyselyPlugin = {
      transformQuery: ({ node }) => node,
      transformResult: async ({ result }) => {
        if (result.rows.length === 1 && 'total' in (result.rows[0] ?? {})) counted += 1;
        return result;
      },
    };
    const ctx = { core: { ...core, db: core.db.withPlugin(capture) }, actor };
    const total = async (query: Record<string, unknown> = {}) => (await execute(operations.contacts.list, ctx, { limit: 1, offset: 0, ...query })).total;

    const first = await invoke(operations.contacts.create, ctx, { firstName: 'Ada', lastName: 'Lovelace' });
    await invoke(operations.contacts.create, ctx, { firstName: 'Grace', lastName: 'Hopper' });
    expect(await total()).toBe(2);
    counted = 0;
    expect(await total()).toBe(2);
    expect(counted).toBe(0);
    expect(await total({ sort: '-name' })).toBe(2);
    expect(counted).toBe(0);

    await invoke(operations.contacts.create, ctx, { firstName: 'Alan', lastName: 'Turing' });
    expect(await total()).toBe(3);
    expect(counted).toBe(1);
    await invoke(operations.contacts.delete, ctx, { id: first.id });
    expect(await total()).toBe(2);
    expect(await total({ deleted: 'only' })).toBe(1);
    await invoke(operations.contacts.restore, ctx, { id: first.id });
    expect(await total()).toBe(3);
    expect(await total({ deleted: 'only' })).toBe(0);
    // Another filter is another total.
    expect(await total({ ownerId: '00000000-0000-4000-8000-000000000000' })).toBe(0);
  });
});
