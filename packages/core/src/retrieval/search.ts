import type { RetrievalEntity, RetrievalHit, RetrievalSearchQuery, RetrievalSearchResult, RetrievalSourceType } from '@lpdesk/contracts';
import { sql } from 'kysely';
import { splitIntoChunks } from '../kernel/chunks.js';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { COVERAGE_TOP_HITS, hybridWeights, LEG_MIN, LEG_OVERFETCH, type LegHit, queryCoverage, reciprocalRankFusion, weightedScoreFusion } from './fusion.js';
import { catchUpRetrievalIndex } from './catch-up.js';
import { FILTERED_OVERFETCH, type Filters, filtersOf, where } from './filters.js';
import { APPROXIMATE_FROM, chunksPassing, rankByCosine } from './dense-memory.js';
import { rankByPgvector, usesPgvector } from './pgvector.js';
import { PROXIMITY_MIN, rerankByProximity } from './proximity.js';
import { isPhrase, parseSparseQuery, type SparseQuery } from './query-terms.js';
import { bestSnippet, retrievalTokens } from './snippet.js';
import { largestChunkId, sqliteSparseLeg } from './sparse-sqlite.js';
import { SQLITE_VECTOR_TABLE, sqliteVectorTableExists } from './store.js';
import { indexedEmbedder, retrievalEmbedder, vectorBytes } from './vectors.js';

/** sqlite-vec answers at most this many neighbours per query. */
const KNN_MAX = 4096;

/** Header and body of chunks, read by row id as needed and kept for the rest of one search. */
function chunkTexts(core: CoreContext) {
  const texts = new Map<number, string>();
  return {
    async load(ids: readonly number[]): Promise<void> {
      const missing = ids.filter((id) => !texts.has(id));
      for (const part of splitIntoChunks(missing, 500)) {
        const rows = await core.db.selectFrom('retrievalChunks').select(['id', 'header', 'body']).where('id', 'in', part).execute();
        for (const row of rows) texts.set(Number(row.id), `${row.header}\n${row.body}`);
      }
    },
    get: (id: number) => texts.get(id),
  };
}
type ChunkTexts = ReturnType<typeof chunkTexts>;

/** BM25 over the query's terms, its best candidates re-ranked by the pairs of words they hold in a row (proximity.ts). */
async function sparseLeg(core: CoreContext, query: SparseQuery, filters: Filters, limit: number, texts: ChunkTexts): Promise<LegHit[]> {
  if (query.pairs.length === 0) return bm25Leg(core, query.terms, filters, limit);
  const candidates = await bm25Leg(core, query.terms, filters, Math.max(limit, PROXIMITY_MIN));
  await texts.load(candidates.map((hit) => hit.id));
  return rerankByProximity(candidates, query.pairs, texts.get).slice(0, limit);
}

async function bm25Leg(core: CoreContext, terms: readonly string[], filters: Filters, limit: number): Promise<LegHit[]> {
  if (terms.length === 0) return [];
  if (core.dialect === 'sqlite') return sqliteSparseLeg(core, terms, filters, limit);
  // Words are letters and digits only (query-terms.ts), so nothing in them is tsquery syntax.
  const tsquery = terms.map((term) => (isPhrase(term) ? `(${term.split(' ').join(' <-> ')})` : term)).join(' | ');
  const rows = await sql<{ id: number | string; rank: number }>`
    SELECT c.id AS id, ts_rank_cd(c.tsv, q.query) AS rank
    FROM retrieval_chunks c, to_tsquery('simple', ${tsquery}) AS q(query)
    WHERE c.tsv @@ q.query${where(filters)}
    ORDER BY rank DESC, c.id LIMIT ${limit}`.execute(core.db);
  return rows.rows.map((row) => ({ id: Number(row.id), score: Number(row.rank) }));
}

async function denseLeg(core: CoreContext, text: string, filters: Filters, limit: number): Promise<LegHit[]> {
  const embedder = retrievalEmbedder(core);
  await embedder.ready?.();
  const indexed = await indexedEmbedder(core.db);
  // Vectors made by another model are not comparable: until the rebuild, dense has nothing to say.
  if (!indexed || indexed.name !== embedder.name || indexed.dimensions !== embedder.dimensions) return [];
  const [vector] = await embedder.embed([text]);
  if (!vector) return [];
  const filtered = filters.clauses.length > 0;
  if (core.dialect === 'sqlite') {
    if (!(await sqliteVectorTableExists(core.db))) return [];
    // sqlite-vec's exact KNN while it is fast; past that size, the in-process copy (dense-memory.ts).
    if ((await largestChunkId(core)) < APPROXIMATE_FROM) {
      const k = Math.min(KNN_MAX, filters.any ? Math.max(limit * FILTERED_OVERFETCH, 500) : limit);
      const rows = await sql<{ id: number; distance: number }>`
        WITH knn AS (SELECT rowid, distance FROM ${sql.table(SQLITE_VECTOR_TABLE)} WHERE embedding MATCH ${vectorBytes(vector)} AND k = ${k})
        SELECT c.id AS id, knn.distance AS distance FROM knn JOIN retrieval_chunks c ON c.id = knn.rowid
        WHERE 1 = 1${where(filters)}
        ORDER BY knn.distance, c.id LIMIT ${limit}`.execute(core.db);
      return rows.rows.map((row) => ({ id: Number(row.id), score: 1 - Number(row.distance) }));
    }
  }
  if (core.dialect === 'postgres' && (await usesPgvector(core.db))) return rankByPgvector(core.db, vector, limit, filters);
  return rankByCosine(core.db, core.dialect, vector, limit, filtered ? (ids) => chunksPassing(core.db, ids, where(filters)) : undefined);
}

export async function searchRetrieval(core: CoreContext, actor: Actor, query: RetrievalSearchQuery): Promise<RetrievalSearchResult> {
  const started = performance.now();
  await catchUpRetrievalIndex(core, { vectors: query.mode !== 'sparse' });
  const parsed = parseSparseQuery(query.q);
  const filters = filtersOf(core, actor, query);
  const texts = chunkTexts(core);
  let ranked: LegHit[];
  if (query.mode === 'sparse') ranked = await sparseLeg(core, parsed, filters, query.limit, texts);
  else if (query.mode === 'dense') ranked = await denseLeg(core, query.q, filters, query.limit);
  else {
    const legLimit = Math.max(query.limit * LEG_OVERFETCH, LEG_MIN);
    const [sparse, dense] = [await sparseLeg(core, parsed, filters, legLimit, texts), await denseLeg(core, query.q, filters, legLimit)];
    const weights = hybridWeights(await sparseCoverage(parsed.words, sparse, texts));
    ranked = (query.fusion === 'weighted' ? weightedScoreFusion(sparse, dense, weights) : reciprocalRankFusion(sparse, dense, weights)).slice(0, query.limit);
  }
  const data = await hydrate(core, ranked, parsed.words);
  const entities = await labelEntities(core, data);
  return { data, tookMs: Math.round((performance.now() - started) * 100) / 100, entities };
}

/** How much of the query the best sparse hits contain (fusion.ts, hybridWeights). */
async function sparseCoverage(words: readonly string[], sparse: readonly LegHit[], texts: ChunkTexts): Promise<number> {
  const top = sparse.slice(0, COVERAGE_TOP_HITS).map((hit) => hit.id);
  await texts.load(top);
  return queryCoverage(
    words,
    top.map((id) => new Set(retrievalTokens(texts.get(id) ?? ''))),
  );
}

async function hydrate(core: CoreContext, ranked: readonly LegHit[], tokens: readonly string[]): Promise<RetrievalHit[]> {
  if (ranked.length === 0) return [];
  const rows = await core.db
    .selectFrom('retrievalChunks')
    .select(['id', 'chunkId', 'sourceType', 'sourceId', 'kind', 'eventAt', 'fundId', 'title', 'entityIdsJson', 'header', 'body', 'startOffset', 'endOffset'])
    .where(
      'id',
      'in',
      ranked.map((hit) => hit.id),
    )
    .execute();
  const byId = new Map(rows.map((row) => [Number(row.id), row]));
  return ranked.flatMap((hit) => {
    const row = byId.get(hit.id);
    if (!row) return [];
    const snippet = row.body.trim() !== '' ? bestSnippet(row.body, tokens) : bestSnippet(row.header.split('\n')[0] ?? '', tokens);
    return [
      {
        sourceType: row.sourceType as RetrievalSourceType,
        sourceId: row.sourceId,
        chunkId: row.chunkId,
        start: row.startOffset,
        end: row.endOffset,
        score: hit.score,
        snippet,
        entityIds: JSON.parse(row.entityIdsJson) as string[],
        kind: row.kind,
        eventAt: row.eventAt,
        fundId: row.fundId,
        title: row.title,
      },
    ];
  });
}

/** Labels of every record the hits name, so a screen can group them (trashed records still get a label). */
async function labelEntities(core: CoreContext, hits: readonly RetrievalHit[]): Promise<RetrievalEntity[]> {
  const ids = [...new Set(hits.flatMap((hit) => hit.entityIds))];
  if (ids.length === 0) return [];
  const [contacts, organizations, funds, commitments] = await Promise.all([
    core.db.selectFrom('contacts').select(['id', 'firstName', 'lastName']).where('id', 'in', ids).execute(),
    core.db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', ids).execute(),
    core.db.selectFrom('funds').select(['id', 'name']).where('id', 'in', ids).execute(),
    core.db
      .selectFrom('commitments as cm')
      .innerJoin('organizations as o', 'o.id', 'cm.organizationId')
      .innerJoin('funds as f', 'f.id', 'cm.fundId')
      .select(['cm.id', 'o.name as organizationName', 'f.name as fundName'])
      .where('cm.id', 'in', ids)
      .execute(),
  ]);
  return [
    ...contacts.map((row) => ({ id: row.id, type: 'contact' as const, label: `${row.firstName} ${row.lastName}`.trim() })),
    ...organizations.map((row) => ({ id: row.id, type: 'organization' as const, label: row.name })),
    ...funds.map((row) => ({ id: row.id, type: 'fund' as const, label: row.name })),
    ...commitments.map((row) => ({ id: row.id, type: 'commitment' as const, label: `${row.organizationName} — ${row.fundName}` })),
  ];
}
