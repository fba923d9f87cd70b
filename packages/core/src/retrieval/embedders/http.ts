import type { Embedder, EmbedderSettings } from './types.js';
import { normalize } from './vectors.js';

type HttpSettings = Extract<EmbedderSettings, { kind: 'http' }>;

/** Tunables with production defaults; tests shorten the waits. */
export interface HttpEmbedderOptions {
  /** Texts per request (servers cap batch sizes; 64 suits Ollama, TEI and vLLM defaults). */
  batchSize?: number;
  /** Per request, including reading the body. */
  timeoutMs?: number;
  /** Further attempts after a 429, a 5xx, a timeout or a refused connection. */
  retries?: number;
  /** First wait before a retry; doubles each time (with jitter), unless the server sends Retry-After. */
  backoffMs?: number;
}

const DEFAULTS: Required<HttpEmbedderOptions> = { batchSize: 64, timeoutMs: 30_000, retries: 4, backoffMs: 500 };
/** A Retry-After longer than this is not waited for: the caller's job retries later instead. */
const MAX_RETRY_AFTER_MS = 30_000;

class RetryableError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.min(Math.max(0, date - Date.now()), MAX_RETRY_AFTER_MS);
}

/** The server's own words, from an OpenAI-style `{error: {message}}` body or the first line of text. */
function serverMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message);
    if (typeof message === 'string') return message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.split('\n')[0]?.slice(0, 300) ?? '';
}

/** `{data: [{embedding, index}]}` → vectors in input order, or an error saying what was wrong. */
function parseEmbeddings(body: unknown, expected: number, where: string): number[][] {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw new Error(`${where} answered without a data array (not an OpenAI-compatible embeddings endpoint?)`);
  if (data.length !== expected) throw new Error(`${where} returned ${data.length} embeddings for ${expected} inputs`);
  const ordered: number[][] = new Array(expected);
  data.forEach((item: { embedding?: unknown; index?: unknown }, position) => {
    const index = typeof item?.index === 'number' ? item.index : position;
    const embedding = item?.embedding;
    if (!Array.isArray(embedding) || embedding.length === 0 || !embedding.every((value) => typeof value === 'number' && Number.isFinite(value)))
      throw new Error(`${where} returned an embedding that is not a list of numbers (base64 encoding is not supported)`);
    if (!Number.isInteger(index) || index < 0 || index >= expected || ordered[index])
      throw new Error(`${where} returned a bad or repeated index ${String(index)}`);
    ordered[index] = embedding;
  });
  return ordered;
}

/**
 * Any OpenAI-compatible embeddings endpoint: `POST {url}/embeddings` with `{model, input: [...]}` →
 * `{data: [{embedding, index}]}` (OpenAI, Ollama's /v1, text-embeddings-inference, vLLM, LM Studio).
 * Sends the Bearer key when configured and `dimensions` when set; otherwise the width is learnt from the
 * first answer (`ready()` asks once). Vectors are L2-normalized here, whatever the server does.
 */
export function createHttpEmbedder(settings: HttpSettings, options: HttpEmbedderOptions = {}): Embedder {
  const { batchSize, timeoutMs, retries, backoffMs } = { ...DEFAULTS, ...options };
  const endpoint = `${settings.url.replace(/\/+$/, '')}/embeddings`;
  const where = `the embeddings endpoint ${endpoint}`;
  let dimensions = settings.dimensions;

  const attempt = async (input: string[]): Promise<number[][]> => {
    let response: Response;
    let text: string;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}) },
        body: JSON.stringify({ model: settings.model, input, ...(settings.dimensions ? { dimensions: settings.dimensions } : {}) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const cause = error as Error & { cause?: { code?: string } };
      const reason = cause.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (cause.cause?.code ?? cause.message);
      throw new RetryableError(`${where}: ${reason}`, undefined);
    }
    if (response.status === 429 || response.status >= 500)
      throw new RetryableError(`${where} answered ${response.status}: ${serverMessage(text)}`, retryAfterMs(response.headers.get('retry-after')));
    if (response.status === 401 || response.status === 403)
      throw new Error(`${where} refused the request (${response.status}: ${serverMessage(text)}); check LPDESK_EMBEDDER_API_KEY`);
    if (!response.ok) throw new Error(`${where} answered ${response.status}: ${serverMessage(text)} (model "${settings.model}")`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`${where} answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`);
    }
    return parseEmbeddings(body, input.length, where);
  };

  const request = async (input: string[]): Promise<number[][]> => {
    for (let tries = 0; ; tries++) {
      try {
        return await attempt(input);
      } catch (error) {
        if (!(error instanceof RetryableError) || tries >= retries) {
          if (error instanceof RetryableError) throw new Error(`${error.message} (gave up after ${tries + 1} attempts)`);
          throw error;
        }
        const exponential = backoffMs * 2 ** tries;
        await sleep(error.retryAfterMs ?? exponential / 2 + Math.random() * (exponential / 2));
      }
    }
  };

  const embed = async (texts: readonly string[]): Promise<Float32Array[]> => {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += batchSize) {
      for (const values of await request(texts.slice(start, start + batchSize))) {
        dimensions ??= values.length;
        if (values.length !== dimensions)
          throw new Error(`${where} returned ${values.length}-d vectors; the index uses ${dimensions} (set LPDESK_EMBEDDER_DIMENSIONS or rebuild the index)`);
        vectors.push(normalize(Float32Array.from(values)));
      }
    }
    return vectors;
  };

  return {
    name: `http:${settings.model}`,
    get dimensions(): number {
      if (dimensions === undefined) throw new Error(`the width of ${settings.model} is not known yet: await ready() (or set LPDESK_EMBEDDER_DIMENSIONS)`);
      return dimensions;
    },
    embed,
    async ready() {
      if (dimensions === undefined) await embed(['dimension probe']);
    },
  };
}
