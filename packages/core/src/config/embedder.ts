import { z } from 'zod';
import type { EmbedderSettings } from '../retrieval/embedders/types.js';

/** Which embedder dense retrieval uses (docs/configuration.md, docs/search.md). Read by config.ts. */
export const EMBEDDER_ENV = {
  /** `builtin` (no download, default), `onnx` (a local model directory) or `http` (an OpenAI-compatible endpoint). */
  LPDESK_EMBEDDER: z.enum(['builtin', 'onnx', 'http'], { error: 'must be builtin, onnx or http' }).default('builtin'),
  /** onnx: directory holding config.json, tokenizer.json and onnx/model.onnx. */
  LPDESK_EMBEDDER_MODEL_DIR: z.string().min(1).optional(),
  LPDESK_EMBEDDER_POOLING: z.enum(['mean', 'cls'], { error: 'must be mean or cls' }).default('mean'),
  LPDESK_EMBEDDER_MAX_TOKENS: z.coerce.number().int().min(16).max(8192).default(512),
  /** http: base URL of the endpoint, e.g. http://127.0.0.1:11434/v1 (the path /embeddings is appended). */
  LPDESK_EMBEDDER_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  LPDESK_EMBEDDER_MODEL: z.string().min(1).optional(),
  LPDESK_EMBEDDER_API_KEY: z.string().min(1).optional(),
  /** http: ask the endpoint for this many dimensions (models that support it); otherwise the model's own. */
  LPDESK_EMBEDDER_DIMENSIONS: z.coerce.number().int().min(1).max(8192).optional(),
};

type EmbedderEnv = z.output<z.ZodObject<typeof EMBEDDER_ENV>>;

export function embedderSettingsFrom(values: EmbedderEnv): EmbedderSettings | { problems: string[] } {
  switch (values.LPDESK_EMBEDDER) {
    case 'builtin':
      return { kind: 'builtin' };
    case 'onnx':
      if (!values.LPDESK_EMBEDDER_MODEL_DIR) return { problems: ['LPDESK_EMBEDDER_MODEL_DIR: required when LPDESK_EMBEDDER=onnx'] };
      return { kind: 'onnx', modelDirectory: values.LPDESK_EMBEDDER_MODEL_DIR, pooling: values.LPDESK_EMBEDDER_POOLING, maxTokens: values.LPDESK_EMBEDDER_MAX_TOKENS };
    case 'http': {
      const problems = [
        ...(values.LPDESK_EMBEDDER_URL ? [] : ['LPDESK_EMBEDDER_URL: required when LPDESK_EMBEDDER=http']),
        ...(values.LPDESK_EMBEDDER_MODEL ? [] : ['LPDESK_EMBEDDER_MODEL: required when LPDESK_EMBEDDER=http']),
      ];
      if (problems.length > 0 || !values.LPDESK_EMBEDDER_URL || !values.LPDESK_EMBEDDER_MODEL) return { problems };
      return {
        kind: 'http',
        url: values.LPDESK_EMBEDDER_URL,
        model: values.LPDESK_EMBEDDER_MODEL,
        apiKey: values.LPDESK_EMBEDDER_API_KEY,
        dimensions: values.LPDESK_EMBEDDER_DIMENSIONS,
      };
    }
  }
}
