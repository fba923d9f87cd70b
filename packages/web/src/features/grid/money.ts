/**
 * Money cells are edited in major units and stored as integer minor units. People type what they see
 * in spreadsheets and decks: "1.25M", "$1,250,000", "500k", "€2.5m", "(1,000)".
 */
const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6, b: 1e9, bn: 1e9 };

/** Major-unit text to integer minor units; `null` for an empty cell, `undefined` when it is not money. */
export function parseMoney(input: unknown): number | null | undefined {
  if (input === null || input === undefined) return null;
  if (typeof input === 'number') return Number.isFinite(input) ? Math.round(input * 100) : undefined;
  let text = String(input).trim();
  if (text === '' || text === '—' || text === '-') return null;
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  text = text.replace(/[\s,_]/g, '').replace(/^[A-Za-z]{3}(?=[\d.$€£¥-])/, '').replace(/[$€£¥]/g, '');
  if (text.startsWith('-')) {
    negative = !negative;
    text = text.slice(1);
  }
  const match = /^(\d+(?:\.\d*)?|\.\d+)([a-zA-Z]{0,2})$/.exec(text);
  if (!match) return undefined;
  const suffix = (match[2] ?? '').toLowerCase();
  const scale = suffix === '' ? 1 : SUFFIX[suffix];
  if (scale === undefined) return undefined;
  const minor = Math.round(Number(match[1]) * scale * 100);
  if (!Number.isSafeInteger(minor)) return undefined;
  return negative ? -minor : minor;
}

/** The editor's starting text: plain major units without grouping, so it round-trips through parseMoney. */
export function moneyEditText(minor: unknown): string {
  if (typeof minor !== 'number') return '';
  const major = minor / 100;
  return Number.isInteger(major) ? String(major) : major.toFixed(2);
}
