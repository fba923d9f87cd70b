import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION, decideRetention, isoWeek, type RetainedBackup } from './retention.js';

const DAY = 86_400_000;
const NOW = new Date('2031-03-14T12:00:00.000Z');

/** One scheduled backup a day at 02:00 UTC for `days` days back from NOW. */
function dailyBackups(days: number): RetainedBackup[] {
  return Array.from({ length: days }, (_, index) => {
    const at = new Date(Date.UTC(2031, 2, 14, 2) - index * DAY).toISOString();
    return { id: `s-${at.slice(0, 10)}`, kind: 'scheduled', createdAt: at };
  });
}

describe('retention policy', () => {
  it('numbers ISO weeks, years turning on a Thursday', () => {
    expect(isoWeek('2031-03-14')).toBe('2031-W11');
    expect(isoWeek('2030-12-30')).toBe('2031-W01');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
  });

  it('keeps 7 daily, 4 weekly and 12 monthly backups out of a year of daily ones', () => {
    const decision = decideRetention(dailyBackups(400), NOW, 'UTC', DEFAULT_RETENTION);
    const kept = decision.keep.map((entry) => entry.id);
    // 7 days (8-14 March), the newest of weeks 10, 9 and 8 beyond those (Sundays 9, 2 March, 23 Feb; week 11 is the 14th),
    // and the newest of each month: March (the 14th), then the last day of February back to April 2030.
    const expected = [
      ...['14', '13', '12', '11', '10', '09', '08'].map((day) => `s-2031-03-${day}`),
      's-2031-03-02',
      's-2031-02-23',
      's-2031-02-28',
      's-2031-01-31',
      ...['2030-12-31', '2030-11-30', '2030-10-31', '2030-09-30', '2030-08-31', '2030-07-31', '2030-06-30', '2030-05-31', '2030-04-30'].map(
        (date) => `s-${date}`,
      ),
    ];
    expect(kept.sort()).toEqual(expected.sort());
    expect(decision.prune).toHaveLength(400 - expected.length);
  });

  it('buckets days in the team time zone', () => {
    // 23:30 and 01:30 UTC on consecutive UTC days are the same evening in New York.
    const backups: RetainedBackup[] = [
      { id: 'late', kind: 'scheduled', createdAt: '2031-03-14T01:30:00.000Z' },
      { id: 'early', kind: 'scheduled', createdAt: '2031-03-13T23:30:00.000Z' },
    ];
    const policy = { daily: 2, weekly: 0, monthly: 0, preRestoreDays: 30 };
    expect(decideRetention(backups, NOW, 'UTC', policy).prune).toEqual([]);
    expect(decideRetention(backups, NOW, 'America/New_York', policy).prune).toEqual(['early']);
  });

  it('never prunes manual backups, keeps pre-restore ones for their days (and the newest always), and keeps the newest backup whatever the policy', () => {
    const backups: RetainedBackup[] = [
      { id: 'manual-old', kind: 'manual', createdAt: '2029-01-01T00:00:00.000Z' },
      { id: 'pre-recent', kind: 'pre_restore', createdAt: new Date(NOW.getTime() - 3 * DAY).toISOString() },
      { id: 'pre-old', kind: 'pre_restore', createdAt: new Date(NOW.getTime() - 40 * DAY).toISOString() },
      { id: 'pre-older', kind: 'pre_restore', createdAt: new Date(NOW.getTime() - 50 * DAY).toISOString() },
      { id: 'scheduled-newest', kind: 'scheduled', createdAt: new Date(NOW.getTime() - 1 * DAY).toISOString() },
    ];
    const nothing = { daily: 0, weekly: 0, monthly: 0, preRestoreDays: 30 };
    const decision = decideRetention(backups, NOW, 'UTC', nothing);
    expect(decision.prune.sort()).toEqual(['pre-old', 'pre-older']);
    expect(Object.fromEntries(decision.keep.map((entry) => [entry.id, entry.reasons]))).toEqual({
      'scheduled-newest': ['newest backup'],
      'pre-recent': ['newest pre-restore backup', 'pre-restore, within 30 days'],
      'manual-old': ['manual backups are kept until deleted by hand'],
    });
  });
});
