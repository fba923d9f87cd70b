/**
 * Dates as spreadsheets and Airtable write them: ISO, `1/15/2024` (US unless day-first), `15.01.2024`,
 * `15 Jan 2024`, `January 15, 2024`, Airtable's `2024-01-15 3:04pm`. A time without an offset is read as UTC.
 */

export interface DateOptions {
  /** `1/2/2024` is 1 February instead of January 2. */
  dayFirst: boolean;
}

export interface ParsedDateTime {
  /** YYYY-MM-DD */
  date: string;
  /** UTC ISO-8601 instant (midnight UTC for a date without a time). */
  instant: string;
  hasTime: boolean;
}

export type DateResult = { ok: true; value: ParsedDateTime } | { ok: false; error: string };

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function fullYear(raw: string): number {
  const year = Number(raw);
  if (raw.length > 2) return year;
  // Two-digit years: 00–69 are this century, 70–99 the last (the POSIX strptime pivot).
  return year < 70 ? 2000 + year : 1900 + year;
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || year < 1000 || year > 9999) return false;
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

interface TimeOfDay {
  hours: number;
  minutes: number;
  seconds: number;
  /** "+02:00", "Z" or null (read as UTC). */
  offset: string | null;
}

/** "3:04pm", "15:04", "15:04:05", "10:00:00.000Z", "09:30+02:00" */
function parseTime(raw: string): TimeOfDay | null | 'invalid' {
  const text = raw.trim().toLowerCase();
  if (text === '') return null;
  const match = /^(\d{1,2})(?::(\d{2}))?(?::(\d{2})(?:\.\d+)?)?\s*(am|pm|a\.m\.|p\.m\.)?\s*(z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!match) return 'invalid';
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  const seconds = Number(match[3] ?? 0);
  const meridiem = match[4]?.replace(/\./g, '');
  if (match[2] === undefined && !meridiem) return 'invalid';
  if (meridiem) {
    if (hours < 1 || hours > 12) return 'invalid';
    hours = (hours % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return 'invalid';
  const zone = match[5];
  const offset = zone === undefined ? null : zone === 'z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  return { hours, minutes, seconds, offset };
}

function numericDate(first: string, second: string, yearText: string, separator: string, options: DateOptions): { year: number; month: number; day: number } | string {
  const a = Number(first);
  const b = Number(second);
  const year = fullYear(yearText);
  // Dotted dates (15.01.2024) are day-first everywhere they are written.
  const dayFirst = separator === '.' || options.dayFirst;
  const [month, day] = dayFirst ? [b, a] : [a, b];
  if (validDate(year, month, day)) return { year, month, day };
  const [otherMonth, otherDay] = dayFirst ? [a, b] : [b, a];
  if (validDate(year, otherMonth, otherDay)) {
    return dayFirst
      ? `is not a valid day-first date (month ${month}); turn off day-first if this file writes months first`
      : `is not a valid US date (month ${month}); choose day-first dates if this file writes days first`;
  }
  return 'is not a valid date';
}

type DatePart = { year: number; month: number; day: number };

function parseDatePart(text: string, options: DateOptions): { date: DatePart; rest: string } | string | null {
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+(.*))?$/i.exec(text);
  if (match) {
    const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
    return validDate(date.year, date.month, date.day) ? { date, rest: match[4] ?? '' } : 'is not a valid date';
  }
  match = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?:[T\s,]+(.*))?$/.exec(text);
  if (match) {
    const date = numericDate(match[1] ?? '', match[3] ?? '', match[4] ?? '', match[2] ?? '/', options);
    return typeof date === 'string' ? date : { date, rest: match[5] ?? '' };
  }
  // 15 Jan 2024, 15-Jan-2024, 15 January 2024
  match = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)\.?,?[\s-]+(\d{4}|\d{2})(?:[\s,]+(.*))?$/i.exec(text);
  if (match) {
    const month = MONTHS[(match[2] ?? '').toLowerCase()];
    if (month === undefined) return null;
    const date = { year: fullYear(match[3] ?? ''), month, day: Number(match[1]) };
    return validDate(date.year, date.month, date.day) ? { date, rest: match[4] ?? '' } : 'is not a valid date';
  }
  // January 15, 2024 · Jan 15 2024 · Monday, January 15, 2024
  match = /^(?:[a-z]+,?\s+)?([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[\s,]+(?:at\s+)?(.*))?$/i.exec(text);
  if (match) {
    const month = MONTHS[(match[1] ?? '').toLowerCase()];
    if (month === undefined) return null;
    const date = { year: Number(match[3]), month, day: Number(match[2]) };
    return validDate(date.year, date.month, date.day) ? { date, rest: match[4] ?? '' } : 'is not a valid date';
  }
  return null;
}

export function parseDateTime(cell: string, options: DateOptions): DateResult {
  const text = cell.trim().replace(/\s+/g, ' ');
  if (text === '') return { ok: false, error: 'is empty' };
  const part = parseDatePart(text, options);
  if (part === null) return { ok: false, error: `"${text}" is not a date (use e.g. 2024-01-15, 1/15/2024 or 15 Jan 2024)` };
  if (typeof part === 'string') return { ok: false, error: `"${text}" ${part}` };
  const { year, month, day } = part.date;
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  const time = parseTime(part.rest);
  if (time === 'invalid') return { ok: false, error: `"${text}" has a time that cannot be read ("${part.rest}")` };
  if (time === null) return { ok: true, value: { date, instant: `${date}T00:00:00.000Z`, hasTime: false } };
  const local = `${date}T${pad(time.hours)}:${pad(time.minutes)}:${pad(time.seconds)}`;
  const instant = new Date(`${local}${time.offset ?? 'Z'}`);
  if (Number.isNaN(instant.getTime())) return { ok: false, error: `"${text}" is not a valid date and time` };
  return { ok: true, value: { date, instant: instant.toISOString(), hasTime: true } };
}
