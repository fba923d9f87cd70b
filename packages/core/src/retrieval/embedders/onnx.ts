import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Embedder, EmbedderSettings } from './types.js';
import { normalize } from './vectors.js';

type OnnxSettings = Extract<EmbedderSettings, { kind: 'onnx' }>;
type Transformers = typeof import('@huggingface/transformers');

/** The model directory's config.json names its width under one of these keys, depending on the architecture. */
const WIDTH_KEYS = ['hidden_size', 'd_model', 'dim', 'n_embd'] as const;
/** How many texts go through the model at once: bounds the padded [batch, tokens, width] tensor. */
const BATCH_SIZE = 16;

/** The model's output width, read from config.json when the embedder is created (cheap, and fails early on a wrong directory). */
function modelWidth(directory: string): number {
  const file = join(directory, 'config.json');
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new Error(
      `LPDESK_EMBEDDER_MODEL_DIR: cannot read ${file} (${(error as Error).message}); the directory needs config.json, tokenizer.json and onnx/model.onnx`,
    );
  }
  for (const key of WIDTH_KEYS) {
    const value = config[key];
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  }
  throw new Error(`${file} names no model width (one of ${WIDTH_KEYS.join(', ')})`);
}

async function loadTransformers(): Promise<Transformers> {
  try {
    return await import('@huggingface/transformers');
  } catch (error) {
    throw new Error(
      `LPDESK_EMBEDDER=onnx needs the optional package @huggingface/transformers, which is not installed (${(error as Error).message}); install it next to LP Desk or use LPDESK_EMBEDDER=builtin`,
    );
  }
}

interface Loaded {
  tokenizer: Awaited<ReturnType<Transformers['AutoTokenizer']['from_pretrained']>>;
  model: Awaited<ReturnType<Transformers['AutoModel']['from_pretrained']>>;
}

/**
 * Pools token vectors [batch, tokens, width] into one vector per text: the mean over the tokens the
 * attention mask keeps, or the first token's (CLS) vector, as the model was trained to be used.
 */
export function poolTokens(
  hidden: { data: ArrayLike<number>; dims: readonly number[] },
  mask: { data: ArrayLike<number | bigint> },
  pooling: 'mean' | 'cls',
): Float32Array[] {
  const [batch = 0, tokens = 0, width = 0] = hidden.dims;
  const vectors: Float32Array[] = [];
  for (let row = 0; row < batch; row++) {
    const vector = new Float32Array(width);
    const rowStart = row * tokens * width;
    if (pooling === 'cls') {
      for (let d = 0; d < width; d++) vector[d] = Number(hidden.data[rowStart + d]);
    } else {
      let kept = 0;
      for (let t = 0; t < tokens; t++) {
        if (Number(mask.data[row * tokens + t]) === 0) continue;
        kept++;
        const tokenStart = rowStart + t * width;
        for (let d = 0; d < width; d++) vector[d] = (vector[d] ?? 0) + Number(hidden.data[tokenStart + d]);
      }
      if (kept > 0) for (let d = 0; d < width; d++) vector[d] = (vector[d] ?? 0) / kept;
    }
    vectors.push(normalize(vector));
  }
  return vectors;
}

/**
 * A sentence-embedding model (bge-m3, all-MiniLM-L6-v2, e5, …) from a local directory, run by
 * transformers.js on the CPU. Nothing is downloaded: remote models are switched off and the directory
 * must hold config.json, tokenizer.json, tokenizer_config.json and onnx/model.onnx. The model loads on
 * the first `embed`, once.
 */
export function createOnnxEmbedder(settings: OnnxSettings): Embedder {
  const directory = resolve(settings.modelDirectory);
  const dimensions = modelWidth(directory);
  let loading: Promise<Loaded> | undefined;

  const load = () => {
    loading ??= (async () => {
      const transformers = await loadTransformers();
      // transformers.js resolves a model id against localModelPath; the id is the directory's own name.
      transformers.env.allowRemoteModels = false;
      transformers.env.allowLocalModels = true;
      transformers.env.localModelPath = `${dirname(directory)}/`;
      const id = basename(directory);
      try {
        const tokenizer = await transformers.AutoTokenizer.from_pretrained(id);
        const model = await transformers.AutoModel.from_pretrained(id, { dtype: 'fp32', device: 'cpu' });
        return { tokenizer, model };
      } catch (error) {
        throw new Error(`cannot load the ONNX model in ${directory}: ${(error as Error).message}`);
      }
    })();
    // A failed load is retried on the next call rather than cached forever.
    loading.catch(() => {
      loading = undefined;
    });
    return loading;
  };

  const embedBatch = async ({ tokenizer, model }: Loaded, texts: string[]): Promise<Float32Array[]> => {
    const inputs = tokenizer(texts, { padding: true, truncation: true, max_length: settings.maxTokens });
    const outputs = (await model(inputs)) as Record<string, { data: ArrayLike<number>; dims: number[] } | undefined>;
    const hidden = outputs.last_hidden_state ?? outputs.token_embeddings;
    if (!hidden) throw new Error(`the ONNX model in ${directory} has no last_hidden_state output (it has ${Object.keys(outputs).join(', ')})`);
    if (hidden.dims[2] !== dimensions) throw new Error(`the ONNX model in ${directory} returned ${hidden.dims[2]}-d vectors; config.json says ${dimensions}`);
    return poolTokens(hidden, inputs.attention_mask as { data: ArrayLike<number | bigint> }, settings.pooling);
  };

  return {
    name: `onnx:${basename(directory)}`,
    dimensions,
    async embed(texts) {
      if (texts.length === 0) return [];
      const loaded = await load();
      const vectors: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += BATCH_SIZE) {
        vectors.push(...(await embedBatch(loaded, texts.slice(start, start + BATCH_SIZE))));
      }
      return vectors;
    },
    async close() {
      const current = loading;
      loading = undefined;
      if (current) await (await current.catch(() => undefined))?.model.dispose();
    },
  };
}
