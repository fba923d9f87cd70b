import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { teamPhoneRegion, todayIso } from './team-time';

export { todayIso };

dayjs.extend(relativeTime);

const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', CHF: 'CHF ', CAD: 'C$', AUD: 'A$' };

function symbolFor(currency: string) {
  return SYMBOLS[currency] ?? `${currency} `;
}

/** Cards and kanban totals: $1.5M, $250K, $0. Money arrives as integer minor units. */
export function formatMoneyShort(minor: number | null | undefined, currency = 'USD'): string {
  if (minor === null || minor === undefined) return '—';
  const major = minor / 100;
  const abs = Math.abs(major);
  const sign = major < 0 ? '-' : '';
  const symbol = symbolFor(currency);
  const trim = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1).replace(/\.0$/, ''));
  if (abs >= 1e9) return `${sign}${symbol}${trim(Math.round((abs / 1e9) * 10) / 10)}B`;
  if (abs >= 1e6) return `${sign}${symbol}${trim(Math.round((abs / 1e6) * 10) / 10)}M`;
  if (abs >= 1e3) return `${sign}${symbol}${trim(Math.round(abs / 1e3))}K`;
  return `${sign}${symbol}${Math.round(abs)}`;
}

/** Tables: the full amount, $1,500,000. */
export function formatMoneyFull(minor: number | null | undefined, currency = 'USD'): string {
  if (minor === null || minor === undefined) return '—';
  const major = minor / 100;
  const digits = Number.isInteger(major) ? 0 : 2;
  return `${symbolFor(currency)}${major.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: 2 })}`;
}

/** Major-unit number from a form back to minor units; null stays null. */
export function toMinorUnits(major: number | string | null | undefined): number | null {
  if (major === null || major === undefined || major === '') return null;
  const value = typeof major === 'number' ? major : Number(major);
  if (!Number.isFinite(value)) return null;
  return Math.round(value * 100);
}

export function toMajorUnits(minor: number | null | undefined): number | '' {
  return minor === null || minor === undefined ? '' : minor / 100;
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  return dayjs(value).format('MMM D, YYYY');
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  return dayjs(value).format('MMM D, YYYY h:mm A');
}

export function formatRelative(value: string | null | undefined): string {
  if (!value) return '—';
  return dayjs(value).fromNow();
}


export function humanize(value: string | null | undefined): string {
  if (!value) return '—';
  const text = value.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function initials(name: string | null | undefined): string {
  if (!name) return '?';
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase() || '?';
}

export function isOverdue(dueOn: string | null | undefined): boolean {
  return Boolean(dueOn) && (dueOn as string) < todayIso();
}

/**
 * A stored E.164 number as people read it: national format for the team's own country
 * ((203) 555-0142), international otherwise (+44 20 7946 0958). Anything unparseable is shown as stored.
 */
export function formatPhone(number: string | null | undefined, region: string = teamPhoneRegion()): string {
  if (!number) return '—';
  const parsed = parsePhoneNumberFromString(number);
  if (!parsed) return number;
  return parsed.country === region ? parsed.formatNational() : parsed.formatInternational();
}
