/**
 * One normalization for what is indexed and what is asked: lowercase, diacritics stripped (NFKD, then
 * combining marks dropped), whitespace collapsed. Punctuation stays, so `chen@acme.com` and `o'brien`
 * match as typed.
 */
export function normalizeSearchText(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** Tokens longer than this are cut: nobody types them, and they would only slow the index down. */
const MAX_TOKEN_LENGTH = 64;
/** More words than this in one query add cost, not precision. */
const MAX_TOKENS = 8;

/** The words of a query: split on whitespace, commas and semicolons; each must match (AND). */
export function queryTokens(query: string): string[] {
  const tokens = normalizeSearchText(query)
    .split(/[\s,;]+/u)
    .filter((token) => token.length > 0)
    .map((token) => [...token].slice(0, MAX_TOKEN_LENGTH).join(''));
  return [...new Set(tokens)].slice(0, MAX_TOKENS);
}

/** Letters and digits only: the shape of a vocabulary term, and of a token that may have typos. */
export const WORD = /^[\p{L}\p{N}]+$/u;
/** Vocabulary terms shorter than this could only be typo variants of 2-letter tokens, which get none. */
export const MIN_TERM_LENGTH = 3;

/** The distinct words of a normalized document, for the typo vocabulary. */
export function vocabularyTerms(text: string): Set<string> {
  const terms = new Set<string>();
  for (const word of text.split(/[^\p{L}\p{N}]+/u)) {
    const length = [...word].length;
    if (length >= MIN_TERM_LENGTH && length <= MAX_TOKEN_LENGTH) terms.add(word);
  }
  return terms;
}

export function characterLength(value: string): number {
  return [...value].length;
}
