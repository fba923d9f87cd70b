/** Words of a query or text as the index sees them: lower case, accents removed, letters and digits. */
export function retrievalTokens(text: string): string[] {
  return [...foldAccents(text.toLowerCase()).matchAll(/[\p{L}\p{N}]+/gu)].map((match) => match[0]);
}

/** NFD, combining marks removed: "José" → "Jose". Both full-text indexes and every query fold the same way. */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '');
}

const SNIPPET_WORDS = 32;

/**
 * The passage of `text` (about 32 words) holding the most query words, with each matched word wrapped in
 * «…». Without a match, the start of the text.
 */
export function bestSnippet(text: string, query: readonly string[]): string {
  const terms = new Set(query);
  const words = [...text.matchAll(/\S+/g)].map((match) => ({ start: match.index ?? 0, text: match[0] }));
  if (words.length === 0) return '';
  const hits = words.map((word) => retrievalTokens(word.text).some((token) => terms.has(token)));
  let bestStart = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < words.length; i += 1) {
    if (hits[i]) count += 1;
    if (i >= SNIPPET_WORDS && hits[i - SNIPPET_WORDS]) count -= 1;
    const start = Math.max(0, i - SNIPPET_WORDS + 1);
    if (count > bestCount) {
      bestCount = count;
      bestStart = start;
    }
  }
  // Centre a lone early match a little: start a few words before it.
  const first = hits.findIndex((hit, index) => hit && index >= bestStart);
  if (first > bestStart + 8) bestStart = Math.max(0, first - 4);
  const slice = words.slice(bestStart, bestStart + SNIPPET_WORDS);
  const marked = slice.map((word) => markWord(word.text, terms)).join(' ');
  const prefix = bestStart > 0 ? '… ' : '';
  const suffix = bestStart + SNIPPET_WORDS < words.length ? ' …' : '';
  return `${prefix}${marked}${suffix}`;
}

function markWord(word: string, terms: ReadonlySet<string>): string {
  return word.replace(/[\p{L}\p{N}]+/gu, (part) => (terms.has(foldAccents(part.toLowerCase())) ? `«${part}»` : part));
}
