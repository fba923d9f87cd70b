import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpEmbedder } from './http.js';
import { createEmbedder } from './index.js';

interface Received {
  path: string;
  authorization: string | undefined;
  body: { model: string; input: string[]; dimensions?: number };
}

type Handler = (request: Received, response: ServerResponse) => void;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise((resolve) => {
          server.close(resolve);
          server.closeAllConnections();
        }),
    ),
  );
});

/** A local stand-in for an embeddings endpoint on 127.0.0.1 and a free port; records what it was sent. */
async function endpoint(handle: Handler): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let raw = '';
    request.on('data', (chunk) => {
      raw += chunk;
    });
    request.on('end', () => {
      const entry = { path: request.url ?? '', authorization: request.headers.authorization, body: JSON.parse(raw) as Received['body'] };
      received.push(entry);
      handle(entry, response);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, received };
}

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

/** A deterministic "model": the vector of a text is [length, vowel count, 1], answered in reverse order with explicit indexes. */
const vectorOf = (text: string) => [text.length, (text.match(/[aeiou]/g) ?? []).length, 1];
const embeddings: Handler = (request, response) =>
  json(response, 200, {
    object: 'list',
    model: request.body.model,
    data: request.body.input.map((text, index) => ({ object: 'embedding', index, embedding: vectorOf(text) })).reverse(),
  });

const unit = (values: number[]) => {
  const length = Math.hypot(...values);
  return values.map((value) => value / length);
};
const settings = (url: string, extra: { apiKey?: string; dimensions?: number } = {}) => ({
  kind: 'http' as const,
  url,
  model: 'nomic-embed-text',
  apiKey: extra.apiKey,
  dimensions: extra.dimensions,
});
const fast = { backoffMs: 5, timeoutMs: 2_000 };

describe('the HTTP embedder (an OpenAI-compatible endpoint)', () => {
  it('posts {model, input} to {url}/embeddings with the Bearer key, batches, and returns normalized vectors in input order', async () => {
    const server = await endpoint(embeddings);
    const embedder = createHttpEmbedder(settings(`${server.url}/`, { apiKey: 'sk-test' }), { ...fast, batchSize: 2 });
    const texts = ['capital call', 'side letter', 'ddq', 'key person clause', 'esg'];
    const vectors = await embedder.embed(texts);
    expect(server.received.map((request) => request.body.input)).toEqual([texts.slice(0, 2), texts.slice(2, 4), texts.slice(4)]);
    expect(server.received.every((request) => request.path === '/v1/embeddings' && request.authorization === 'Bearer sk-test')).toBe(true);
    expect(server.received[0]?.body).toEqual({ model: 'nomic-embed-text', input: texts.slice(0, 2) });
    vectors.forEach((vector, i) => {
      const expected = unit(vectorOf(texts[i] ?? ''));
      for (const [d, value] of expected.entries()) expect(vector[d]).toBeCloseTo(value, 6);
    });
    expect(embedder.name).toBe('http:nomic-embed-text');
    expect(embedder.dimensions).toBe(3);
  });

  it('learns its width from the first answer (ready) unless configured, and passes configured dimensions through', async () => {
    const server = await endpoint(embeddings);
    const discovering = createEmbedder(settings(server.url));
    expect(() => discovering.dimensions).toThrow(/ready/);
    await discovering.ready?.();
    expect(discovering.dimensions).toBe(3);
    expect(server.received[0]?.authorization).toBeUndefined();

    const configured = createHttpEmbedder(settings(server.url, { dimensions: 3 }), fast);
    expect(configured.dimensions).toBe(3);
    await configured.embed(['fees']);
    expect(server.received.at(-1)?.body.dimensions).toBe(3);

    const mismatched = createHttpEmbedder(settings(server.url, { dimensions: 768 }), fast);
    await expect(mismatched.embed(['fees'])).rejects.toThrow(/3-d vectors; the index uses 768/);
  });

  it('retries 429 and 5xx answers with backoff, honouring Retry-After, then succeeds', async () => {
    let calls = 0;
    const server = await endpoint((request, response) => {
      calls++;
      if (calls === 1) return json(response, 429, { error: { message: 'slow down' } }, { 'retry-after': '0' });
      if (calls === 2) return json(response, 503, { error: { message: 'model loading' } });
      return embeddings(request, response);
    });
    const vectors = await createHttpEmbedder(settings(server.url), fast).embed(['re-up']);
    expect(calls).toBe(3);
    expect(vectors).toHaveLength(1);
  });

  it('gives up after the configured retries with the last error, and does not retry a 4xx', async () => {
    const failing = await endpoint((_request, response) => json(response, 500, { error: { message: 'out of memory' } }));
    await expect(createHttpEmbedder(settings(failing.url), { ...fast, retries: 2 }).embed(['x'])).rejects.toThrow(
      /500: out of memory \(gave up after 3 attempts\)/,
    );
    expect(failing.received).toHaveLength(3);

    const unknownModel = await endpoint((_request, response) =>
      json(response, 404, { error: { message: 'model "nomic-embed-text" not found, try pulling it first' } }),
    );
    await expect(createHttpEmbedder(settings(unknownModel.url), fast).embed(['x'])).rejects.toThrow(/404: model "nomic-embed-text" not found/);
    expect(unknownModel.received).toHaveLength(1);

    const refused = await endpoint((_request, response) => json(response, 401, { error: 'invalid api key' }));
    await expect(createHttpEmbedder(settings(refused.url), fast).embed(['x'])).rejects.toThrow(/LPDESK_EMBEDDER_API_KEY/);
  });

  it('times out a silent server and reports a malformed answer clearly', async () => {
    const silent = await endpoint(() => {
      // never answers
    });
    await expect(createHttpEmbedder(settings(silent.url), { timeoutMs: 100, retries: 1, backoffMs: 5 }).embed(['x'])).rejects.toThrow(
      /no answer within 100 ms/,
    );
    expect(silent.received).toHaveLength(2);

    const short = await endpoint((_request, response) => json(response, 200, { data: [{ index: 0, embedding: [1, 2] }] }));
    await expect(createHttpEmbedder(settings(short.url), fast).embed(['a', 'b'])).rejects.toThrow(/returned 1 embeddings for 2 inputs/);
    const notEmbeddings = await endpoint((_request, response) => json(response, 200, { result: 'ok' }));
    await expect(createHttpEmbedder(settings(notEmbeddings.url), fast).embed(['a'])).rejects.toThrow(/without a data array/);
  });
});
