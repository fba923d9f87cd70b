import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const load = (env: Record<string, string>) => loadConfig({ env: { LPDESK_DATA_DIR: mkdtempSync(join(tmpdir(), 'lpdesk-embedder-')), ...env } });

describe('embedder settings', () => {
  it('uses the built-in embedder unless told otherwise', () => {
    expect(load({}).embedder).toEqual({ kind: 'builtin' });
    expect(load({ LPDESK_EMBEDDER: 'builtin', LPDESK_EMBEDDER_URL: 'http://ignored.example' }).embedder).toEqual({ kind: 'builtin' });
  });

  it('reads a local ONNX model directory with its pooling and token limit', () => {
    expect(load({ LPDESK_EMBEDDER: 'onnx', LPDESK_EMBEDDER_MODEL_DIR: '/models/bge-m3' }).embedder).toEqual({
      kind: 'onnx',
      modelDirectory: '/models/bge-m3',
      pooling: 'mean',
      maxTokens: 512,
    });
    expect(
      load({ LPDESK_EMBEDDER: 'onnx', LPDESK_EMBEDDER_MODEL_DIR: '/models/bge-m3', LPDESK_EMBEDDER_POOLING: 'cls', LPDESK_EMBEDDER_MAX_TOKENS: '1024' })
        .embedder,
    ).toMatchObject({
      pooling: 'cls',
      maxTokens: 1024,
    });
  });

  it('reads an OpenAI-compatible endpoint with its model, key and dimensions', () => {
    expect(load({ LPDESK_EMBEDDER: 'http', LPDESK_EMBEDDER_URL: 'http://127.0.0.1:11434/v1', LPDESK_EMBEDDER_MODEL: 'nomic-embed-text' }).embedder).toEqual({
      kind: 'http',
      url: 'http://127.0.0.1:11434/v1',
      model: 'nomic-embed-text',
      apiKey: undefined,
      dimensions: undefined,
    });
    expect(
      load({
        LPDESK_EMBEDDER: 'http',
        LPDESK_EMBEDDER_URL: 'https://api.example.com/v1',
        LPDESK_EMBEDDER_MODEL: 'text-embedding-3-small',
        LPDESK_EMBEDDER_API_KEY: 'sk-x',
        LPDESK_EMBEDDER_DIMENSIONS: '256',
      }).embedder,
    ).toMatchObject({ apiKey: 'sk-x', dimensions: 256 });
  });

  it.each([
    [{ LPDESK_EMBEDDER: 'openai' }, /LPDESK_EMBEDDER/],
    [{ LPDESK_EMBEDDER: 'onnx' }, /LPDESK_EMBEDDER_MODEL_DIR: required/],
    [{ LPDESK_EMBEDDER: 'onnx', LPDESK_EMBEDDER_MODEL_DIR: '/m', LPDESK_EMBEDDER_POOLING: 'max' }, /LPDESK_EMBEDDER_POOLING/],
    [{ LPDESK_EMBEDDER: 'onnx', LPDESK_EMBEDDER_MODEL_DIR: '/m', LPDESK_EMBEDDER_MAX_TOKENS: '8' }, /LPDESK_EMBEDDER_MAX_TOKENS/],
    [{ LPDESK_EMBEDDER: 'http', LPDESK_EMBEDDER_MODEL: 'm' }, /LPDESK_EMBEDDER_URL: required/],
    [{ LPDESK_EMBEDDER: 'http', LPDESK_EMBEDDER_URL: 'http://127.0.0.1:8080' }, /LPDESK_EMBEDDER_MODEL: required/],
    [{ LPDESK_EMBEDDER: 'http', LPDESK_EMBEDDER_URL: 'ftp://models.example', LPDESK_EMBEDDER_MODEL: 'm' }, /LPDESK_EMBEDDER_URL/],
    [
      { LPDESK_EMBEDDER: 'http', LPDESK_EMBEDDER_URL: 'http://127.0.0.1:8080', LPDESK_EMBEDDER_MODEL: 'm', LPDESK_EMBEDDER_DIMENSIONS: '0' },
      /LPDESK_EMBEDDER_DIMENSIONS/,
    ],
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => load(env)).toThrow(ConfigError);
    expect(() => load(env)).toThrow(message);
  });
});
