import type { Embedder, EmbedderSettings } from './types.js';

// Placeholder until the embedders branch lands the OpenAI-compatible HTTP embedder.
export function createHttpEmbedder(_settings: Extract<EmbedderSettings, { kind: 'http' }>): Embedder {
  throw new Error('the HTTP embedder is not built yet');
}
