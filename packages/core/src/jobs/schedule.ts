import { Invalid } from '../kernel/errors.js';

/**
 * Five-field cron (minute hour day-of-month month day-of-week), evaluated in UTC. Supports `*`, lists
 * (`1,15`), ranges (`1-5`), steps (`*\/10`, `8-18/2`), month and weekday names (`jan`, `mon-fri`), 7 as
 * Sunday, and `@hourly`, `@daily`, `@weekly`, `@monthly`, `@yearly`. As in Vixie cron, when both
 * day-of-month and day-of-week are restricted a day matching either one fires.
 */
export interface CronExpression {
  source: string;
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  daysOfWeek: ReadonlySet<number>;
  dayOfMonthRestricted: boolean;
  dayOfWeekRestricted: boolean;
}

const ALIASES: Record<string, string> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
};

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface FieldSpec {
  label: string;
  min: number;
  max: number;
  names?: string[];
  /** First value the names map to (months are 1-based). */
  nameBase?: number;
}

const FIELDS: FieldSpec[] = [
  { label: 'minute', min: 0, max: 59 },
  { label: 'hour', min: 0, max: 23 },
  { label: 'day of month', min: 1, max: 31 },
  { label: 'month', min: 1, max: 12, names: MONTH_NAMES, nameBase: 1 },
  { label: 'day of week', min: 0, max: 7, names: DAY_NAMES, nameBase: 0 },
];

function invalid(source: string, why: string): Invalid {
  return new Invalid(`cron "${source}": ${why}`);
}

function parseValue(text: string, spec: FieldSpec, source: string): number {
  const lower = text.toLowerCase();
  const named = spec.names?.indexOf(lower) ?? -1;
  if (named >= 0) return named + (spec.nameBase ?? 0);
  if (!/^\d+$/.test(text)) throw invalid(source, `"${text}" is not a valid ${spec.label}`);
  const value = Number(text);
  if (value < spec.min || value > spec.max) throw invalid(source, `${spec.label} ${value} is outside ${spec.min}-${spec.max}`);
  return value;
}

function parseField(text: string, spec: FieldSpec, source: string): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText, extra] = part.split('/');
    if (extra !== undefined || range === undefined || range === '') throw invalid(source, `"${part}" is not a valid ${spec.label}`);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1 || (stepText !== undefined && !/^\d+$/.test(stepText))) throw invalid(source, `step "${stepText}" must be a positive whole number`);
    let low: number;
    let high: number;
    if (range === '*') {
      low = spec.min;
      high = spec.max;
    } else if (range.includes('-')) {
      const [from, to, more] = range.split('-');
      if (from === undefined || to === undefined || more !== undefined) throw invalid(source, `"${range}" is not a valid range`);
      low = parseValue(from, spec, source);
      high = parseValue(to, spec, source);
      if (low > high) throw invalid(source, `range "${range}" runs backwards`);
    } else {
      low = parseValue(range, spec, source);
      // `5/15` means from 5 to the end in steps of 15.
      high = stepText === undefined ? low : spec.max;
    }
    for (let value = low; value <= high; value += step) values.add(value);
  }
  return values;
}

export function parseCron(text: string): CronExpression {
  const source = text.trim();
  const expanded = ALIASES[source.toLowerCase()] ?? source;
  const parts = expanded.split(/\s+/);
  if (parts.length !== 5) throw invalid(source, 'needs five fields: minute hour day-of-month month day-of-week');
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = parts.map((part, index) => parseField(part, FIELDS[index]!, source)) as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  if (daysOfWeek.delete(7)) daysOfWeek.add(0);
  return {
    source,
    minutes,
    hours,
    daysOfMonth,
    months,
    daysOfWeek,
    dayOfMonthRestricted: parts[2] !== '*',
    dayOfWeekRestricted: parts[4] !== '*',
  };
}

function dayMatches(cron: CronExpression, at: Date): boolean {
  const byMonthDay = cron.daysOfMonth.has(at.getUTCDate());
  const byWeekDay = cron.daysOfWeek.has(at.getUTCDay());
  if (cron.dayOfMonthRestricted && cron.dayOfWeekRestricted) return byMonthDay || byWeekDay;
  return byMonthDay && byWeekDay;
}

/** Enough to find 29 February from any start, with room to spare. */
const SEARCH_LIMIT = 5_000;

/** The first instant strictly after `after` that the expression matches (whole minutes, UTC). */
export function nextCronRun(cron: CronExpression | string, after: Date): Date {
  const expression = typeof cron === 'string' ? parseCron(cron) : cron;
  const at = new Date(after.getTime());
  at.setUTCSeconds(0, 0);
  at.setUTCMinutes(at.getUTCMinutes() + 1);
  // Skip whole months, days and hours at a time, so a yearly expression takes a few dozen steps.
  for (let step = 0; step < SEARCH_LIMIT; step++) {
    if (!expression.months.has(at.getUTCMonth() + 1)) {
      at.setUTCMonth(at.getUTCMonth() + 1, 1);
      at.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches(expression, at)) {
      at.setUTCDate(at.getUTCDate() + 1);
      at.setUTCHours(0, 0, 0, 0);
    } else if (!expression.hours.has(at.getUTCHours())) {
      at.setUTCHours(at.getUTCHours() + 1, 0, 0, 0);
    } else if (!expression.minutes.has(at.getUTCMinutes())) {
      at.setUTCMinutes(at.getUTCMinutes() + 1, 0, 0);
    } else {
      return at;
    }
  }
  throw invalid(expression.source, 'never fires (e.g. 30 February)');
}
