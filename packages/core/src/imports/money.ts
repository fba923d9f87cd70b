/** Money cells as spreadsheets write them: `$1,250,000`, `1.25M`, `€500k`, `(1,000)`, `USD 2m`, `1.250.000,50 €`. */

export interface ParsedMoney {
  /** Integer minor units (cents); negative for `-5` or `(5)`. */
  minorUnits: number;
  /** ISO 4217 code: written in the cell, else the default. */
  currency: string;
}

export type MoneyResult = { ok: true; value: ParsedMoney } | { ok: false; error: string };

const SYMBOLS: [RegExp, string][] = [
  [/US\$/i, 'USD'],
  [/C\$|CA\$/i, 'CAD'],
  [/A\$|AU\$/i, 'AUD'],
  [/S\$/i, 'SGD'],
  [/HK\$/i, 'HKD'],
  [/\$/, 'USD'],
  [/€/, 'EUR'],
  [/£/, 'GBP'],
  [/¥/, 'JPY'],
  [/₹/, 'INR'],
  [/₩/, 'KRW'],
];

/** Currencies without minor units (ISO 4217 exponent 0). */
const ZERO_DECIMAL = new Set(['JPY', 'KRW', 'CLP', 'ISK', 'VND', 'XAF', 'XOF', 'UGX', 'PYG']);

const SUFFIXES: Record<string, number> = { k: 3, thousand: 3, m: 6, mm: 6, mn: 6, mio: 6, million: 6, millions: 6, b: 9, bn: 9, billion: 9, billions: 9 };

export function minorUnitExponent(currency: string): number {
  return ZERO_DECIMAL.has(currency) ? 0 : 2;
}

/** Split "1,250,000.50" / "1.250.000,50" / "1 250 000" into whole and fraction digits. */
function splitNumber(raw: string, hasSuffix: boolean): { whole: string; fraction: string } | null {
  const text = raw.replace(/[\s'\u00a0\u202f]/g, '');
  if (!/^\d[\d.,]*$|^[.,]\d+$/.test(text)) return null;
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  let decimal: ',' | '.' | null = null;
  if (lastComma >= 0 && lastDot >= 0) decimal = lastComma > lastDot ? ',' : '.';
  else if (lastDot >= 0) {
    const dots = text.split('.').length - 1;
    // "1.250.000" groups thousands; a single dot is a decimal point (US default).
    decimal = dots > 1 ? null : '.';
  } else if (lastComma >= 0) {
    const commas = text.split(',').length - 1;
    const after = text.length - lastComma - 1;
    // "1,250" and "1,250,000" group thousands; "1,5" or "1,25" (or "1,5M") are decimal commas.
    decimal = commas === 1 && (after !== 3 || hasSuffix) ? ',' : null;
  }
  const thousands = decimal === ',' ? '.' : ',';
  const cleaned = text.split(thousands).join('');
  const [whole = '', fraction = '', extra] = decimal ? cleaned.split(decimal) : [cleaned, ''];
  if (extra !== undefined || !/^\d*$/.test(whole) || !/^\d*$/.test(fraction) || whole + fraction === '') return null;
  return { whole: whole === '' ? '0' : whole, fraction };
}

export function parseMoney(cell: string, defaultCurrency: string): MoneyResult {
  let text = cell.trim();
  if (text === '') return { ok: false, error: 'is empty' };
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  let currency: string | null = null;
  const code = /\b([A-Z]{3})\b/.exec(text.toUpperCase());
  if (code?.[1] && !/^(MIO|BLN)$/.test(code[1])) {
    currency = code[1];
    text = text.replace(new RegExp(`\\b${code[1]}\\b`, 'i'), ' ');
  }
  for (const [pattern, symbolCurrency] of SYMBOLS) {
    if (pattern.test(text)) {
      currency ??= symbolCurrency;
      text = text.replace(pattern, ' ');
      break;
    }
  }
  text = text.trim();
  if (text.startsWith('-') || text.startsWith('−')) {
    negative = !negative;
    text = text.slice(1).trim();
  }
  const suffixMatch = /^(.*?)\s*([a-z]+)\.?$/i.exec(text);
  let exponent = 0;
  if (suffixMatch?.[2]) {
    const suffix = SUFFIXES[suffixMatch[2].toLowerCase()];
    if (suffix === undefined) return { ok: false, error: `"${cell.trim()}" is not an amount (unknown unit "${suffixMatch[2]}")` };
    exponent = suffix;
    text = suffixMatch[1] ?? '';
  }
  const number = splitNumber(text, exponent > 0);
  if (!number) return { ok: false, error: `"${cell.trim()}" is not an amount` };
  const resolved = currency ?? defaultCurrency;
  const scale = exponent + minorUnitExponent(resolved);
  const digits = BigInt(number.whole + number.fraction);
  const shift = scale - number.fraction.length;
  let minor: bigint;
  if (shift >= 0) minor = digits * 10n ** BigInt(shift);
  else {
    // Fractions of a cent round half up.
    const divisor = 10n ** BigInt(-shift);
    minor = (digits * 2n + divisor) / (divisor * 2n);
  }
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, error: `"${cell.trim()}" is too large an amount` };
  const value = Number(minor);
  return { ok: true, value: { minorUnits: negative && value !== 0 ? -value : value, currency: resolved } };
}
