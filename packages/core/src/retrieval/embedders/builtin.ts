import type { Embedder } from './types.js';

// Placeholder until the retrieval branch lands the SIF-weighted GloVe embedder.
export function createBuiltinEmbedder(): Embedder {
  throw new Error('the built-in embedder is not built yet');
}
