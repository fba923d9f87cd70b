import type { BackupKind } from '@lpdesk/contracts';
import { calendarDate } from '../kernel/clock.js';

/**
 * Which backups to keep. Scheduled backups follow a grandfather-father-son policy: the newest backup of
 * each of the last `daily` days that have one, of the last `weekly` ISO weeks and of the last `monthly`
 * months (days, weeks and months in the team's time zone). Pre-restore backups are kept for
 * `preRestoreDays`, and the newest one always. Manual backups are never pruned: someone made them on
 * purpose, and deletes them on purpose. Whatever the policy, the newest good backup is never pruned.
 */
export interface RetentionPolicy {
  daily: number;
  weekly: number;
  monthly: number;
  preRestoreDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, weekly: 4, monthly: 12, preRestoreDays: 30 };

export interface RetainedBackup {
  id: string;
  kind: BackupKind;
  createdAt: string;
}

export interface RetentionDecision {
  keep: { id: string; reasons: string[] }[];
  prune: string[];
}

/** ISO-8601 week of a calendar date, as `2031-W11`. */
export function isoWeek(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(year, month - 1, day));
  const weekday = at.getUTCDay() || 7;
  // The Thursday of this week decides the week's year.
  at.setUTCDate(at.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(at.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((at.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${at.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;

export function decideRetention(backups: readonly RetainedBackup[], now: Date, timeZone: string, policy: RetentionPolicy): RetentionDecision {
  const reasons = new Map<string, string[]>();
  const keep = (id: string, reason: string) => reasons.set(id, [...(reasons.get(id) ?? []), reason]);
  const newestFirst = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));

  const newest = newestFirst[0];
  if (newest) keep(newest.id, 'newest backup');

  const scheduled = newestFirst.filter((backup) => backup.kind === 'scheduled');
  const buckets: [string, number, (date: string) => string][] = [
    ['daily', policy.daily, (date) => date],
    ['weekly', policy.weekly, isoWeek],
    ['monthly', policy.monthly, (date) => date.slice(0, 7)],
  ];
  for (const [label, count, bucketOf] of buckets) {
    const seen = new Set<string>();
    for (const backup of scheduled) {
      if (seen.size >= count) break;
      const bucket = bucketOf(calendarDate(new Date(backup.createdAt), timeZone));
      if (seen.has(bucket)) continue;
      seen.add(bucket);
      keep(backup.id, `${label} ${bucket}`);
    }
  }

  const preRestore = newestFirst.filter((backup) => backup.kind === 'pre_restore');
  if (preRestore[0]) keep(preRestore[0].id, 'newest pre-restore backup');
  const cutoff = now.getTime() - policy.preRestoreDays * DAY_MS;
  for (const backup of preRestore) if (new Date(backup.createdAt).getTime() >= cutoff) keep(backup.id, `pre-restore, within ${policy.preRestoreDays} days`);

  for (const backup of newestFirst) if (backup.kind === 'manual') keep(backup.id, 'manual backups are kept until deleted by hand');

  return {
    keep: newestFirst.filter((backup) => reasons.has(backup.id)).map((backup) => ({ id: backup.id, reasons: reasons.get(backup.id) ?? [] })),
    prune: newestFirst.filter((backup) => !reasons.has(backup.id)).map((backup) => backup.id),
  };
}
