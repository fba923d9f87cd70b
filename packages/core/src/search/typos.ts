import { characterLength, WORD } from './normalize.js';

/**
 * How far a vocabulary word may be from a token to count as its typo: one edit for 4–7 characters, two
 * from 8. Shorter tokens get none (every 3-letter word is one edit from dozens of others).
 */
export function maxTypoDistance(token: string): number {
  if (!WORD.test(token)) return 0;
  const length = characterLength(token);
  if (length < 4) return 0;
  return length >= 8 ? 2 : 1;
}

/**
 * Damerau–Levenshtein distance in its optimal-string-alignment form (insert, delete, substitute, swap two
 * neighbours), which is what a slip of the keyboard produces. Stops early once past `limit`.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > limit) return limit + 1;
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) value = Math.min(value, previousPrevious[j - 2]! + 1);
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    previousPrevious = previous;
    previous = current;
  }
  return previous[t.length]!;
}

/** The trigrams of a word: what a vocabulary candidate must share with it (or its first two letters). */
export function trigramsOf(word: string): string[] {
  const characters = [...word];
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= characters.length; i++) grams.add(characters.slice(i, i + 3).join(''));
  return [...grams];
}
