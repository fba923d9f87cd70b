import { describe, expect, it } from 'vitest';
import { nextCronRun, parseCron } from './schedule.js';

const next = (cron: string, after: string) => nextCronRun(cron, new Date(after)).toISOString();

describe('cron schedules', () => {
  it('finds the next whole minute strictly after the given instant, in UTC', () => {
    expect(next('* * * * *', '2031-03-14T15:00:00.000Z')).toBe('2031-03-14T15:01:00.000Z');
    expect(next('* * * * *', '2031-03-14T15:00:59.999Z')).toBe('2031-03-14T15:01:00.000Z');
    expect(next('0 * * * *', '2031-03-14T15:00:00.000Z')).toBe('2031-03-14T16:00:00.000Z');
    expect(next('30 3 * * *', '2031-03-14T15:00:00.000Z')).toBe('2031-03-15T03:30:00.000Z');
    expect(next('@daily', '2031-12-31T23:59:00.000Z')).toBe('2032-01-01T00:00:00.000Z');
  });

  it('reads lists, ranges, steps and names', () => {
    expect(next('*/15 * * * *', '2031-03-14T15:16:00.000Z')).toBe('2031-03-14T15:30:00.000Z');
    expect(next('5/20 * * * *', '2031-03-14T15:26:00.000Z')).toBe('2031-03-14T15:45:00.000Z');
    expect(next('0 8-18/2 * * mon-fri', '2031-03-14T19:00:00.000Z')).toBe('2031-03-17T08:00:00.000Z'); // Friday evening → Monday
    expect(next('0 9 1,15 * *', '2031-03-02T00:00:00.000Z')).toBe('2031-03-15T09:00:00.000Z');
    expect(next('0 0 1 jan *', '2031-03-14T00:00:00.000Z')).toBe('2032-01-01T00:00:00.000Z');
    expect(next('0 0 * * 7', '2031-03-14T00:00:00.000Z')).toBe('2031-03-16T00:00:00.000Z'); // 7 is Sunday
  });

  it('fires on either day when both day fields are restricted, as cron does', () => {
    // The 13th, or any Friday: from Saturday 2031-03-01 the first Friday is the 7th.
    expect(next('0 0 13 * fri', '2031-03-01T00:00:00.000Z')).toBe('2031-03-07T00:00:00.000Z');
  });

  it('finds leap days and refuses dates that never come', () => {
    expect(next('0 0 29 2 *', '2031-03-14T00:00:00.000Z')).toBe('2032-02-29T00:00:00.000Z');
    expect(() => nextCronRun('0 0 30 2 *', new Date('2031-03-14T00:00:00.000Z'))).toThrow(/never fires/);
  });

  it('explains what is wrong with a bad expression', () => {
    expect(() => parseCron('* * * *')).toThrow(/five fields/);
    expect(() => parseCron('60 * * * *')).toThrow(/minute 60 is outside 0-59/);
    expect(() => parseCron('* * * * funday')).toThrow(/not a valid day of week/);
    expect(() => parseCron('*/0 * * * *')).toThrow(/positive whole number/);
    expect(() => parseCron('5-1 * * * *')).toThrow(/runs backwards/);
  });
});
