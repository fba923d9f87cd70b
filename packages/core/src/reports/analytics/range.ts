import { type ReportBucket, startOfDay } from '@lpdesk/contracts';
import { type RawBuilder, sql } from 'kysely';
import type { Dialect } from '../../db/migration-context.js';
import { type CoreContext, today } from '../../kernel/context.js';
import { Invalid } from '../../kernel/errors.js';

/**
 * Date ranges and time buckets of the reports (docs/reports.md). A range is two calendar dates of
 * the team's time zone, both included; the database compares instants, so each date is turned into
 * the instant it begins in the team zone here, once, and the SQL only compares ISO strings.
 */
export interface ReportRange {
  from: string;
  to: string;
  /** The instant `from` begins in the team zone. */
  startAt: string;
  /** The instant the day after `to` begins: the range is [startAt, endAt). */
  endAt: string;
  days: number;
}

export interface Bucket {
  /** The bucket's first day inside the range (the range's start for the first bucket). */
  date: string;
  startAt: string;
  endAt: string;
}

/** The longest range a report takes: ten years of months. */
const MAX_RANGE_DAYS = 3660;

const DAY_MS = 86_400_000;
const dateMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addCalendarDays = (date: string, days: number) => dateOf(dateMs(date) + days * DAY_MS);
function addMonths(date: string, months: number): string {
  const d = new Date(dateMs(date));
  return dateOf(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
}

const instant = (date: string, timeZone: string) => startOfDay(date, timeZone).toISOString();

/** The requested range, `defaultDays` ending today when a bound is missing; refuses a reversed or huge range. */
export function resolveRange(core: CoreContext, query: { from?: string | undefined; to?: string | undefined }, defaultDays: number): ReportRange {
  const to = query.to ?? today(core);
  const from = query.from ?? addCalendarDays(to, -(defaultDays - 1));
  if (from > to) throw new Invalid('from: must be on or before to', { issues: [{ path: ['from'], message: 'must be on or before to' }] });
  const days = Math.round((dateMs(to) - dateMs(from)) / DAY_MS) + 1;
  if (days > MAX_RANGE_DAYS)
    throw new Invalid(`from: a report covers at most ${MAX_RANGE_DAYS} days`, { issues: [{ path: ['from'], message: `at most ${MAX_RANGE_DAYS} days` }] });
  const timeZone = core.settings.timeZone;
  return { from, to, startAt: instant(from, timeZone), endAt: instant(addCalendarDays(to, 1), timeZone), days };
}

/** Days up to 62, ISO weeks up to two years, months beyond: about 60–100 points at most. */
export function bucketFor(range: ReportRange): ReportBucket {
  if (range.days <= 62) return 'day';
  if (range.days <= 731) return 'week';
  return 'month';
}

/** The first day of the bucket holding `date`: itself, its Monday, or the first of its month. */
function alignedStart(date: string, bucket: ReportBucket): string {
  if (bucket === 'day') return date;
  if (bucket === 'month') return `${date.slice(0, 7)}-01`;
  const weekday = (new Date(dateMs(date)).getUTCDay() + 6) % 7; // Monday = 0
  return addCalendarDays(date, -weekday);
}

const nextStart = (date: string, bucket: ReportBucket) =>
  bucket === 'day' ? addCalendarDays(date, 1) : bucket === 'week' ? addCalendarDays(date, 7) : addMonths(date, 1);

/** The range cut into buckets, clipped to the range at both ends, in the team zone. */
export function rangeBuckets(range: ReportRange, bucket: ReportBucket, timeZone: string): Bucket[] {
  const buckets: Bucket[] = [];
  for (let start = alignedStart(range.from, bucket); start <= range.to; start = nextStart(start, bucket)) {
    // The first bucket starts on its Monday or first of the month, possibly before the range: clip it.
    const date = [start, range.from].sort()[1] ?? start;
    const next = nextStart(start, bucket);
    buckets.push({ date, startAt: instant(date, timeZone), endAt: next > range.to ? range.endAt : instant(next, timeZone) });
  }
  return buckets;
}

/**
 * The buckets as a derived table `(idx, lo, hi)` for a range join: `select … union all select …`
 * works on SQLite and PostgreSQL alike (VALUES column names do not). Instants are ISO strings, as stored.
 */
export function bucketsTable(buckets: readonly Bucket[]): RawBuilder<{ idx: number; lo: string; hi: string }> {
  const rows = buckets.map((b, idx) => sql`select ${sql.lit(idx)} as idx, cast(${b.startAt} as text) as lo, cast(${b.endAt} as text) as hi`);
  return sql`(${sql.join(rows, sql` union all `)})`;
}

/**
 * The index of the bucket holding the instant `column` (null outside every bucket), as a CASE over
 * the buckets' bounds. Rows then land in their bucket with one pass and a `group by`, instead of a
 * range join that scans the rows once per bucket.
 */
export function bucketIndexSql(column: RawBuilder<unknown>, buckets: readonly Bucket[]): RawBuilder<number | null> {
  if (buckets.length === 0) return sql<number | null>`cast(null as integer)`;
  const cases = buckets.map((b, idx) => sql`when ${column} >= cast(${b.startAt} as text) and ${column} < cast(${b.endAt} as text) then ${sql.lit(idx)}`);
  return sql<number | null>`(case ${sql.join(cases, sql` `)} end)`;
}

/** An ISO instant (text) as fractional days since the epoch, for durations. */
export function epochDaysSql(dialect: Dialect, expression: RawBuilder<unknown>): RawBuilder<number> {
  return dialect === 'sqlite' ? sql<number>`julianday(${expression})` : sql<number>`(extract(epoch from cast(${expression} as timestamptz)) / 86400.0)`;
}

/** PostgreSQL answers sum() and count() as strings (numeric, bigint) and sum() over nothing as null. */
export const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** part ÷ whole rounded to 4 decimals; null when the whole is 0. */
export const ratio = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);
