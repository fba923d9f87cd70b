import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../../../bench/retrieval/corpus.js';
import { indexDocuments } from '../../../../bench/retrieval/load.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';
import { rankByCosine } from './dense-memory.js';
import { searchRetrieval } from './search.js';
import { retrievalEmbedder } from './vectors.js';

// The in-process copy of the vectors (PostgreSQL always, SQLite past 20k chunks): exact ranking, the
// sign-code shortcut for large indexes (forced on here), filters, and reloading
// after another write.

describe.each(testDialects())('dense leg in memory (%s)', (dialect) => {
  let core: TestCore;
  const corpus = generateCorpus({ seed: 21, firms: 40, documentsPerFirm: 12, entityQueries: 4 });
  beforeAll(async () => {
    core = await openTestCore(dialect);
    await indexDocuments(core, corpus.documents);
  });
  afterAll(() => core.dispose());

  const embed = async (text: string) => {
    const [vector] = await retrievalEmbedder(core).embed([text]);
    if (!vector) throw new Error('no vector');
    return vector;
  };
  const exact = (vector: Float32Array, limit: number, allowed?: (ids: readonly number[]) => Promise<Set<number>>) =>
    rankByCosine(core.db, core.dialect, vector, limit, allowed, { approximateFrom: Number.POSITIVE_INFINITY, candidateShare: 0, minCandidates: 0 });
  const approximate = (vector: Float32Array, limit: number, allowed?: (ids: readonly number[]) => Promise<Set<number>>) =>
    rankByCosine(core.db, core.dialect, vector, limit, allowed, { approximateFrom: 0, candidateShare: 0.2, minCandidates: 0 });

  it('ranks exactly by cosine, best first, ties by row id', async () => {
    const hits = await exact(await embed('capital call notice'), 20);
    expect(hits).toHaveLength(20);
    for (let i = 1; i < hits.length; i++) {
      const [a, b] = [hits[i - 1], hits[i]];
      if (!a || !b) throw new Error('missing hit');
      expect(a.score > b.score || (a.score === b.score && a.id < b.id)).toBe(true);
    }
  });

  it('with sign codes, ranks the nearest candidates exactly: most of the exact top 10, and every hit scored truly', async () => {
    let found = 0;
    const queries = corpus.queries.slice(0, 20);
    for (const query of queries) {
      const vector = await embed(query.text);
      const truth = await exact(vector, 10);
      const quick = await approximate(vector, 10);
      expect(quick).toHaveLength(10);
      const trueScore = new Map(truth.map((hit) => [hit.id, hit.score]));
      for (const hit of quick) if (trueScore.has(hit.id)) expect(hit.score).toBeCloseTo(trueScore.get(hit.id) ?? 0, 6);
      found += quick.filter((hit) => trueScore.has(hit.id)).length;
    }
    // A fifth of ~480 vectors as candidates: nearly all of the exact top 10 (95 % at 200k chunks, 4 %, in the bench).
    expect(found / (queries.length * 10)).toBeGreaterThan(0.8);
  });

  it('keeps only rows passing the filter, asking for more when too few pass', async () => {
    const vector = await embed('side letter requests');
    const even = async (ids: readonly number[]) => new Set(ids.filter((id) => id % 2 === 0));
    for (const rank of [exact, approximate]) {
      const hits = await rank(vector, 15, even);
      expect(hits).toHaveLength(15);
      expect(hits.every((hit) => hit.id % 2 === 0)).toBe(true);
      expect(hits.map((hit) => hit.id)).toEqual((await exact(vector, 15, even)).map((hit) => hit.id));
    }
  });

  it('reloads after vectors are written (by any process: the stamp is in the database)', async () => {
    const before = await exact(await embed('zyzzyva quokka'), 1);
    await indexDocuments(core, [
      {
        id: 'doc-new',
        kind: 'note',
        eventAt: '2030-02-01T10:00:00.000Z',
        header: 'Zyzzyva notes',
        body: 'zyzzyva quokka zyzzyva quokka',
        firmId: 'firm-1',
        personIds: [],
        topicIds: [],
      },
    ]);
    const after = await exact(await embed('zyzzyva quokka'), 1);
    expect(after[0]?.id).not.toBe(before[0]?.id);
    const hits = await searchRetrieval(core, testActor({ kind: 'system', door: 'cli' }), { q: 'zyzzyva quokka', mode: 'dense', fusion: 'rrf', limit: 1 });
    expect(hits.data[0]?.sourceId).toBe('doc-new');
  });
});
