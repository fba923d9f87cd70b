import type { Embedder, EmbedderSettings } from './types.js';

// Placeholder until the embedders branch lands the transformers.js embedder.
export function createOnnxEmbedder(_settings: Extract<EmbedderSettings, { kind: 'onnx' }>): Embedder {
  throw new Error('the ONNX embedder is not built yet');
}
