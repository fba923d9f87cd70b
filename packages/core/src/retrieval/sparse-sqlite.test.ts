import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../../../bench/retrieval/corpus.js';
import { writeChunks } from '../../../../bench/retrieval/load.js';
import { openTestCore, testActor, type TestCore } from '../testing/index.js';
import { filtersOf } from './filters.js';
import { parseSparseQuery } from './query-terms.js';
import { exactByRank, phrases, sqliteSparseLeg } from './sparse-sqlite.js';

// The rare-words-first path must answer exactly what ranking every match by (bm25, id) answers; it only
// saves FTS5 from scoring the chunks that hold nothing but common words. Forced on for a small corpus.

describe('SQLite sparse leg, rare words first', () => {
  let core: TestCore;
  const actor = testActor({ kind: 'system', door: 'cli' });
  const corpus = generateCorpus({ seed: 7, firms: 40, documentsPerFirm: 12, entityQueries: 6 });
  const forced = { rareShare: 0.05, splitFromChunks: 0 };
  beforeAll(async () => {
    core = await openTestCore('sqlite');
    await writeChunks(core, corpus.documents);
  });
  afterAll(() => core.dispose());

  const queries = [
    ...corpus.queries.map((query) => query.text),
    'fund call capital',
    'the fund',
    'Fund III capital call notice',
    // Phrases (query-terms.ts): always on the rare side, with a ceiling that does not know how many chunks hold them.
    '"capital call" fund',
    're-up in the next fund with co-invest',
    '"follow-up call" "the fund" next',
  ];

  it('ranks every query as the full query does, with and without filters', async () => {
    let compared = 0;
    for (const text of queries) {
      const { terms } = parseSparseQuery(text);
      for (const query of [{ q: text }, { q: text, kind: ['call'] }, { q: text, from: '2030-06-01', to: '2031-03-31' }]) {
        const filters = filtersOf(core, actor, { mode: 'sparse', fusion: 'rrf', limit: 10, ...query });
        for (const limit of [1, 10, 50]) {
          const expected = await exactByRank(core, phrases(terms), filters, limit);
          const answer = await sqliteSparseLeg(core, terms, filters, limit, forced);
          // bm25 adds the words in another order, so scores may differ in the last bit: same chunks, same order.
          expect(
            answer.map((hit) => hit.id),
            `${text} ${JSON.stringify(query)} ${limit}`,
          ).toEqual(expected.map((hit) => hit.id));
          for (const [i, hit] of answer.entries()) expect(hit.score).toBeCloseTo(expected[i]?.score ?? Number.NaN, 9);
          compared += 1;
        }
      }
    }
    expect(compared).toBe(queries.length * 9);
  });

  it('takes the rare-first path for queries mixing rare and common words (it is not the fallback that answers)', async () => {
    // With every word counted as rare, nothing is split: the same answers by the single-query path.
    const { terms } = parseSparseQuery('who raised concerns about the GP commitment in the fund?');
    const filters = filtersOf(core, actor, { q: '', mode: 'sparse', fusion: 'rrf', limit: 10 });
    const split = await sqliteSparseLeg(core, terms, filters, 10, forced);
    const unsplit = await sqliteSparseLeg(core, terms, filters, 10, { rareShare: 1, splitFromChunks: 0 });
    expect(split.length).toBe(10);
    // The same chunks in the same order; scores equal but for the last bit (bm25 adds the terms in another order).
    expect(split.map((hit) => hit.id)).toEqual(unsplit.map((hit) => hit.id));
    for (const [i, hit] of split.entries()) expect(hit.score).toBeCloseTo(unsplit[i]?.score ?? Number.NaN, 9);
  });
});
