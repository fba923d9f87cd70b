import { createHash } from 'node:crypto';

/** One piece of a source's body: `start`/`end` are character offsets into that body. */
export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

/**
 * Chunk size in words (about 1.3 tokens each for English, so ~300-450 tokens: inside the 256-512 band the
 * sentence-embedding models are trained on) and the overlap that keeps a sentence cut at a boundary
 * findable from both sides.
 */
export const CHUNK_WORDS = 320;
export const CHUNK_OVERLAP_WORDS = 48;

const WORD = /\S+/g;

/**
 * Splits `body[from, to)` into word-bounded spans of at most `maxWords` words, consecutive spans sharing
 * `overlap` words. A body that fits is one span (trimmed of surrounding white space). Empty → no span.
 */
export function splitIntoSpans(body: string, from = 0, to = body.length, maxWords = CHUNK_WORDS, overlap = CHUNK_OVERLAP_WORDS): TextSpan[] {
  const words: { start: number; end: number }[] = [];
  const region = body.slice(from, to);
  for (const match of region.matchAll(WORD)) words.push({ start: from + (match.index ?? 0), end: from + (match.index ?? 0) + match[0].length });
  if (words.length === 0) return [];
  const spans: TextSpan[] = [];
  const step = Math.max(1, maxWords - overlap);
  for (let first = 0; first < words.length; first += step) {
    const last = Math.min(words.length, first + maxWords) - 1;
    const start = words[first]?.start ?? from;
    const end = words[last]?.end ?? to;
    spans.push({ start, end, text: body.slice(start, end) });
    if (last === words.length - 1) break;
  }
  return spans;
}

export function contentHash(...parts: readonly (string | null | undefined)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part ?? ''}\u0000`);
  return hash.digest('base64url').slice(0, 22);
}
