/**
 * Turns text into vectors for dense retrieval. One instance per process; `name` and `dimensions` are
 * recorded with the index, and a different pair triggers a rebuild of the vectors.
 */
export interface Embedder {
  /** Stable identity of the model, e.g. `builtin:glove-sg-100d-sif`, `onnx:bge-m3`, `http:nomic-embed-text`. */
  readonly name: string;
  readonly dimensions: number;
  /** One L2-normalized vector per text, in order. Batches are the caller's choice; implementations may split further. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /**
   * Resolves once `dimensions` can be read. Embedders that learn their width from the model (HTTP
   * without LPDESK_EMBEDDER_DIMENSIONS) ask it here; the others need not implement it. Call before
   * reading `dimensions` on a fresh embedder.
   */
  ready?(): Promise<void>;
  /** Releases native resources (ONNX sessions); optional. */
  close?(): Promise<void>;
}

/** Which embedder a process uses (LPDESK_EMBEDDER and friends, docs/configuration.md). */
export type EmbedderSettings =
  | { kind: 'builtin' }
  /** A sentence-embedding model in a local directory (config.json, tokenizer.json, onnx/model.onnx), run by transformers.js. */
  | { kind: 'onnx'; modelDirectory: string; pooling: 'mean' | 'cls'; maxTokens: number }
  /** Any OpenAI-compatible `/v1/embeddings` endpoint (Ollama, text-embeddings-inference, vLLM). */
  | { kind: 'http'; url: string; model: string; apiKey: string | undefined; dimensions: number | undefined };
