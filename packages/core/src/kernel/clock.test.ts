import { calendarDate, startOfDay } from '@lpdesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboard } from '../reports/dashboard.js';
import { operations } from '../operations.js';
import { manualTestClock, openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';
import { ManualClock } from './clock.js';
import { execute } from './operations.js';

describe('calendar arithmetic in the team time zone', () => {
  it('names the calendar date of an instant in a zone', () => {
    const instant = new Date('2031-03-14T11:00:00Z');
    expect(calendarDate(instant, 'UTC')).toBe('2031-03-14');
    expect(calendarDate(instant, 'Pacific/Kiritimati')).toBe('2031-03-15');
    expect(calendarDate(instant, 'Pacific/Pago_Pago')).toBe('2031-03-14');
    expect(calendarDate(new Date('2031-03-14T23:30:00Z'), 'America/New_York')).toBe('2031-03-14');
  });

  it('finds the instant a day starts, across a daylight-saving change', () => {
    expect(startOfDay('2031-03-01', 'UTC').toISOString()).toBe('2031-03-01T00:00:00.000Z');
    expect(startOfDay('2031-03-01', 'Pacific/Kiritimati').toISOString()).toBe('2031-02-28T10:00:00.000Z');
    // New York moves to daylight time on 2031-03-09: midnight is still EST (UTC-5) that day.
    expect(startOfDay('2031-03-09', 'America/New_York').toISOString()).toBe('2031-03-09T05:00:00.000Z');
    expect(startOfDay('2031-03-10', 'America/New_York').toISOString()).toBe('2031-03-10T04:00:00.000Z');
  });

  it('a manual clock stands still until moved', () => {
    const clock = new ManualClock('2040-01-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2040-01-01T00:00:00.000Z');
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe('2040-01-01T00:01:30.000Z');
    expect(() => new ManualClock('not a date')).toThrow(/not a valid instant/);
  });
});

describe.each(testDialects())('the core reads time only from its clock, on %s', (dialect) => {
  let core: TestCore;
  const clock = manualTestClock();
  const actor = testActor();
  beforeAll(async () => {
    core = await openTestCore(dialect, { clock, settings: { timeZone: 'Pacific/Kiritimati' } });
  });
  afterAll(() => core.dispose());

  it('stamps writes with the clock, and decides "overdue" by the team day, not UTC', async () => {
    clock.set('2031-03-14T09:00:00Z'); // 23:00 on the 14th in Kiritimati
    const ctx = { core, actor };
    const org = await execute(operations.organizations.create, ctx, { name: 'Tidewater Pension', kind: 'pension' });
    expect(org.createdAt).toBe('2031-03-14T09:00:00.000Z');
    await execute(operations.tasks.create, ctx, { title: 'Send the deck', dueOn: '2031-03-14', status: 'open', entityType: 'organization', entityId: org.id });
    const overdueNow = await execute(operations.tasks.list, ctx, { due: 'overdue', limit: 50, offset: 0 });
    expect(overdueNow.total).toBe(0);
    const dueToday = await execute(operations.tasks.list, ctx, { due: 'today', limit: 50, offset: 0 });
    expect(dueToday.total).toBe(1);

    clock.advance(2 * 3_600_000); // 01:00 on the 15th in Kiritimati, still the 14th in UTC
    const overdueLater = await execute(operations.tasks.list, ctx, { due: 'overdue', limit: 50, offset: 0 });
    expect(overdueLater.data.map((t) => t.title)).toEqual(['Send the deck']);
    const summary = await dashboard(core, actor);
    expect(summary.overdueTasks.map((t) => t.title)).toEqual(['Send the deck']);
  });
});
