import { type CountryCode, parsePhoneNumberWithError } from 'libphonenumber-js';
import { memoize } from './text.js';

/**
 * Phone numbers to E.164 with libphonenumber-js. A number written with an extension is an office line
 * reached through a switchboard, and a number labelled main/office/switchboard/reception is a main line:
 * both are shared by everyone at that office and never identify a person on their own.
 */
export interface ParsedPhone {
  e164: string;
  extension: string | null;
  mainLine: boolean;
}

const MAIN_LINE_LABEL = /\b(main|office|switchboard|reception|front\s*desk|hq|headquarters|general|central|zentrale|standard)\b/i;
const HASH_EXTENSION = /\s*#\s*(\d{1,6})\s*$/;
const LEADING_LABEL = /^[^+\d(]*/;
const TRAILING_LABEL = /\s*\(([a-z\s]+)\)\s*$/i;

/** Results are memoized and shared: treat them as read-only. */
export function parsePhone(raw: string | null | undefined, defaultRegion: string): ParsedPhone | null {
  if (!raw) return null;
  return parseMemo(`${defaultRegion}|${raw}`);
}

const parseMemo = memoize((key) => {
  const bar = key.indexOf('|');
  return computePhone(key.slice(bar + 1), key.slice(0, bar));
});

function computePhone(raw: string, defaultRegion: string): ParsedPhone | null {
  const labelled = MAIN_LINE_LABEL.test(raw);
  let text = raw.trim().replace(TRAILING_LABEL, '').replace(LEADING_LABEL, '').replace(HASH_EXTENSION, ' ext. $1');
  if (text.startsWith('00')) text = `+${text.slice(2)}`;
  if (!/\d{4}/.test(text.replace(/\D/g, ''))) return null;
  try {
    const parsed = parsePhoneNumberWithError(text, { defaultCountry: defaultRegion.toUpperCase() as CountryCode });
    if (!parsed.isValid()) return null;
    const extension = parsed.ext ?? null;
    return { e164: parsed.number, extension, mainLine: labelled || extension !== null };
  } catch {
    return null;
  }
}

/** `+12125550100` → `+1 212 555 0100` for reasons shown to people. */
export function formatPhone(e164: string): string {
  return formatMemo(e164);
}

const formatMemo = memoize((e164) => {
  try {
    return parsePhoneNumberWithError(e164).formatInternational();
  } catch {
    return e164;
  }
});
