import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../../../bench/retrieval/corpus.js';
import { EVAL_MODES, evaluateQuality, type QualityScore, scoreOf } from '../../../../bench/retrieval/evaluate.js';
import { indexDocuments, searchThroughCore } from '../../../../bench/retrieval/load.js';
import { ndcgAt, percentile, recallAt } from '../../../../bench/retrieval/metrics.js';
import { TOPICS } from '../../../../bench/retrieval/topics.js';
import { openTestCore, type TestCore, testDialects } from '../testing/index.js';

// The retrieval eval harness (bench/retrieval, `npm run bench -- --only retrieval`) on a tiny corpus, so it
// cannot rot: its metrics, the honesty of its corpus, and one pass through the real index and search.

const TINY = { seed: 7, firms: 6, documentsPerFirm: 6, entityQueries: 2, topics: 3 };

describe('retrieval eval metrics', () => {
  it('computes graded nDCG@k and recall@k (capped at k)', () => {
    const relevance = new Map([
      ['a', 2],
      ['c', 1],
    ]);
    // DCG = (2²−1)/log2(2) = 3; ideal = 3 + (2¹−1)/log2(3).
    expect(ndcgAt(10, ['a', 'b'], relevance)).toBeCloseTo(3 / (3 + 1 / Math.log2(3)), 10);
    expect(ndcgAt(10, ['a', 'c'], relevance)).toBeCloseTo(1, 10);
    expect(ndcgAt(10, ['c', 'a'], relevance)).toBeLessThan(1);
    expect(ndcgAt(1, ['b', 'a'], relevance)).toBe(0);
    expect(recallAt(10, ['a', 'b', 'a'], relevance)).toBe(0.5);
    const many = new Map(Array.from({ length: 30 }, (_, i) => [`d${i}`, 1]));
    expect(
      recallAt(
        10,
        Array.from({ length: 10 }, (_, i) => `d${i}`),
        many,
      ),
    ).toBe(1);
    expect(ndcgAt(10, ['a'], new Map())).toBe(0);
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([5, 1, 4, 2, 3], 95)).toBe(5);
  });
});

describe('retrieval eval corpus', () => {
  it('is the same for the same seed and different for another', () => {
    const [first, again, other] = [generateCorpus(TINY), generateCorpus(TINY), generateCorpus({ ...TINY, seed: 8 })];
    expect(again.documents).toEqual(first.documents);
    expect(again.queries.map((query) => [query.text, [...query.relevance]])).toEqual(first.queries.map((query) => [query.text, [...query.relevance]]));
    expect(other.documents.map((document) => document.body)).not.toEqual(first.documents.map((document) => document.body));
  });

  it('labels every query with documents that really are about it', () => {
    const corpus = generateCorpus(TINY);
    expect(new Set(corpus.queries.map((query) => query.set))).toEqual(new Set(['entity', 'topic', 'paraphrase']));
    for (const query of corpus.queries) {
      expect(query.relevance.size, query.text).toBeGreaterThan(0);
      for (const id of query.relevance.keys()) {
        const document = corpus.documents.find((candidate) => candidate.id === id);
        if (!document) throw new Error(`${query.text}: ${id} is not in the corpus`);
        if (query.set === 'entity') expect(`${document.header}\n${document.body}`, query.text).toContain(query.text);
        else expect(document.topicIds.length, query.text).toBeGreaterThan(0);
      }
    }
  });

  it('words paraphrase queries with no content word of their topic’s sentences (BM25 gets no free match)', () => {
    const STOP = new Set(
      'a an the of to in on for and or is are be with by at as it its their they them we our us how what when who which if do not no much more this that from into out about after before over than so too can will would one two each any some all'.split(
        ' ',
      ),
    );
    const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
    for (const topic of TOPICS) {
      const vocabulary = new Set([...topic.plain, ...topic.reworded].flatMap(words));
      for (const query of topic.paraphraseQueries)
        expect(
          words(query).filter((word) => !STOP.has(word) && vocabulary.has(word)),
          `${topic.id}: ${query}`,
        ).toEqual([]);
    }
  });
});

describe.each(testDialects())('retrieval eval harness through the real index (%s)', (dialect) => {
  let core: TestCore;
  let scores: QualityScore[];
  const corpus = generateCorpus(TINY);

  beforeAll(async () => {
    core = await openTestCore(dialect);
    const { chunks, embedded } = await indexDocuments(core, corpus.documents);
    expect([chunks, embedded]).toEqual([corpus.documents.length, corpus.documents.length]);
    scores = await evaluateQuality(corpus, searchThroughCore(core));
  });
  afterAll(() => core?.close());

  it('scores every query set under every mode, within [0, 1]', () => {
    expect(scores).toHaveLength(3 * EVAL_MODES.length);
    for (const score of scores) {
      expect(score.ndcg10, `${score.set} ${score.mode}`).toBeGreaterThanOrEqual(0);
      expect(score.ndcg10).toBeLessThanOrEqual(1);
      expect(score.recall10).toBeLessThanOrEqual(1);
      expect(score.perQuery).toHaveLength(score.queries);
    }
  });

  it('finds people and firms by name with BM25 and with hybrid search, and topics in every mode', () => {
    expect(scoreOf(scores, 'entity', 'sparse')?.ndcg10).toBeGreaterThan(0.7);
    expect(scoreOf(scores, 'entity', 'hybrid-rrf')?.ndcg10).toBeGreaterThan(0.6);
    for (const mode of EVAL_MODES) expect(scoreOf(scores, 'topic', mode)?.ndcg10, mode).toBeGreaterThan(0.2);
  });
});
