import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTACT_SORTS } from '../contacts/queries.js';
import { COMMITMENT_SORTS } from '../commitments/queries.js';
import { COMMUNICATION_SORTS } from '../communications/queries.js';
import { execute, invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { ORGANIZATION_SORTS } from '../organizations/queries.js';
import { refreshStatistics } from '../db/statistics.js';
import { seedDemo } from '../seed/demo.js';
import { TASK_SORTS } from '../tasks/queries.js';
import { captureQuery, explain, isPageQuery } from '../testing/query-plans.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';

/** Every sort every list offers reads its page from an index (no sort of all rows), on each dialect. */
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
    // Enough rows that reading all and sorting loses to walking an index, with real statistics: on a
    // few dozen rows the planners rightly prefer a sort.
    await seedDemo(core, testActor({ kind: 'system' }), { copies: 40 });
    await refreshStatistics(core.db, core.dialect);
  });
  afterAll(() => core.dispose());

  it.each(cases)('$list sorted by $sort', async ({ list, sort }) => {
    const { operation } = LISTS[list];
    const page = await captureQuery(
      core.db,
      (db) => execute(operation as typeof operations.contacts.list, { core: { ...core, db }, actor }, { limit: 50, offset: 0, sort }),
      isPageQuery,
    );
    const plan = await explain(core.db, core.dialect, page);
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

  it('people sorted by firm follow links, renames, trash and restore of organizations', async () => {
    const ctx = { core, actor };
    const firm = await invoke(operations.organizations.create, ctx, { name: '0000 Sort Test Capital', kind: 'family_office' });
    const person = await invoke(operations.contacts.create, ctx, { firstName: 'Sorta', lastName: 'Person' });
    const firstByFirm = async () => (await execute(operations.contacts.list, ctx, { limit: 1, offset: 0, sort: 'organization' })).data[0]?.id;
    expect(await firstByFirm()).not.toBe(person.id);
    await invoke(operations.contacts.update, ctx, { id: person.id, changes: { organizationId: firm.id } });
    expect(await firstByFirm()).toBe(person.id);
    await invoke(operations.organizations.update, ctx, { id: firm.id, changes: { name: 'zzzz Sort Test Capital' } });
    expect(await firstByFirm()).not.toBe(person.id);
    await invoke(operations.organizations.update, ctx, { id: firm.id, changes: { name: '0000 Sort Test Capital' } });
    expect(await firstByFirm()).toBe(person.id);
    await invoke(operations.organizations.delete, ctx, { id: firm.id });
    expect(await firstByFirm()).not.toBe(person.id);
    await invoke(operations.organizations.restore, ctx, { id: firm.id });
    expect(await firstByFirm()).toBe(person.id);
  });

  it('rows without a value come last in both directions', async () => {
    const ctx = { core, actor };
    await invoke(operations.contacts.create, ctx, { firstName: 'Aaron', lastName: 'Aardvark' });
    await invoke(operations.contacts.create, ctx, { firstName: 'Zed', lastName: 'Zulu' });
    for (const sort of ['title', '-title']) {
      const { total } = await execute(operations.contacts.list, ctx, { limit: 1, offset: 0, sort });
      const { data } = await execute(operations.contacts.list, ctx, { limit: 5, offset: total - 5, sort });
      // The demo's people all have titles; the few created in these tests have none, and come last either way.
      const empty = data.map((c) => c.title === null);
      expect(empty, sort).toEqual([...empty].sort());
      expect([empty[0], empty.at(-1)], sort).toEqual([false, true]);
    }
  });
});
