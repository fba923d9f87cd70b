import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTACT_SORTS } from '../contacts/queries.js';
import { COMMITMENT_SORTS } from '../commitments/queries.js';
import { COMMUNICATION_SORTS } from '../communications/queries.js';
import { execute, invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { ORGANIZATION_SORTS } from '../organizations/queries.js';
import { seedDemo } from '../seed/demo.js';
import { TASK_SORTS } from '../tasks/queries.js';
import { captureQuery, explain, isPageQuery } from '../testing/query-plans.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';

/**
 * Every sort every list offers reads its page from an index (no sort of all rows), on each dialect.
 * The one exception is sorting people by their firm's name, which lives in another table.
 */
const UNINDEXED = new Set(['contacts:organization']);

const LISTS = {
  contacts: { operation: operations.contacts.list, sorts: CONTACT_SORTS },
  organizations: { operation: operations.organizations.list, sorts: ORGANIZATION_SORTS },
  commitments: { operation: operations.commitments.list, sorts: COMMITMENT_SORTS },
  tasks: { operation: operations.tasks.list, sorts: TASK_SORTS },
  communications: { operation: operations.communications.list, sorts: COMMUNICATION_SORTS },
} as const;

const cases = Object.entries(LISTS).flatMap(([list, { sorts }]) =>
  Object.keys(sorts).flatMap((field) => [`${field}`, `-${field}`].map((sort) => ({ list: list as keyof typeof LISTS, sort, field }))),
);

describe.each(testDialects())('list sort plans on %s', (dialect) => {
  let core: TestCore;
  const actor = testActor();
  beforeAll(async () => {
    core = await openTestCore(dialect);
    await seedDemo(core, testActor({ kind: 'system' }), { copies: 3 });
  });
  afterAll(() => core.dispose());

  it.each(cases)('$list sorted by $sort', async ({ list, sort, field }) => {
    const { operation } = LISTS[list];
    const page = await captureQuery(
      core.db,
      (db) => execute(operation as typeof operations.contacts.list, { core: { ...core, db }, actor }, { limit: 50, offset: 0, sort }),
      isPageQuery,
    );
    const plan = await explain(core.db, core.dialect, page);
    if (UNINDEXED.has(`${list}:${field}`)) {
      expect(plan.sortsAllRows, plan.text).toBe(true);
      return;
    }
    expect(plan.sortsAllRows, plan.text).toBe(false);
    expect(
      plan.indexes.some((name) => name.includes('_live_')),
      plan.text,
    ).toBe(true);
  });

  it.runIf(dialect === 'postgres')('turns JIT compilation off on its PostgreSQL connections', async () => {
    const { rows } = await sql<{ jit: string }>`show jit`.execute(core.db);
    expect(rows[0]?.jit).toBe('off');
  });

  it('rows without a value come last in both directions', async () => {
    const ctx = { core, actor };
    await invoke(operations.contacts.create, ctx, { firstName: 'Aaron', lastName: 'Aardvark' });
    await invoke(operations.contacts.create, ctx, { firstName: 'Zed', lastName: 'Zulu' });
    for (const sort of ['title', '-title']) {
      const { data } = await execute(operations.contacts.list, ctx, { limit: 200, offset: 0, sort });
      const titles = data.map((c) => c.title);
      const firstEmpty = titles.indexOf(null);
      expect(firstEmpty, sort).toBeGreaterThan(0);
      expect(
        titles.slice(firstEmpty).every((t) => t === null),
        sort,
      ).toBe(true);
    }
  });
});
