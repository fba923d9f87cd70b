import { type GloveTable, loadGlove } from './glove.js';
import type { Embedder } from './types.js';

export const BUILTIN_EMBEDDER_NAME = 'builtin:glove-sg-100d-sif';

/**
 * SIF (smooth inverse frequency, Arora et al. 2017) weight a / (a + p(w)). The package gives no counts,
 * so p(w) comes from the word's frequency rank by Zipf's law: p(rank r) ≈ 1 / ((r + 1) · H), H ≈ ln V + γ.
 */
const SIF_A = 1e-3;
const ZIPF_NORMALIZER = Math.log(341_479) + 0.5772;
/** Words outside the vocabulary (names, codes) get a pseudo-random vector from their hash at this weight, so the same rare word still matches itself. */
const OUT_OF_VOCABULARY_WEIGHT = 0.6;
/** Long texts: the first words carry the topic; more only costs time. */
const MAX_WORDS = 2_000;

const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

export function sifWeight(rank: number): number {
  const probability = 1 / ((rank + 1) * ZIPF_NORMALIZER);
  return SIF_A / (SIF_A + probability);
}

/** Deterministic unit-ish vector for a word (FNV-1a seeded xorshift), the same in every process. */
function hashedVector(word: string, dimensions: number, into: Float32Array, weight: number): void {
  let seed = 0x811c9dc5;
  for (let i = 0; i < word.length; i += 1) seed = Math.imul(seed ^ word.charCodeAt(i), 0x01000193) >>> 0;
  const scale = weight / Math.sqrt(dimensions);
  for (let d = 0; d < dimensions; d += 1) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    seed >>>= 0;
    into[d] = (into[d] ?? 0) + ((seed & 1) === 0 ? scale : -scale);
  }
}

export function embedWithTable(table: GloveTable, text: string): Float32Array {
  const { dimensions, ranks, vectors } = table;
  const sum = new Float32Array(dimensions);
  let words = 0;
  for (const match of text.toLowerCase().matchAll(TOKEN)) {
    if (words >= MAX_WORDS) break;
    words += 1;
    const word = match[0].replace('’', "'");
    const rank = ranks.get(word) ?? ranks.get(word.replace(/'.*$/, ''));
    if (rank === undefined) {
      hashedVector(word, dimensions, sum, OUT_OF_VOCABULARY_WEIGHT);
      continue;
    }
    const weight = sifWeight(rank);
    const base = rank * dimensions;
    for (let d = 0; d < dimensions; d += 1) sum[d] = (sum[d] ?? 0) + weight * (vectors[base + d] ?? 0);
  }
  let norm = 0;
  for (let d = 0; d < dimensions; d += 1) norm += (sum[d] ?? 0) ** 2;
  norm = Math.sqrt(norm);
  if (norm === 0) {
    // Nothing to go on (empty or punctuation only): a fixed unit vector, so cosine stays defined.
    sum[0] = 1;
    return sum;
  }
  for (let d = 0; d < dimensions; d += 1) sum[d] = (sum[d] ?? 0) / norm;
  return sum;
}

/**
 * The built-in embedder: no download, no native code. A SIF-weighted average of static GloVe word vectors
 * (100 d), L2-normalized. It captures topic similarity and some synonyms ("capital call" ~ "drawdown"),
 * not names, negation or word order. The vectors load on the first `embed` (docs/search.md).
 */
export function createBuiltinEmbedder(): Embedder {
  return {
    name: BUILTIN_EMBEDDER_NAME,
    dimensions: 100,
    async embed(texts) {
      const table = await loadGlove();
      return texts.map((text) => embedWithTable(table, text));
    },
  };
}
