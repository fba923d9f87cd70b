import { addDays, calendarDate } from '@lpdesk/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../kernel/actor.js';
import type { ManualClock } from '../../kernel/clock.js';
import { today } from '../../kernel/context.js';
import { invoke } from '../../kernel/operations.js';
import { operations } from '../../operations.js';
import { manualTestClock, openTestCore, testActor, testDialects, type TestCore } from '../../testing/index.js';
import { addCalendarDays } from './range.js';

/*
 * One fixed data set, built through the operations with the clock moved by hand, and every number
 * of every report checked against a hand-computed literal (the derivation is in the comments).
 * "d-N" means N whole days before the test's "now" (T0); whole days keep durations exact in any zone.
 *
 * Fund II (the fund reported on), commitments and their stage histories:
 *   A  endowment "Alpha Endowment", Boston, MA:  lead@90 outreach@80 meeting@70 dd@60 sc@50 committed@40 (300,000,000) closed@20; funded 100,000,000
 *   B  family office "Bravo Office", Boston, MA:  lead@90 meeting@85 (skips outreach) committed@45 (20,000,000; skips dd, sc)
 *   C  "Charlie Fund":                            lead@88 outreach@81 meeting@68 outreach@63 (backwards) meeting@58 dd@48; expected 50,000,000, owner U2, medium
 *   D  "Delta Trust":                             lead@86 sc@74 committed@66 (10,000,000) declined@36 "Timing" (declined after committed); expected 15,000,000
 *   E  "Echo Partners":                           lead@84 outreach@79 declined@74 "Fund size"; expected 8,000,000
 *   F  "Foxtrot Family":                          lead@30; expected 100,000,000, probability 10, owner U1, high, closes d+40
 *   G  family office "Golf Partners", no location: lead@200 (before the cohort range) committed@10 (5,000,000)
 *   H  "Hotel Group":                             lead@60 declined@55 "  Fund size " (trimmed); expected 7,000,000
 *   I  "India Holdings":                          created in soft circle @5; expected 40,000,000
 * Fund I (prior fund): A 100,000,000, B 50,000,000, D 30,000,000, C 20,000,000, Zulu 10,000,000 committed;
 *   Yankee in lead (not an LP).
 */
const DAY = 86_400_000;

interface World {
  core: TestCore;
  clock: ManualClock;
  t0: Date;
  fund2: string;
  fund1: string;
  u1: string;
  u2: string;
  orgs: Record<string, string>;
  commitments: Record<string, string>;
  tasks: Record<string, string>;
}

async function build(core: TestCore, clock: ManualClock): Promise<World> {
  const admin = testActor();
  const ctx = { core, actor: admin };
  const t0 = clock.now();
  const at = (daysBefore: number) => clock.set(new Date(t0.getTime() - daysBefore * DAY));
  // Calendar days relative to T0, whatever the clock says while the history is written.
  const dayOf = (daysFromNow: number) => addCalendarDays(calendarDate(t0, core.settings.timeZone), daysFromNow);
  const u1 = (await invoke(operations.access.createUser, ctx, { username: 'ann', fullName: 'Ann One', password: 'correct horse battery', role: 'member' })).id;
  const u2 = (await invoke(operations.access.createUser, ctx, { username: 'uma', fullName: 'Uma Two', password: 'correct horse battery', role: 'member' })).id;
  const fund1 = (await invoke(operations.funds.create, ctx, { name: 'Fund I', vintage: 2021, status: 'closed' })).id;
  const fund2 = (
    await invoke(operations.funds.create, ctx, {
      name: 'Fund II',
      vintage: 2031,
      status: 'raising',
      targetAmount: 1_000_000_000,
      firstCloseOn: dayOf(-40),
      finalCloseOn: dayOf(-15),
    })
  ).id;
  const orgSpecs: [string, string, string, string | null, string | null][] = [
    ['A', 'Alpha Endowment', 'endowment', 'Boston, MA', null],
    ['B', 'Bravo Office', 'family_office', ' Boston, MA ', null],
    ['C', 'Charlie Fund', 'pension', 'Denver, CO', null],
    ['D', 'Delta Trust', 'foundation', null, u1],
    ['E', 'Echo Partners', 'corporate', null, null],
    ['F', 'Foxtrot Family', 'family_office', null, null],
    ['G', 'Golf Partners', 'family_office', null, null],
    ['H', 'Hotel Group', 'corporate', null, null],
    ['I', 'India Holdings', 'sovereign', null, null],
    ['Y', 'Yankee Office', 'family_office', null, null],
    ['Z', 'Zulu Capital', 'bank', null, null],
  ];
  const orgs: Record<string, string> = {};
  for (const [key, name, kind, location, ownerId] of orgSpecs) {
    orgs[key] = (await invoke(operations.organizations.create, ctx, { name, kind, ...(location ? { location } : {}), ...(ownerId ? { ownerId } : {}) })).id;
  }
  // Fund I first: its history is not Fund II's.
  at(400);
  for (const [key, amount] of [
    ['A', 100_000_000],
    ['B', 50_000_000],
    ['D', 30_000_000],
    ['C', 20_000_000],
    ['Z', 10_000_000],
  ] as const) {
    await invoke(operations.commitments.create, ctx, { organizationId: orgs[key], fundId: fund1, stage: 'committed', committedAmount: amount });
  }
  await invoke(operations.commitments.create, ctx, { organizationId: orgs.Y, fundId: fund1, stage: 'lead', expectedAmount: 5_000_000 });

  const commitments: Record<string, string> = {};
  const create = async (key: string, daysBefore: number, fields: Record<string, unknown> = {}) => {
    at(daysBefore);
    commitments[key] = (await invoke(operations.commitments.create, ctx, { organizationId: orgs[key], fundId: fund2, stage: 'lead', ...fields })).id;
  };
  const move = async (key: string, daysBefore: number, stage: string, extra: Record<string, unknown> = {}) => {
    at(daysBefore);
    await invoke(operations.commitments.moveStage, ctx, { id: commitments[key], move: { stage, ...extra } });
  };
  await create('A', 90, { expectedAmount: 250_000_000, fundedAmount: 100_000_000 });
  await create('B', 90, { expectedAmount: 20_000_000 });
  await create('C', 88, { expectedAmount: 50_000_000, ownerId: u2, priority: 'medium' });
  await create('D', 86, { expectedAmount: 15_000_000 });
  await create('E', 84, { expectedAmount: 8_000_000 });
  await create('H', 60, { expectedAmount: 7_000_000 });
  await create('F', 30, { expectedAmount: 100_000_000, probability: 10, ownerId: u1, priority: 'high', expectedCloseOn: dayOf(40) });
  await create('G', 200, { expectedAmount: 4_000_000 });
  await create('I', 5, { stage: 'soft_circle', expectedAmount: 40_000_000 });
  await move('A', 80, 'outreach');
  await move('A', 70, 'meeting');
  await move('A', 60, 'due_diligence');
  await move('A', 50, 'soft_circle');
  await move('A', 40, 'committed', { committedAmount: 300_000_000 });
  await move('A', 20, 'closed');
  await move('B', 85, 'meeting');
  await move('B', 45, 'committed', { committedAmount: 20_000_000 });
  await move('C', 81, 'outreach');
  await move('C', 68, 'meeting');
  await move('C', 63, 'outreach');
  await move('C', 58, 'meeting');
  await move('C', 48, 'due_diligence');
  await move('D', 74, 'soft_circle');
  await move('D', 66, 'committed', { committedAmount: 10_000_000 });
  await move('D', 36, 'declined', { reason: 'Timing' });
  await move('E', 79, 'outreach');
  await move('E', 74, 'declined', { reason: 'Fund size' });
  await move('H', 55, 'declined', { reason: '  Fund size ' });
  await move('G', 10, 'committed', { committedAmount: 5_000_000 });

  // Touches (activity range: the last 7 days) and next actions.
  const as = (userId: string | null): Actor => testActor({ userId, id: userId, role: 'member' });
  const contactP = (await invoke(operations.contacts.create, ctx, { firstName: 'Pat', lastName: 'Bravo', organizationId: orgs.B })).id;
  await invoke(operations.contacts.create, ctx, {
    firstName: 'Quinn',
    lastName: 'Alpha',
    title: 'CIO',
    emails: ['quinn@alpha.example'],
    organizationId: orgs.A,
  });
  const touch = async (actor: Actor, daysBefore: number, kind: string, link: Record<string, string[]>) => {
    at(daysBefore);
    return invoke(
      operations.communications.create,
      { core, actor },
      { kind, occurredAt: clock.now().toISOString(), subject: `${kind} ${daysBefore}`, ...link },
    );
  };
  await touch(as(u1), 1, 'call', { organizationIds: [orgs.A as string] });
  await touch(as(u1), 1, 'email', { contactIds: [contactP] });
  await touch(as(u2), 3, 'call', { organizationIds: [orgs.C as string] });
  await touch(as(u1), 10, 'call', { organizationIds: [orgs.F as string] });
  await touch(as(null), 0, 'note', { organizationIds: [orgs.I as string] });
  const trashed = await touch(as(u2), 2, 'meeting', { organizationIds: [orgs.G as string] });
  at(0);
  await invoke(operations.communications.delete, ctx, { id: trashed.id });
  const task = async (title: string, dueOn: string | null, fields: Record<string, unknown> = {}) =>
    (await invoke(operations.tasks.create, ctx, { title, ...(dueOn ? { dueOn } : {}), ...fields })).id;
  const tasks = {
    overdue: await task('Overdue call', dayOf(-2), { entityType: 'organization', entityId: orgs.A, assigneeId: u1 }),
    today: await task('Due today', dayOf(0)),
    inThirteen: await task('In thirteen days', dayOf(13)),
    inFourteen: await task('In fourteen days', dayOf(14)),
    done: await task('Done already', dayOf(-1), { status: 'done' }),
    undated: await task('Someday', null),
  };
  return { core, clock, t0, fund1, fund2, u1, u2, orgs, commitments, tasks };
}

describe.each(testDialects())('reports on a fixed data set, on %s', (dialect) => {
  let world: World;
  beforeEach(async () => {
    const clock = manualTestClock();
    const core = await openTestCore(dialect, { clock });
    world = await build(core, clock);
  }, 120_000);
  afterEach(() => world.core.dispose());
  const ctx = () => ({ core: world.core, actor: testActor() });
  const dayOf = (daysFromNow: number) => addCalendarDays(today(world.core), daysFromNow);
  const monthOf = (daysFromNow: number) => calendarDate(addDays(world.t0, daysFromNow), world.core.settings.timeZone).slice(0, 7);

  it('fund progress: today’s metrics, the cumulative series from the stage history, the closes', async () => {
    const report = await invoke(operations.analytics.fundProgress, ctx(), { fundId: world.fund2, from: dayOf(-50), to: dayOf(-30) });
    // Now: committed = A 300M + B 20M + G 5M (D declined); closed = A; funded = A's 100M; soft circle = I 40M.
    expect(report).toMatchObject({
      targetAmount: 1_000_000_000,
      committedAmount: 325_000_000,
      closedAmount: 300_000_000,
      fundedAmount: 100_000_000,
      softCircledAmount: 40_000_000,
      bucket: 'day',
    });
    // 21 days, one point each, at the end of the day. Before the range: D committed @66 (+10M).
    // d-45 B +20M → 30M; d-40 A +300M → 330M; d-36 D declined −10M → 320M. A closes only @20.
    expect(report.series.map((p) => p.committedAmount)).toEqual([
      ...Array(5).fill(10_000_000),
      ...Array(5).fill(30_000_000),
      ...Array(4).fill(330_000_000),
      ...Array(7).fill(320_000_000),
    ]);
    expect(report.series.map((p) => p.closedAmount)).toEqual(Array(21).fill(0));
    expect(report.series[0]?.date).toBe(dayOf(-50));
    // First close d-40: 330M committed, 0 closed. Final close d-15: A + B = 320M committed (G @10 not yet), A 300M closed.
    expect(report.byClose).toEqual([
      { close: 'first', date: dayOf(-40), committedAmount: 330_000_000, closedAmount: 0 },
      { close: 'final', date: dayOf(-15), committedAmount: 320_000_000, closedAmount: 300_000_000 },
    ]);
    expect(report.closedByMonth).toEqual([]); // A closed @20, after this range
    const year = await invoke(operations.analytics.fundProgress, ctx(), { fundId: world.fund2 });
    expect(year.bucket).toBe('week');
    // The last point of the default range (a year to today) is today's committed and closed.
    expect(year.series.at(-1)).toMatchObject({ committedAmount: 325_000_000, closedAmount: 300_000_000 });
    expect(year.closedByMonth).toEqual([{ month: monthOf(-20), count: 1, closedAmount: 300_000_000 }]);
  });

  it('pipeline analysis: by stage, owner, priority and expected close month, weighted', async () => {
    const report = await invoke(operations.analytics.pipeline, ctx(), { fundId: world.fund2 });
    // lead F 100M × 10 % = 10M; dd C 50M × 40 % (stage default) = 20M; sc I 40M × 70 % = 28M;
    // committed B 20M + G 5M at 100 %; closed A 300M; declined D 15M + E 8M + H 7M expected, weighted 0.
    expect(report.byStage).toEqual([
      { stage: 'lead', count: 1, amount: 100_000_000, weightedAmount: 10_000_000 },
      { stage: 'outreach', count: 0, amount: 0, weightedAmount: 0 },
      { stage: 'meeting', count: 0, amount: 0, weightedAmount: 0 },
      { stage: 'due_diligence', count: 1, amount: 50_000_000, weightedAmount: 20_000_000 },
      { stage: 'soft_circle', count: 1, amount: 40_000_000, weightedAmount: 28_000_000 },
      { stage: 'committed', count: 2, amount: 25_000_000, weightedAmount: 25_000_000 },
      { stage: 'closed', count: 1, amount: 300_000_000, weightedAmount: 300_000_000 },
      { stage: 'declined', count: 3, amount: 30_000_000, weightedAmount: 0 },
    ]);
    expect(report.open).toEqual({ count: 3, amount: 190_000_000, weightedAmount: 58_000_000 });
    expect(report.byOwner).toEqual([
      { ownerId: world.u1, ownerName: 'Ann One', count: 1, amount: 100_000_000, weightedAmount: 10_000_000 },
      { ownerId: world.u2, ownerName: 'Uma Two', count: 1, amount: 50_000_000, weightedAmount: 20_000_000 },
      { ownerId: null, ownerName: null, count: 1, amount: 40_000_000, weightedAmount: 28_000_000 },
    ]);
    expect(report.byPriority).toEqual([
      { priority: 'high', count: 1, amount: 100_000_000, weightedAmount: 10_000_000 },
      { priority: 'medium', count: 1, amount: 50_000_000, weightedAmount: 20_000_000 },
      { priority: null, count: 1, amount: 40_000_000, weightedAmount: 28_000_000 },
    ]);
    // F closes in d+40's month; C and I have no date (50M + 40M, 20M + 28M weighted).
    expect(report.expectedCloses).toEqual([
      { month: dayOf(40).slice(0, 7), count: 1, amount: 100_000_000, weightedAmount: 10_000_000 },
      { month: null, count: 2, amount: 90_000_000, weightedAmount: 48_000_000 },
    ]);
  });

  it('conversion and velocity: skipped stages, backward moves, declined after committed', async () => {
    const report = await invoke(operations.analytics.conversion, ctx(), { fundId: world.fund2, from: dayOf(-99), to: dayOf(0) });
    // Cohort: A B C D E H F I (G entered @200, before the range).
    // lead: entered A B C D E H F (I was created in soft circle) = 7; advanced A B C D E = 5 (F open, H declined).
    //   stays: A 10, B 5, C 7, D 12, E 5, H 5 → 5 5 5 7 10 12; median rank ⌈6/2⌉=3 → 5; p75 rank ⌈18/4⌉=5 → 10.
    // outreach: A C E (B skipped it; C's return counts once) = 3; advanced A, C = 2.
    //   stays: A 10; C 13 + 5 = 18; E 5 → 5 10 18; median rank 2 → 10; p75 rank 3 → 18.
    // meeting: A B C = 3, all advanced (C: dd @48 after its first meeting @68).
    //   stays: A 10; B 40; C 5 + 10 = 15 → 10 15 40; median 15, p75 40.
    // due_diligence: A C = 2; advanced A = 1. Stays: A 10 (C's is still running).
    // soft_circle: A D I = 3; advanced A, D = 2. Stays: A 10, D 8 (I's is running) → 8 10; median rank 1 → 8, p75 rank 2 → 10.
    // committed: A B D = 3; advanced A (closed) = 1 (declined is not a later stage). Stays: A 20, D 30 (B's running).
    expect(report.stages).toEqual([
      { stage: 'lead', entered: 7, advanced: 5, conversion: 0.7143, medianDays: 5, p75Days: 10 },
      { stage: 'outreach', entered: 3, advanced: 2, conversion: 0.6667, medianDays: 10, p75Days: 18 },
      { stage: 'meeting', entered: 3, advanced: 3, conversion: 1, medianDays: 15, p75Days: 40 },
      { stage: 'due_diligence', entered: 2, advanced: 1, conversion: 0.5, medianDays: 10, p75Days: 10 },
      { stage: 'soft_circle', entered: 3, advanced: 2, conversion: 0.6667, medianDays: 8, p75Days: 10 },
      { stage: 'committed', entered: 3, advanced: 1, conversion: 0.3333, medianDays: 20, p75Days: 30 },
    ]);
    // Won = now committed or closed: A, B. Lost = now declined: D (after committing), E, H. 2 / 5.
    expect(report.winRate).toEqual({ won: 2, lost: 3, rate: 0.4 });
    expect(report.declinedReasons).toEqual([
      { reason: 'Fund size', count: 2 },
      { reason: 'Timing', count: 1 },
    ]);
    // Cohorts by the month each entered the pipeline: sizes add up to the 8, per-month lead counts to 7.
    const expectedSizes = new Map<string, number>();
    for (const days of [90, 90, 88, 86, 84, 60, 30, 5]) expectedSizes.set(monthOf(-days), (expectedSizes.get(monthOf(-days)) ?? 0) + 1);
    expect(report.cohorts.map((c) => [c.month, c.size])).toEqual([...expectedSizes.entries()].sort());
    const lead = report.cohorts.map((c) => c.stages.find((s) => s.stage === 'lead')?.entered ?? 0);
    expect(lead.reduce((a, b) => a + b, 0)).toBe(7);
    // A range that holds only G's entry (d-200) has a cohort of one that entered lead and advanced.
    const old = await invoke(operations.analytics.conversion, ctx(), { fundId: world.fund2, from: dayOf(-201), to: dayOf(-199) });
    expect(old.stages[0]).toMatchObject({ stage: 'lead', entered: 1, advanced: 1, conversion: 1, medianDays: 190 });
    expect(old.winRate).toEqual({ won: 1, lost: 0, rate: 1 });
  });

  it('LP breakdown by kind, location and check size, with concentration', async () => {
    const report = await invoke(operations.analytics.lpBreakdown, ctx(), { fundId: world.fund2 });
    // LPs: A 300M (endowment, Boston), B 20M (family office, " Boston, MA " trimmed), G 5M (family office, no location) = 325M.
    expect(report).toMatchObject({ lpCount: 3, committedAmount: 325_000_000 });
    expect(report.byKind).toEqual([
      { kind: 'endowment', count: 1, committedAmount: 300_000_000, share: 0.9231 }, // 300 / 325
      { kind: 'family_office', count: 2, committedAmount: 25_000_000, share: 0.0769 },
    ]);
    expect(report.byGeography).toEqual([
      { location: 'Boston, MA', count: 2, committedAmount: 320_000_000, share: 0.9846 },
      { location: null, count: 1, committedAmount: 5_000_000, share: 0.0154 },
    ]);
    // Under 1M (100,000,000 minor): B, G; 1M–5M: A.
    expect(report.byCheckSize.map((b) => [b.bucket, b.count, b.committedAmount, b.share])).toEqual([
      ['under_1m', 2, 25_000_000, 0.0769],
      ['1m_5m', 1, 300_000_000, 0.9231],
      ['5m_10m', 0, 0, 0],
      ['10m_25m', 0, 0, 0],
      ['25m_plus', 0, 0, 0],
    ]);
    expect(report.concentration.top10Amount).toBe(325_000_000);
    expect(report.concentration.top10Share).toBe(1);
    expect(report.concentration.top.map((t) => [t.name, t.committedAmount])).toEqual([
      ['Alpha Endowment', 300_000_000],
      ['Bravo Office', 20_000_000],
      ['Golf Partners', 5_000_000],
    ]);
  });

  it('re-ups: every prior LP with its status in the new fund', async () => {
    const rows = await invoke(operations.analytics.reups, ctx(), { fromFundId: world.fund1, toFundId: world.fund2 });
    const c = world.commitments;
    expect(rows).toEqual([
      {
        organizationId: world.orgs.A,
        name: 'Alpha Endowment',
        priorCommittedAmount: 100_000_000,
        status: 'committed',
        commitmentId: c.A,
        stage: 'closed',
        amount: 300_000_000,
      },
      {
        organizationId: world.orgs.B,
        name: 'Bravo Office',
        priorCommittedAmount: 50_000_000,
        status: 'committed',
        commitmentId: c.B,
        stage: 'committed',
        amount: 20_000_000,
      },
      {
        organizationId: world.orgs.D,
        name: 'Delta Trust',
        priorCommittedAmount: 30_000_000,
        status: 'declined',
        commitmentId: c.D,
        stage: 'declined',
        amount: 15_000_000,
      },
      {
        organizationId: world.orgs.C,
        name: 'Charlie Fund',
        priorCommittedAmount: 20_000_000,
        status: 'in_progress',
        commitmentId: c.C,
        stage: 'due_diligence',
        amount: 50_000_000,
      },
      { organizationId: world.orgs.Z, name: 'Zulu Capital', priorCommittedAmount: 10_000_000, status: 'not_approached' },
    ]);
    await expect(invoke(operations.analytics.reups, ctx(), { fromFundId: world.fund1, toFundId: world.fund1 })).rejects.toThrow(/other than fromFundId/);
  });

  it('activity: touches by user, kind and day; cold investors; upcoming and overdue next actions', async () => {
    const report = await invoke(operations.analytics.activity, ctx(), { from: dayOf(-6), to: dayOf(0), coldDays: 7 });
    // In range: Ann call@1 + email@1, Uma call@3, no author note@0; Uma's meeting@2 is in the trash, Ann's call@10 is before.
    expect(report.byUser).toEqual([
      { userId: world.u1, name: 'Ann One', count: 2 },
      { userId: world.u2, name: 'Uma Two', count: 1 },
      { userId: null, name: null, count: 1 },
    ]);
    expect(report.byKind).toEqual([
      { kind: 'call', count: 2 },
      { kind: 'email', count: 1 },
      { kind: 'note', count: 1 },
    ]);
    expect(report.series).toEqual([-6, -5, -4, -3, -2, -1, 0].map((d, i) => ({ date: dayOf(d), count: [0, 0, 0, 1, 0, 2, 1][i] })));
    // Eligible: an LP (any fund) or an open prospect. A (call@1), B (email to Pat@1), C (@3) and I (@0) are warm;
    // E and H are only declined. Never touched first by name, then the oldest touch: F @10.
    expect(report.cold).toEqual([
      { organizationId: world.orgs.D, name: 'Delta Trust', ownerId: world.u1, ownerName: 'Ann One', lastTouchAt: null },
      { organizationId: world.orgs.G, name: 'Golf Partners', ownerId: null, ownerName: null, lastTouchAt: null },
      { organizationId: world.orgs.Y, name: 'Yankee Office', ownerId: null, ownerName: null, lastTouchAt: null },
      { organizationId: world.orgs.Z, name: 'Zulu Capital', ownerId: null, ownerName: null, lastTouchAt: null },
      {
        organizationId: world.orgs.F,
        name: 'Foxtrot Family',
        ownerId: null,
        ownerName: null,
        lastTouchAt: new Date(world.t0.getTime() - 10 * DAY).toISOString(),
      },
    ]);
    // Upcoming = due today … today + 13; overdue = before today; done and undated tasks are neither.
    expect(report.upcomingTasks.map((t) => t.id)).toEqual([world.tasks.today, world.tasks.inThirteen]);
    expect(report.overdueTasks).toEqual([
      {
        id: world.tasks.overdue,
        title: 'Overdue call',
        dueOn: dayOf(-2),
        assigneeId: world.u1,
        assigneeName: 'Ann One',
        entityType: 'organization',
        entityId: world.orgs.A,
      },
    ]);
  });

  it('tear sheet: profile, commitments across funds, contacts, last touches, open tasks', async () => {
    const sheet = await invoke(operations.analytics.tearSheet, ctx(), { organizationId: world.orgs.A as string });
    expect(sheet.organization).toMatchObject({ name: 'Alpha Endowment', kind: 'endowment', location: 'Boston, MA' });
    expect(sheet.commitments.map((c) => [c.fundName, c.stage, c.committedAmount])).toEqual([
      ['Fund II', 'closed', 300_000_000],
      ['Fund I', 'committed', 100_000_000],
    ]);
    expect(sheet.contacts).toEqual([expect.objectContaining({ name: 'Quinn Alpha', title: 'CIO', email: 'quinn@alpha.example' })]);
    expect(sheet.lastTouches.map((m) => [m.kind, m.authorName])).toEqual([['call', 'Ann One']]);
    expect(sheet.openTasks.map((t) => t.id)).toEqual([world.tasks.overdue]);
  });

  it('CSV: the same rows as the JSON, each table; bad input is refused', async () => {
    const progress = await invoke(operations.analytics.fundProgress, ctx(), { fundId: world.fund2, from: dayOf(-50), to: dayOf(-30) });
    const csv = await invoke(operations.analytics.fundProgressCsv, ctx(), { fundId: world.fund2, from: dayOf(-50), to: dayOf(-30) });
    expect(csv.content.startsWith('\uFEFFDate,Committed,Closed,Currency\r\n')).toBe(true);
    const lines = csv.content.slice(1).trimEnd().split('\r\n').slice(1);
    expect(lines).toEqual(progress.series.map((p) => `${p.date},${(p.committedAmount / 100).toFixed(2)},${(p.closedAmount / 100).toFixed(2)},USD`));
    const conversion = await invoke(operations.analytics.conversion, ctx(), { fundId: world.fund2, from: dayOf(-99), to: dayOf(0) });
    const reasons = await invoke(operations.analytics.conversionCsv, ctx(), { fundId: world.fund2, from: dayOf(-99), to: dayOf(0), table: 'declinedReasons' });
    expect(reasons.content.slice(1).trimEnd().split('\r\n')).toEqual(['Reason,Count', ...conversion.declinedReasons.map((r) => `${r.reason},${r.count}`)]);
    await expect(invoke(operations.analytics.conversionCsv, ctx(), { fundId: world.fund2, table: 'nope' })).rejects.toThrow(/table/);
    await expect(invoke(operations.analytics.conversion, ctx(), { fundId: world.fund2, from: dayOf(0), to: dayOf(-1) })).rejects.toThrow(
      /from: must be on or before to/,
    );
    await expect(invoke(operations.analytics.activity, ctx(), { coldDays: 0 })).rejects.toThrow(/coldDays/);
  });
});
