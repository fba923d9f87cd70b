import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js';
import { parsePhone } from '../identity/normalize/phones.js';
import type { NameDictionary, NameEntry } from './dictionary.js';
import { type FoldedText, foldText, originalSpan } from './fold.js';
import type { PlaceholderKind } from './placeholders.js';

/** One piece of PII found in a text: [start, end) in the original, and the value it is. */
export interface Finding {
  start: number;
  end: number;
  kind: PlaceholderKind;
  /** Normalized value: the same key gets the same placeholder. */
  key: string;
  /** The real value as written. */
  value: string;
}

export interface DetectOptions {
  amounts: boolean;
  defaultRegion: string;
}

const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/gi;
const ACCOUNT =
  /\b(?:account|acct|a\/c|konto|bank account|routing|sort code|bsb|swift|bic)\b\.?\s*(?:no\.?|number|num|nr\.?|#)?\s*[:#]?\s*([0-9][0-9 -]{4,24}[0-9]|[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?\b)/gi;
/** Numbers written with a + or 00 prefix, for the formats libphonenumber's text finder passes over. */
const INTERNATIONAL_PHONE = /(?:\+|\b00)\d[\d\s()./-]{5,22}\d/g;
/** Digit runs that may be a known phone written nationally in another region's format. */
const DIGIT_RUN = /\b\d[\d\s()./-]{5,18}\d\b/g;
const AMOUNT =
  /(?:[$€£¥]\s?|\b(?:USD|EUR|GBP|CHF|JPY|CAD|AUD|SEK|NOK|DKK)\s?)\d[\d,.' ]*\d?(?:\s?(?:k|m|mm|mn|bn|million|billion|thousand)\b)?|\b\d[\d,.]*\s?(?:k|m|mm|mn|bn|million|billion)?\s?(?:USD|EUR|GBP|CHF|JPY|CAD|AUD|SEK|NOK|DKK)\b/g;
const NAME_TOKEN = /[\p{L}\p{N}]+/gu;
/** What may stand between the words of one name: a space, "Doe, Jane", "Jean-Pierre", "O'Brien", "J. Doe". */
const NAME_GAP = /^[ \t,.'&-]{1,3}$/;
const UPPER = /^\p{Lu}/u;

/** Every piece of PII in `text`, non-overlapping, in order (the earliest, then the longest, wins). */
export function detect(text: string, dictionary: NameDictionary, options: DetectOptions): Finding[] {
  const found: Finding[] = [];
  for (const match of text.matchAll(EMAIL)) found.push(at(match.index, match[0], 'EMAIL', `email:${match[0].toLowerCase()}`));
  for (const match of text.matchAll(IBAN)) {
    const compact = match[0].replace(/ /g, '').toUpperCase();
    if (validIban(compact)) found.push(at(match.index, match[0], 'ACCOUNT', `account:${compact}`));
  }
  for (const match of text.matchAll(ACCOUNT)) {
    const number = match[1] as string;
    const start = match.index + match[0].lastIndexOf(number);
    found.push(at(start, number, 'ACCOUNT', `account:${number.replace(/[\s-]/g, '').toUpperCase()}`));
  }
  findPhones(text, dictionary, options.defaultRegion, found);
  if (options.amounts)
    for (const match of text.matchAll(AMOUNT)) found.push(at(match.index, match[0].trimEnd(), 'AMOUNT', `amount:${match[0].trim().toLowerCase()}`));
  findNames(text, dictionary, found);
  return nonOverlapping(found);
}

function at(start: number, value: string, kind: PlaceholderKind, key: string): Finding {
  return { start, end: start + value.length, kind, key, value };
}

function findPhones(text: string, dictionary: NameDictionary, region: string, found: Finding[]): void {
  if (!/\d{3}/.test(text.replace(/[\s()./-]/g, ''))) return;
  try {
    for (const phone of findPhoneNumbersInText(text, { defaultCountry: region.toUpperCase() as CountryCode })) {
      // "415.555.0171, 0033 1 …" is read as an extension ", 0033": a list of numbers, cut at the comma.
      const raw = text.slice(phone.startsAt, phone.endsAt);
      const cut = raw.search(/[,;]/);
      const value = cut > 0 ? raw.slice(0, cut) : raw;
      found.push(at(phone.startsAt, value, 'PHONE', `phone:${phone.number.number}`));
    }
  } catch {
    // An unknown default region: the patterns below still run.
  }
  for (const match of text.matchAll(INTERNATIONAL_PHONE)) {
    const parsed = parsePhone(match[0], region);
    if (parsed) found.push(at(match.index, match[0], 'PHONE', `phone:${parsed.e164}`));
  }
  if (dictionary.phoneNationalNumbers.size === 0) return;
  for (const match of text.matchAll(DIGIT_RUN)) {
    const digits = match[0].replace(/\D/g, '').replace(/^0+/, '');
    const e164 = dictionary.phoneNationalNumbers.get(digits);
    if (e164) found.push(at(match.index, match[0], 'PHONE', `phone:${e164}`));
  }
}

function findNames(text: string, dictionary: NameDictionary, found: Finding[]): void {
  if (dictionary.size === 0) return;
  const folded = foldText(text);
  const tokens: Array<{ word: string; start: number; end: number }> = [];
  for (const match of folded.folded.matchAll(NAME_TOKEN)) tokens.push({ word: match[0], start: match.index, end: match.index + match[0].length });
  for (let i = 0; i < tokens.length; i += 1) {
    const candidates = dictionary.byFirstToken.get((tokens[i] as { word: string }).word);
    if (!candidates) continue;
    const entry = candidates.find((candidate) => matchesAt(candidate, tokens, i, folded, text));
    if (!entry) continue;
    const first = tokens[i] as { start: number };
    const last = tokens[i + entry.tokens.length - 1] as { end: number };
    const [start, end] = originalSpan(folded, first.start, last.end);
    found.push({ start, end, kind: entry.kind, key: entry.key, value: text.slice(start, end) });
    i += entry.tokens.length - 1;
  }
}

function matchesAt(
  entry: NameEntry,
  tokens: ReadonlyArray<{ word: string; start: number; end: number }>,
  at: number,
  folded: FoldedText,
  text: string,
): boolean {
  if (at + entry.tokens.length > tokens.length) return false;
  for (let k = 0; k < entry.tokens.length; k += 1) {
    const token = tokens[at + k] as { word: string; start: number; end: number };
    if (token.word !== entry.tokens[k]) return false;
    if (k > 0 && !NAME_GAP.test(folded.folded.slice((tokens[at + k - 1] as { end: number }).end, token.start))) return false;
  }
  if (entry.capitalized) {
    const first = tokens[at] as { start: number; end: number };
    const [start] = originalSpan(folded, first.start, first.end);
    if (!UPPER.test(text.slice(start, start + 2))) return false;
  }
  return true;
}

function nonOverlapping(found: Finding[]): Finding[] {
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Finding[] = [];
  let reached = 0;
  for (const finding of found) {
    if (finding.start < reached || finding.end <= finding.start) continue;
    kept.push(finding);
    reached = finding.end;
  }
  return kept;
}

/** ISO 13616: move the first four characters to the end, letters to numbers, the remainder mod 97 is 1. */
function validIban(iban: string): boolean {
  if (iban.length < 15 || iban.length > 34) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' && char <= 'Z' ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}
