import { primaryOrganizationName } from '../contacts/organization-sort.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../kernel/actor.js';
import { Conflict } from '../kernel/errors.js';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { openTestCore, testDialects, type TestCore } from '../testing/index.js';

const count = async (core: TestCore, table: 'organizations' | 'contacts' | 'funds' | 'tags' | 'commitments' | 'activityLog') =>
  Number(
    (
      await core.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.each(testDialects())('the demo seed is all or nothing on %s', (dialect) => {
  let core: TestCore;
  const ctx = () => ({ core, actor: systemActor('cli') });
  // A fresh database per test: the seed refuses to run on one that already has organizations.
  beforeEach(async () => {
    core = await openTestCore(dialect);
  });
  afterEach(() => core.dispose());

  it('leaves nothing behind when it fails midway', async () => {
    // A contact (without an organization) already owns the email of a demo person near the end of the
    // list: the seed gets past the tags, funds and most investors before it clashes.
    await invoke(operations.contacts.create, ctx(), { lastName: 'Squatter', emails: ['isabel.moreno@vantagepoint.example.com'] });
    const logBefore = await count(core, 'activityLog');
    await expect(invoke(operations.seed.demo, ctx(), {})).rejects.toBeInstanceOf(Conflict);
    expect(await count(core, 'organizations')).toBe(0);
    expect(await count(core, 'funds')).toBe(0);
    expect(await count(core, 'tags')).toBe(0);
    expect(await count(core, 'commitments')).toBe(0);
    expect(await count(core, 'contacts')).toBe(1);
    expect(await count(core, 'activityLog')).toBe(logBefore);
  });

  it('seeds through its operation from the CLI, and is refused through any other door', async () => {
    await expect(invoke(operations.seed.demo, { core, actor: { ...systemActor('http'), door: 'http' } }, {})).rejects.toThrow(
      /not available through the http door/,
    );
    expect(await count(core, 'organizations')).toBe(0);
    const summary = await invoke(operations.seed.demo, ctx(), {});
    expect(summary.organizations).toBe(12);
    await expect(invoke(operations.seed.demo, ctx(), {})).rejects.toThrow(/only runs on an empty database/);
  });
});

describe.each(testDialects())('demo seed copies on %s', (dialect) => {
  let core: TestCore;
  const ctx = () => ({ core, actor: systemActor('cli') });
  beforeEach(async () => {
    core = await openTestCore(dialect);
  });
  afterEach(() => core.dispose());

  const organizationNamed = async (name: string) =>
    (await core.db.selectFrom('organizations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  /** A dossier with ids, times and the copy's numbering taken out: what must match between copies. */
  const shapeOf = async (name: string, copy: string) => {
    const {
      recentCommunications: _communications,
      openTasks: _tasks,
      ...dossier
    } = await invoke(operations.organizations.get, ctx(), { id: await organizationNamed(name) });
    return JSON.parse(
      JSON.stringify(dossier)
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'ID')
        .replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, 'TIME')
        .replaceAll(` ${copy}"`, '"')
        .replaceAll(`c${copy}.`, ''),
    ) as unknown;
  };

  it('repeats every investor with its people, commitments, tags and paperwork, each logged as created', async () => {
    const summary = await invoke(operations.seed.demo, ctx(), { copies: 3 });
    expect(summary).toMatchObject({ organizations: 36, contacts: 75, commitments: 54 });
    expect(await count(core, 'contacts')).toBe(75);
    for (const name of ['Harborview Family Office', 'Lakeshore Teachers Pension']) {
      const original = await shapeOf(name, '1');
      expect(await shapeOf(`${name} 2`, '2')).toEqual(original);
      expect(await shapeOf(`${name} 3`, '3')).toEqual(original);
    }
    // The firm-name copy kept for sorting matches what a refresh computes from the links.
    const contactRows = await core.db
      .selectFrom('contacts as c')
      .select((eb) => ['c.organizationSortName', primaryOrganizationName(eb.ref('c.id')).as('computed')])
      .execute();
    expect(contactRows.filter((row) => row.organizationSortName !== row.computed)).toEqual([]);
    const copied = await invoke(operations.contacts.list, ctx(), { q: 'eleanor.whitfield@c3.harborview', limit: 10 });
    expect(copied.data.map((contact) => contact.emails)).toEqual([['eleanor.whitfield@c3.harborview.example.com']]);
    const created = await core.db
      .selectFrom('activityLog')
      .select((eb) => ['entityType', eb.fn.countAll<number>().as('n')])
      .where('action', '=', 'create')
      .where('entityType', 'in', ['organization', 'contact', 'commitment'])
      .groupBy('entityType')
      .orderBy('entityType')
      .execute();
    expect(created.map((row) => [row.entityType, Number(row.n)])).toEqual([
      ['commitment', 54],
      ['contact', 75],
      ['organization', 36],
    ]);
  });
});

describe.each(testDialects())('the demo seed feeds the reports on %s', (dialect) => {
  let core: TestCore;
  const ctx = () => ({ core, actor: systemActor('cli') });
  beforeEach(async () => {
    core = await openTestCore(dialect);
  });
  afterEach(() => core.dispose());

  it('gives Fund II a stage history (conversion, days in stage) and every touch an author', async () => {
    const user = await invoke(operations.access.createUser, ctx(), {
      username: 'partner',
      fullName: 'Pat Partner',
      password: 'correct horse battery',
      role: 'member',
    });
    await invoke(operations.seed.demo, ctx(), {});
    const fundII = (await invoke(operations.funds.list, ctx(), { limit: 10 })).data.find((f) => f.name === 'Fund II');
    const report = await invoke(operations.analytics.conversion, ctx(), { fundId: fundII?.id });
    const stage = (name: string) => report.stages.find((s) => s.stage === name);
    // 12 Fund II commitments, all entered at lead; only the one still at lead has not moved on.
    expect(stage('lead')).toMatchObject({ entered: 12, advanced: 11 });
    // Warm intros skip outreach: fewer enter it than leave lead.
    expect(stage('outreach')?.entered).toBeLessThan(11);
    expect(stage('meeting')?.advanced).toBeGreaterThan(0);
    expect(stage('meeting')?.medianDays).toBeGreaterThan(0);
    expect(report.winRate).toMatchObject({ won: 3, lost: 1 });
    const activity = await invoke(operations.analytics.activity, ctx(), { coldDays: 30 });
    expect(activity.byUser.map((u) => [u.userId, u.name])).toEqual([[user.id, 'Pat Partner']]);
  });
});
