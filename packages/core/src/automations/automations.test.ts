import { AUTOMATION_MAX_DEPTH, type AutomationCreateInput, calendarDate, startOfDay } from '@lpdesk/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../kernel/clock.js';
import { today } from '../kernel/context.js';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { openTestCore, TEST_NOW, TEST_TIME_ZONE, testActor, testDialects, type TestCore } from '../testing/index.js';
import { dueSlot, runScheduledAutomations } from './schedule.js';

const DAY = 86_400_000;
let serial = 0;
const unique = (label: string) => `${label} ${++serial}`;
/** A calendar date `days` after another (YYYY-MM-DD arithmetic, no time zone involved). */
const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

describe('schedule slots in the team time zone', () => {
  it('finds the latest cron slot since the last run, in wall-clock time', () => {
    // 08:00 in New York is 12:00 UTC in March 2031 (EDT since the 9th).
    expect(dueSlot('0 8 * * *', new Date('2031-03-14T11:00:00Z'), new Date('2031-03-14T12:30:00Z'), 'America/New_York')?.toISOString()).toBe(
      '2031-03-14T08:00:00.000Z',
    );
    expect(dueSlot('0 8 * * *', new Date('2031-03-14T11:00:00Z'), new Date('2031-03-14T11:59:00Z'), 'America/New_York')).toBeNull();
    expect(dueSlot('0 8 * * *', new Date('2031-03-14T11:00:00Z'), new Date('2031-03-14T12:30:00Z'), 'UTC')).toBeNull();
    // Three missed mornings run once, for the latest.
    expect(dueSlot('0 8 * * *', new Date('2031-03-10T00:00:00Z'), new Date('2031-03-13T09:00:00Z'), 'UTC')?.toISOString()).toBe('2031-03-13T08:00:00.000Z');
  });
});

describe.each(testDialects())('automations on %s', (dialect) => {
  let core: TestCore;
  const clock = new ManualClock(TEST_NOW);
  const admin = testActor({ kind: 'user', name: 'Ada Admin', door: 'http' });

  beforeAll(async () => {
    core = await openTestCore(dialect, { clock });
  });
  afterEach(async () => {
    // Each test's rules stay out of the next test's way.
    await core.db.updateTable('automations').set({ enabled: 0 }).execute();
    await core.dispatcher.drain();
    clock.set(new Date(TEST_NOW));
  });
  afterAll(() => core.dispose());

  const ctx = () => ({ core, actor: admin });
  const rule = (input: Partial<AutomationCreateInput> & Pick<AutomationCreateInput, 'trigger' | 'actions'>) =>
    invoke(operations.automations.create, ctx(), { name: unique('Rule'), enabled: true, ...input });
  const runs = async (id: string) => (await invoke(operations.automations.runs, ctx(), { id, query: { limit: 100, offset: 0 } })).data;
  const organization = (name = unique('Org'), extra: Record<string, unknown> = {}) => invoke(operations.organizations.create, ctx(), { name, ...extra });
  const getOrganization = (id: string) => invoke(operations.organizations.get, ctx(), { id });
  const updateOrganization = (id: string, changes: Record<string, unknown>) => invoke(operations.organizations.update, ctx(), { id, changes });
  async function commitment() {
    const fund = await invoke(operations.funds.create, ctx(), { name: unique('Fund') });
    const org = await organization();
    return invoke(operations.commitments.create, ctx(), { organizationId: org.id, fundId: fund.id });
  }
  const settle = () => core.dispatcher.drain();
  const tagNames = (record: { tags: { name: string }[] }) => record.tags.map((t) => t.name);

  it('ships the legacy rules as disabled, editable examples', async () => {
    const { data } = await invoke(operations.automations.list, ctx(), { limit: 50, offset: 0 });
    const examples = data.filter((a) => a.example);
    expect(examples.map((a) => a.name).sort()).toEqual(['Everyone', 'Follow-up', 'Graveyard']);
    expect(examples.every((a) => !a.enabled)).toBe(true);
    expect(examples.find((a) => a.name === 'Graveyard')?.trigger).toEqual({ type: 'stage_changed', entityType: 'commitment', to: 'declined' });
    // Disabled: a new organization is not tagged "everyone".
    const org = await organization();
    await settle();
    expect(tagNames(await getOrganization(org.id))).toEqual([]);
  });

  it('created → add_tag, logged with the rule as actor, with a run that says what changed', async () => {
    const r = await rule({ trigger: { type: 'created', entityType: 'organization' }, actions: [{ type: 'add_tag', tag: 'Everyone' }] });
    const org = await organization();
    await settle();
    expect(tagNames(await getOrganization(org.id))).toEqual(['Everyone']);
    const [run] = await runs(r.id);
    expect(run).toMatchObject({
      status: 'applied',
      entityType: 'organization',
      entityId: org.id,
      depth: 0,
      changes: [{ action: 'add_tag', summary: 'added tag "Everyone"' }],
    });
    const entries = await core.db.selectFrom('activityLog').selectAll().where('entityId', '=', org.id).where('actorKind', '=', 'automation').execute();
    expect(entries).toEqual([expect.objectContaining({ action: 'tag', actorId: r.id, actorName: r.name, door: 'job' })]);
    expect(entries[0]?.requestId).toMatch(/^automation:0:/);
  });

  it('updated with a condition: a false condition leaves no run; a true one removes a tag', async () => {
    const r = await rule({
      trigger: { type: 'updated', entityType: 'organization' },
      condition: { match: 'all', conditions: [{ field: 'location', op: 'eq', value: 'Boston' }] },
      actions: [{ type: 'remove_tag', tag: 'prospect-list' }],
    });
    const tag = await invoke(operations.tags.create, ctx(), { name: 'prospect-list' });
    const org = await organization(unique('Org'), { tagIds: [tag.id] });
    await updateOrganization(org.id, { location: 'Denver' });
    await settle();
    expect(await runs(r.id)).toEqual([]);
    await updateOrganization(org.id, { location: 'Boston' });
    await settle();
    expect(tagNames(await getOrganization(org.id))).toEqual([]);
    expect((await runs(r.id)).map((run) => run.status)).toEqual(['applied']);
  });

  it('field_changed (with `to`, on a custom field) → set_field', async () => {
    await invoke(operations.customFields.create, ctx(), { entityType: 'organization', key: 'tier', label: 'Tier', type: 'text' });
    const r = await rule({
      trigger: { type: 'field_changed', entityType: 'organization', field: 'customFields.tier', to: 'A' },
      actions: [{ type: 'set_field', field: 'description', value: 'Top tier' }],
    });
    const org = await organization();
    await updateOrganization(org.id, { customFields: { tier: 'B' } });
    await updateOrganization(org.id, { location: 'Oslo' });
    await settle();
    expect((await getOrganization(org.id)).description).toBeNull();
    await updateOrganization(org.id, { customFields: { tier: 'A' } });
    await settle();
    expect((await getOrganization(org.id)).description).toBe('Top tier');
    expect(await runs(r.id)).toEqual([
      expect.objectContaining({ status: 'applied', changes: [{ action: 'set_field', summary: 'description: (empty) → "Top tier"' }] }),
    ]);
  });

  it('stage_changed → add_tag (the Graveyard example, enabled) and create_task; move_stage on an update', async () => {
    const graveyard = (await invoke(operations.automations.list, ctx(), { limit: 50, offset: 0 })).data.find((a) => a.name === 'Graveyard');
    await invoke(operations.automations.update, ctx(), { id: graveyard?.id as string, changes: { enabled: true } });
    const meeting = await rule({
      trigger: { type: 'stage_changed', entityType: 'commitment', to: 'meeting' },
      actions: [{ type: 'create_task', title: 'Prepare the meeting', dueInDays: 2 }],
    });
    const c = await commitment();
    await invoke(operations.commitments.moveStage, ctx(), { id: c.id, move: { stage: 'meeting' } });
    await settle();
    const tasks = (await invoke(operations.tasks.list, ctx(), { limit: 50, offset: 0, entityType: 'commitment', entityId: c.id })).data;
    expect(tasks).toEqual([expect.objectContaining({ title: 'Prepare the meeting', dueOn: plusDays(today(core), 2), status: 'open' })]);
    expect((await runs(meeting.id))[0]?.status).toBe('applied');

    const dropper = await rule({
      trigger: { type: 'updated', entityType: 'commitment' },
      condition: { match: 'all', conditions: [{ field: 'nextStep', op: 'eq', value: 'drop it' }] },
      actions: [{ type: 'move_stage', stage: 'declined' }],
    });
    await invoke(operations.commitments.update, ctx(), { id: c.id, changes: { nextStep: 'drop it' } });
    await settle();
    const after = await invoke(operations.commitments.get, ctx(), { id: c.id });
    expect(after.stage).toBe('declined');
    expect(after.declinedReason).toBe(`Moved by the automation "${dropper.name}"`);
    // The rule's stage move set off the Graveyard example, one level deeper.
    expect(tagNames(after)).toEqual(['graveyard']);
    expect((await runs(graveyard?.id as string))[0]).toMatchObject({ status: 'applied', depth: 1 });
  });

  it('a failing action rolls the application back and records a failed run', async () => {
    const r = await rule({
      trigger: { type: 'updated', entityType: 'commitment' },
      condition: { match: 'all', conditions: [{ field: 'nextStep', op: 'eq', value: 'sign' }] },
      actions: [
        { type: 'add_tag', tag: 'signing' },
        { type: 'move_stage', stage: 'committed' },
      ],
    });
    const c = await commitment();
    await invoke(operations.commitments.update, ctx(), { id: c.id, changes: { nextStep: 'sign' } });
    await settle();
    const [run] = await runs(r.id);
    expect(run?.status).toBe('failed');
    expect(run?.reason).toMatch(/committed/i);
    expect(tagNames(await invoke(operations.commitments.get, ctx(), { id: c.id }))).toEqual([]);
  });

  it('a rule does not retrigger itself, and set_field that changes nothing writes nothing', async () => {
    const r = await rule({ trigger: { type: 'updated', entityType: 'organization' }, actions: [{ type: 'set_field', field: 'location', value: 'Paris' }] });
    const org = await organization();
    await updateOrganization(org.id, { description: 'first' });
    await settle();
    expect((await getOrganization(org.id)).location).toBe('Paris');
    expect((await runs(r.id)).map((run) => run.status)).toEqual(['applied']);
    const versionAfter = (await getOrganization(org.id)).version;
    await updateOrganization(org.id, { description: 'second' });
    await settle();
    expect((await getOrganization(org.id)).version).toBe(versionAfter + 1);
    expect((await runs(r.id)).map((run) => [run.status, run.reason])).toEqual([
      ['skipped', 'nothing to change'],
      ['applied', null],
    ]);
  });

  it('A → B → A chains stop at the depth limit with a recorded reason', async () => {
    const marker = unique('Chain');
    const only = { match: 'all' as const, conditions: [{ field: 'name', op: 'eq' as const, value: marker }] };
    // Two rules that undo each other's change: without the limit they would ping-pong forever.
    const a = await rule({
      trigger: { type: 'updated', entityType: 'organization' },
      condition: only,
      actions: [{ type: 'set_field', field: 'description', value: 'A' }],
    });
    const b = await rule({
      trigger: { type: 'updated', entityType: 'organization' },
      condition: only,
      actions: [{ type: 'set_field', field: 'description', value: 'B' }],
    });
    const org = await organization(marker);
    await updateOrganization(org.id, { location: 'Start' });
    await settle();
    const all = [...(await runs(a.id)), ...(await runs(b.id))];
    const limited = all.filter((run) => run.reason?.startsWith('depth limit'));
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.every((run) => run.status === 'skipped' && run.depth === AUTOMATION_MAX_DEPTH)).toBe(true);
    expect(Math.max(...all.map((run) => run.depth))).toBe(AUTOMATION_MAX_DEPTH);
    // Nothing is left to deliver: the chain ended.
    expect((await settle()).delivered).toBe(0);
  });

  it('schedule: the Follow-up example creates a task once per slot on records untouched for 30 days', async () => {
    const followUp = (await invoke(operations.automations.list, ctx(), { limit: 50, offset: 0 })).data.find((a) => a.name === 'Follow-up');
    const stale = await organization();
    const touched = await organization();
    await invoke(operations.automations.update, ctx(), { id: followUp?.id as string, changes: { enabled: true } });
    clock.set(new Date(Date.parse(TEST_NOW) + 10 * DAY));
    const fresh = await organization();
    await invoke(operations.communications.create, ctx(), { kind: 'call', occurredAt: clock.now().toISOString(), organizationIds: [touched.id] });
    // 08:00 in the team's time zone on the day 32 days after the start: the stale one is 32 days untouched.
    const day = calendarDate(new Date(Date.parse(TEST_NOW) + 32 * DAY), TEST_TIME_ZONE);
    const slot = new Date(startOfDay(day, TEST_TIME_ZONE).getTime() + 8 * 3_600_000);
    clock.set(new Date(slot.getTime() + 3 * 60_000));
    const first = await runScheduledAutomations(core);
    expect(first.results).toEqual([expect.objectContaining({ automationId: followUp?.id, slot: `${day}T08:00`, failed: 0 })]);
    const tasksOf = async (id: string) =>
      (await invoke(operations.tasks.list, ctx(), { limit: 50, offset: 0, entityType: 'organization', entityId: id })).data.map((t) => [t.title, t.dueOn]);
    expect(await tasksOf(stale.id)).toEqual([['Follow up', day]]);
    expect(await tasksOf(touched.id)).toEqual([]);
    expect(await tasksOf(fresh.id)).toEqual([]);
    const changedRuns = await runs(followUp?.id as string);
    expect(changedRuns.every((run) => run.status === 'applied' && run.cause === `schedule:${day}T08:00`)).toBe(true);
    // Same slot again: nothing new; the next morning: the open task keeps the condition false.
    expect((await runScheduledAutomations(core)).results).toEqual([]);
    clock.set(new Date(slot.getTime() + DAY + 60_000));
    const count = (await runs(followUp?.id as string)).length;
    await runScheduledAutomations(core);
    expect((await runs(followUp?.id as string)).length).toBe(count);
  });

  it('dry run: the matches and a preview, without writing', async () => {
    const marker = unique('Dry');
    const one = await organization(`${marker} one`, { location: 'Rome' });
    const two = await organization(`${marker} two`);
    await organization(unique('Other'));
    const r = await rule({
      enabled: false,
      trigger: { type: 'schedule', entityType: 'organization', cron: '0 9 * * 1' },
      condition: { match: 'all', conditions: [{ field: 'name', op: 'contains', value: marker }] },
      actions: [
        { type: 'set_field', field: 'location', value: 'Rome' },
        { type: 'add_tag', tag: 'dry' },
      ],
    });
    const result = await invoke(operations.automations.dryRun, ctx(), { id: r.id });
    expect(result.matches.sort()).toEqual([one.id, two.id].sort());
    expect(result.preview.find((p) => p.entityId === one.id)).toEqual({ entityId: one.id, name: `${marker} one`, changes: ['added tag "dry"'] });
    expect(result.preview.find((p) => p.entityId === two.id)?.changes).toEqual(['location: (empty) → "Rome"', 'added tag "dry"']);
    expect((await getOrganization(two.id)).location).toBeNull();
    expect(await runs(r.id)).toEqual([]);
    // Run now applies it.
    expect(await invoke(operations.automations.runNow, ctx(), { id: r.id })).toEqual({ matched: 2, applied: 2, skipped: 0, failed: 0 });
    expect((await getOrganization(two.id)).location).toBe('Rome');
  });

  it('refuses bad rules with a clear message', async () => {
    const bad = (input: Record<string, unknown>) => invoke(operations.automations.create, ctx(), { name: 'Bad', ...input } as AutomationCreateInput);
    await expect(
      bad({ trigger: { type: 'created', entityType: 'organization' }, actions: [{ type: 'set_field', field: 'colour', value: 'red' }] }),
    ).rejects.toThrow(/organization has no field "colour"/);
    await expect(
      bad({ trigger: { type: 'created', entityType: 'organization' }, actions: [{ type: 'set_field', field: 'customFields.nope', value: 'x' }] }),
    ).rejects.toThrow(/no field "customFields.nope"/);
    await expect(bad({ trigger: { type: 'stage_changed', entityType: 'contact' }, actions: [{ type: 'add_tag', tag: 'x' }] })).rejects.toThrow(
      /stage_changed watches commitments/,
    );
    await expect(bad({ trigger: { type: 'schedule', entityType: 'organization' }, actions: [{ type: 'add_tag', tag: 'x' }] })).rejects.toThrow(
      /schedule needs a cron expression/,
    );
    await expect(
      bad({ trigger: { type: 'schedule', entityType: 'organization', cron: '0 25 * * *' }, actions: [{ type: 'add_tag', tag: 'x' }] }),
    ).rejects.toThrow(/hour 25/);
    await expect(bad({ trigger: { type: 'created', entityType: 'organization' }, actions: [{ type: 'move_stage', stage: 'declined' }] })).rejects.toThrow(
      /commitments only/,
    );
    await expect(bad({ trigger: { type: 'created', entityType: 'task' }, actions: [{ type: 'add_tag', tag: 'x' }] })).rejects.toThrow(/cannot be tagged/);
    await expect(
      bad({ trigger: { type: 'created', entityType: 'organization' }, actions: [{ type: 'set_field', field: 'kind', value: 'spaceship' }] }),
    ).rejects.toThrow(/kind/);
    await expect(
      invoke(
        operations.automations.create,
        { core, actor: testActor({ role: 'member' }) },
        { name: 'x', enabled: false, trigger: { type: 'created', entityType: 'organization' }, actions: [{ type: 'add_tag', tag: 'x' }] },
      ),
    ).rejects.toThrow(/automation rules/);
  });
});
