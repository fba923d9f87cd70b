import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A BERT-shaped sentence-embedding model small enough to write by hand, for testing the transformers.js
// path without a download: a WordPiece tokenizer and an ONNX graph whose last_hidden_state is just a
// lookup (Gather) of each token id in an embedding table the test chooses. The ONNX file is protobuf,
// encoded here with the handful of messages a graph needs (onnx.proto3 field numbers in comments).

const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;

// ---- protobuf wire format: varints, length-delimited fields ----
function varint(value: number | bigint): number[] {
  let rest = BigInt(value);
  const bytes: number[] = [];
  do {
    let byte = Number(rest & 0x7fn);
    rest >>= 7n;
    if (rest > 0n) byte |= 0x80;
    bytes.push(byte);
  } while (rest > 0n);
  return bytes;
}
const key = (field: number, wireType: 0 | 2) => varint((field << 3) | wireType);
const intField = (field: number, value: number | bigint) => [...key(field, 0), ...varint(value)];
const bytesField = (field: number, bytes: Uint8Array | number[]) => [...key(field, 2), ...varint(bytes.length), ...bytes];
const stringField = (field: number, text: string) => bytesField(field, new TextEncoder().encode(text));

const ELEMENT_FLOAT = 1;
const ELEMENT_INT64 = 7;

/** ValueInfoProto{1 name, 2 TypeProto{1 Tensor{1 elem_type, 2 TensorShapeProto{1 Dimension{1 dim_value | 2 dim_param}}}}} */
function valueInfo(name: string, elementType: number, shape: (string | number)[]): number[] {
  const dims = shape.flatMap((dim) => bytesField(1, typeof dim === 'number' ? intField(1, dim) : stringField(2, dim)));
  const tensorType = [...intField(1, elementType), ...bytesField(2, dims)];
  return [...stringField(1, name), ...bytesField(2, bytesField(1, tensorType))];
}

/** TensorProto{1 dims, 2 data_type, 8 name, 9 raw_data} holding float32 values (little-endian). */
function floatTensor(name: string, dims: number[], values: Float32Array): number[] {
  const raw = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  return [...dims.flatMap((dim) => intField(1, dim)), ...intField(2, ELEMENT_FLOAT), ...stringField(8, name), ...bytesField(9, raw)];
}

/** NodeProto{1 input, 2 output, 3 name, 4 op_type} */
function node(opType: string, inputs: string[], outputs: string[]): number[] {
  return [
    ...inputs.flatMap((input) => stringField(1, input)),
    ...outputs.flatMap((output) => stringField(2, output)),
    ...stringField(3, opType.toLowerCase()),
    ...stringField(4, opType),
  ];
}

/**
 * ModelProto{1 ir_version, 2 producer_name, 7 GraphProto, 8 OperatorSetIdProto{2 version}} for
 * last_hidden_state = Gather(table, input_ids). attention_mask is a declared input the graph does not
 * use (as in models whose mask only matters for pooling), so the pooling code has to honour it.
 */
function gatherModel(table: Float32Array, vocabularySize: number, width: number): Uint8Array {
  const graph = [
    ...bytesField(1, node('Gather', ['embeddings', 'input_ids'], ['last_hidden_state'])),
    ...stringField(2, 'tiny-bert'),
    ...bytesField(5, floatTensor('embeddings', [vocabularySize, width], table)),
    ...bytesField(11, valueInfo('input_ids', ELEMENT_INT64, ['batch', 'sequence'])),
    ...bytesField(11, valueInfo('attention_mask', ELEMENT_INT64, ['batch', 'sequence'])),
    ...bytesField(12, valueInfo('last_hidden_state', ELEMENT_FLOAT, ['batch', 'sequence', width])),
  ];
  return new Uint8Array([...intField(1, 8), ...stringField(2, 'lpdesk-test'), ...bytesField(7, graph), ...bytesField(8, intField(2, 13))]);
}

function tokenizerJson(vocabulary: readonly string[]) {
  const ids = Object.fromEntries(vocabulary.map((token, id) => [token, id]));
  const special = (token: string) => ({ id: token, ids: [ids[token]], tokens: [token] });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((token) => ({
      id: ids[token],
      content: token,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: { '[CLS]': special('[CLS]'), '[SEP]': special('[SEP]') },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: ids },
  };
}

export interface TinyBert {
  directory: string;
  /** Token → id, special tokens first ([PAD] 0, [UNK] 1, [CLS] 2, [SEP] 3). */
  ids: Record<string, number>;
  /** The embedding table row of a token: what the model outputs for it. */
  row(token: string): Float32Array;
}

/**
 * Writes a model directory (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx) to a
 * fresh temp dir. `vectors` gives each word (and optionally the special tokens) its embedding row;
 * tokens left out get zeros.
 */
export function writeTinyBert(vectors: Record<string, number[]>, width: number): TinyBert {
  const words = Object.keys(vectors).filter((token) => !(SPECIAL_TOKENS as readonly string[]).includes(token));
  const vocabulary = [...SPECIAL_TOKENS, ...words];
  const table = new Float32Array(vocabulary.length * width);
  vocabulary.forEach((token, id) => {
    const row = vectors[token];
    if (!row) return;
    if (row.length !== width) throw new Error(`${token}: ${row.length} values, expected ${width}`);
    table.set(row, id * width);
  });
  const root = mkdtempSync(join(tmpdir(), 'lpdesk-tiny-bert-'));
  const directory = join(root, 'tiny-bert');
  mkdirSync(join(directory, 'onnx'), { recursive: true });
  writeFileSync(
    join(directory, 'config.json'),
    JSON.stringify({
      model_type: 'bert',
      architectures: ['BertModel'],
      hidden_size: width,
      vocab_size: vocabulary.length,
      num_attention_heads: 1,
      num_hidden_layers: 1,
    }),
  );
  writeFileSync(join(directory, 'tokenizer.json'), JSON.stringify(tokenizerJson(vocabulary)));
  writeFileSync(
    join(directory, 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: 512,
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      cls_token: '[CLS]',
      sep_token: '[SEP]',
    }),
  );
  writeFileSync(join(directory, 'onnx', 'model.onnx'), gatherModel(table, vocabulary.length, width));
  const ids = Object.fromEntries(vocabulary.map((token, id) => [token, id]));
  return {
    directory,
    ids,
    row(token) {
      const id = ids[token];
      if (id === undefined) throw new Error(`${token} is not in the vocabulary`);
      return table.slice(id * width, (id + 1) * width);
    },
  };
}
