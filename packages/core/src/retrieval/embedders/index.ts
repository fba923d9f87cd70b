import { createBuiltinEmbedder } from './builtin.js';
import { createHttpEmbedder } from './http.js';
import { createOnnxEmbedder } from './onnx.js';
import type { Embedder, EmbedderSettings } from './types.js';

export type { Embedder, EmbedderSettings } from './types.js';

/** The embedder the settings name. Models load lazily, on the first `embed`. */
export function createEmbedder(settings: EmbedderSettings): Embedder {
  switch (settings.kind) {
    case 'builtin':
      return createBuiltinEmbedder();
    case 'onnx':
      return createOnnxEmbedder(settings);
    case 'http':
      return createHttpEmbedder(settings);
  }
}
