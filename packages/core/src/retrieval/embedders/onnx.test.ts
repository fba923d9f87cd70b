import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmbedder } from './index.js';
import { createOnnxEmbedder } from './onnx.js';
import { writeTinyBert } from './tiny-bert.fixture.js';
import { normalize } from './vectors.js';

// [PAD] gets a loud vector on purpose: if pooling ignored the attention mask, padded texts would drift.
const model = writeTinyBert(
  {
    '[PAD]': [9, 9, 9, 9],
    alpha: [1, 0, 0, 0],
    beta: [0, 2, 0, 0],
    gamma: [0, 0, 3, 1],
    fund: [1, 1, 0, 0],
    '##raising': [0, 0, 1, 1],
  },
  4,
);
const embedder = createOnnxEmbedder({ kind: 'onnx', modelDirectory: model.directory, pooling: 'mean', maxTokens: 64 });
afterAll(() => embedder.close?.());

const unit = (values: number[]) => Array.from(normalize(Float32Array.from(values)));
const plain = (vector: Float32Array | undefined) => Array.from(vector ?? []);
const norm = (vector: Float32Array | undefined) => Math.hypot(...plain(vector));
function expectClose(actual: Float32Array | undefined, expected: number[]) {
  expect(actual).toHaveLength(expected.length);
  for (const [i, value] of expected.entries()) expect(actual?.[i]).toBeCloseTo(value, 6);
}

describe('the ONNX embedder (transformers.js, a tiny generated BERT)', () => {
  it('reports its name and width from the model directory, and is what LPDESK_EMBEDDER=onnx builds', () => {
    expect(embedder).toMatchObject({ name: 'onnx:tiny-bert', dimensions: 4 });
    expect(createEmbedder({ kind: 'onnx', modelDirectory: model.directory, pooling: 'cls', maxTokens: 64 })).toMatchObject({
      name: 'onnx:tiny-bert',
      dimensions: 4,
    });
  });

  it("gives a one-word text that word's embedding-table row (mean over the kept tokens, [CLS]/[SEP] being zero), normalized", async () => {
    const [alpha, gamma] = await embedder.embed(['alpha', 'Gamma']);
    expect(plain(alpha)).toEqual(unit([1, 0, 0, 0]));
    expectClose(gamma, unit([0, 0, 3, 1]));
    expect(norm(alpha)).toBeCloseTo(1, 6);
  });

  it('averages WordPiece pieces and words, and ignores padding thanks to the attention mask', async () => {
    const [word, sentence, padded] = await embedder.embed(['fundraising', 'alpha beta', 'alpha']);
    // fundraising = fund + ##raising = [1,1,1,1]
    expectClose(word, [0.5, 0.5, 0.5, 0.5]);
    expectClose(sentence, unit([1, 2, 0, 0]));
    // "alpha" was padded to the length of the longer texts in its batch; [PAD] = [9,9,9,9] must not leak in.
    expect(plain(padded)).toEqual(unit([1, 0, 0, 0]));
    expect(model.row('[PAD]')).toEqual(Float32Array.from([9, 9, 9, 9]));
  });

  it('is deterministic and keeps input order across internal batches', async () => {
    const words = ['alpha', 'beta', 'gamma'];
    const texts = Array.from({ length: 40 }, (_, i) => (i % 7 === 0 ? 'alpha beta gamma' : (words[i % 3] ?? '')));
    const [first, second] = [await embedder.embed(texts), await embedder.embed(texts)];
    expect(first).toHaveLength(40);
    expect(second.map(plain)).toEqual(first.map(plain));
    const alone = await Promise.all(texts.map(async (text) => plain((await embedder.embed([text]))[0])));
    expect(first.map(plain)).toEqual(alone);
    expect(await embedder.embed([])).toEqual([]);
  });

  it('pools the [CLS] token when configured so', async () => {
    const clsModel = writeTinyBert({ '[CLS]': [0, 3, 4, 0], alpha: [1, 0, 0, 0] }, 4);
    const cls = createOnnxEmbedder({ kind: 'onnx', modelDirectory: clsModel.directory, pooling: 'cls', maxTokens: 64 });
    const [vector] = await cls.embed(['alpha alpha']);
    expect(plain(vector)).toEqual(unit([0, 3, 4, 0]));
    await cls.close?.();
  });

  it('fails clearly on a directory without a model', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'lpdesk-no-model-'));
    expect(() => createOnnxEmbedder({ kind: 'onnx', modelDirectory: empty, pooling: 'mean', maxTokens: 64 })).toThrow(/config\.json/);
  });
});
