import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvalDocument } from '../../../../bench/retrieval/corpus.js';
import { writeChunks } from '../../../../bench/retrieval/load.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';
import { searchRetrieval } from './search.js';

// The SQLite sparse leg ranks only the top rows inside FTS5 and falls back to ranking every match when
// equal scores straddle the cut or filters leave too few: the answer must equal the exact order (score, then row id).

describe.each(testDialects())('sparse leg top-n (%s)', (dialect) => {
  let core: TestCore;
  const actor = testActor({ kind: 'system', door: 'cli' });
  // 60 notes and 20 calls, every one with the same words: all scores tie, so row order (= write order) decides.
  const documents: EvalDocument[] = Array.from({ length: 80 }, (_, i) => ({
    id: `doc-${String(i).padStart(3, '0')}`,
    kind: i < 60 ? ('note' as const) : ('call' as const),
    eventAt: '2026-01-01T00:00:00.000Z',
    header: 'Quarterly letter',
    body: 'Quarterly capital call notice for the limited partners.',
    firmId: 'firm-1',
    personIds: [] as string[],
    topicIds: [] as string[],
  }));
  beforeAll(async () => {
    core = await openTestCore(dialect);
    await writeChunks(core, documents);
  });
  afterAll(() => core.dispose());

  const ids = async (query: Parameters<typeof searchRetrieval>[2]) => (await searchRetrieval(core, actor, query)).data.map((hit) => hit.sourceId);

  it('breaks ties across the cut by row order, with and without filters', async () => {
    expect(await ids({ q: 'capital call', mode: 'sparse', fusion: 'rrf', limit: 5 })).toEqual(documents.slice(0, 5).map((d) => d.id));
    expect(await ids({ q: 'capital call', mode: 'sparse', fusion: 'rrf', limit: 5, kind: ['call'] })).toEqual(documents.slice(60, 65).map((d) => d.id));
    expect(await ids({ q: 'capital call', mode: 'sparse', fusion: 'rrf', limit: 30, kind: ['call'] })).toEqual(documents.slice(60).map((d) => d.id));
    expect(await ids({ q: 'nothing-matches-this', mode: 'sparse', fusion: 'rrf', limit: 5, kind: ['call'] })).toEqual([]);
  });
});
