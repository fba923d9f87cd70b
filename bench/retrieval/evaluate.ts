import type { EvalCorpus, QuerySet } from './corpus.js';
import { mean, ndcgAt, recallAt } from './metrics.js';

/** How a retrieval system is asked: the modes of `GET /api/search` (hybrid with either fusion). */
export type EvalMode = 'sparse' | 'dense' | 'hybrid-rrf' | 'hybrid-weighted';
export const EVAL_MODES: readonly EvalMode[] = ['sparse', 'dense', 'hybrid-rrf', 'hybrid-weighted'];
export const QUERY_SETS: readonly QuerySet[] = ['entity', 'topic', 'paraphrase'];

/** A system under test: answers document ids, best first (several chunks of one document count once). */
export type SearchDocuments = (query: string, mode: EvalMode, limit: number) => Promise<string[]>;

export interface QualityScore {
  set: QuerySet;
  mode: EvalMode;
  queries: number;
  ndcg10: number;
  recall10: number;
  /** Per query, in corpus order: for finding which queries a change helped or hurt. */
  perQuery: { text: string; ndcg10: number }[];
}

const K = 10;

/** nDCG@10 and recall@10 of every query set under every mode. */
export async function evaluateQuality(corpus: EvalCorpus, search: SearchDocuments, modes: readonly EvalMode[] = EVAL_MODES): Promise<QualityScore[]> {
  const scores: QualityScore[] = [];
  for (const set of QUERY_SETS) {
    const queries = corpus.queries.filter((query) => query.set === set);
    if (queries.length === 0) continue;
    for (const mode of modes) {
      const perQuery: QualityScore['perQuery'] = [];
      const recalls: number[] = [];
      for (const query of queries) {
        const ranked = dedupe(await search(query.text, mode, K * 3)).slice(0, K);
        perQuery.push({ text: query.text, ndcg10: ndcgAt(K, ranked, query.relevance) });
        recalls.push(recallAt(K, ranked, query.relevance));
      }
      scores.push({ set, mode, queries: queries.length, ndcg10: mean(perQuery.map((entry) => entry.ndcg10)), recall10: mean(recalls), perQuery });
    }
  }
  return scores;
}

function dedupe(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

export const scoreOf = (scores: readonly QualityScore[], set: QuerySet, mode: EvalMode) => scores.find((score) => score.set === set && score.mode === mode);
