import { retrievalTokens } from './snippet.js';

/**
 * Query words that say nothing about what is searched for ("who", "the", "about"): left out of the
 * sparse (BM25) query, where OR-ing them would match nearly every note, and out of hybrid's coverage (fusion.ts).
 * A query of only such words keeps them.
 */
export const QUERY_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the of to in on for and or is are was were be been being with by at as it its their they them we our us you your i me my he she his her ' +
    'how what when where who whom which why if do does did not no much many more most this that these those from into out about after before ' +
    'over under than then so too very can could will would should shall may might one any some all each has have had there here'
  ).split(' '),
);

/** More add little to BM25 and cost time. */
export const MAX_QUERY_TERMS = 32;

export interface SparseQuery {
  /**
   * What the sparse leg searches for, OR-ed: a word, or a phrase of words that must stand next to each
   * other (space-separated, e.g. `re up`). Folded and lowercased like the index.
   */
  terms: string[];
  /** Every word of the terms: for snippets and for hybrid's coverage. */
  words: string[];
  /** Words typed next to each other (neither a stopword), as `first second`: for the proximity re-rank (proximity.ts). */
  pairs: string[];
}

const QUOTED = /"([^"]*)"?/g;

/**
 * Reads a search box the way people type into one. `"capital call"` in quotes is a phrase, and only notes
 * holding those words in a row match it. A word joined by hyphens, apostrophes, dots or @ ("re-up",
 * "co-invest", "O'Brien", "jane.doe@acme.example"), which the index holds as several words in a row, is
 * searched as that phrase and as its words: alone, "re" and "up" would rank every note saying "follow up"
 * as high as one saying "re-up". Other words stand alone, minus words that say nothing about what is
 * searched for ("who", "the", "about", above) unless nothing else is left.
 *
 * Words typed next to each other are also kept as pairs, for proximity.ts.
 */
export function parseSparseQuery(query: string): SparseQuery {
  const terms: string[] = [];
  const add = (words: readonly string[]) => {
    if (words.length > 0) terms.push(words.join(' '));
  };
  for (const match of query.matchAll(QUOTED)) add(retrievalTokens(match[1] ?? ''));
  const unquoted = query.replace(QUOTED, ' ');
  for (const piece of unquoted.split(/\s+/)) {
    const words = retrievalTokens(piece);
    // A joined word is searched as a phrase and as its words: notes holding it exactly rank first, and
    // "co-investment" still finds "co-invest" through "co".
    if (words.length > 1) add(words);
    for (const word of words) add([word]);
  }
  const typed = retrievalTokens(unquoted);
  const pairs = new Set<string>();
  typed.forEach((word, i) => {
    const next = typed[i + 1];
    if (next !== undefined && next !== word && !QUERY_STOPWORDS.has(word) && !QUERY_STOPWORDS.has(next)) pairs.add(`${word} ${next}`);
  });
  const unique = [...new Set(terms)];
  const meaningful = unique.filter((term) => term.includes(' ') || !QUERY_STOPWORDS.has(term));
  const kept = (meaningful.length > 0 ? meaningful : unique).slice(0, MAX_QUERY_TERMS);
  const words = [...new Set(kept.flatMap((term) => term.split(' ')))].filter((word) => !QUERY_STOPWORDS.has(word) || kept.includes(word));
  return { terms: kept, words, pairs: [...pairs].slice(0, MAX_QUERY_TERMS) };
}

export const isPhrase = (term: string) => term.includes(' ');
