import {
  RETRIEVAL_SOURCE_TYPES,
  type RetrievalEntity,
  type RetrievalHit,
  type RetrievalSearchQuery,
  type RetrievalSearchResult,
  type RetrievalSourceType,
} from '@lpdesk/contracts';
import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../kernel/actor.js';
import { startOfDay } from '../kernel/clock.js';
import type { CoreContext } from '../kernel/context.js';
import { can } from '../kernel/permissions.js';
import {
  COVERAGE_TOP_HITS,
  hybridWeights,
  LEG_MIN,
  LEG_OVERFETCH,
  type LegHit,
  queryCoverage,
  reciprocalRankFusion,
  sparseQueryTokens,
  weightedScoreFusion,
} from './fusion.js';
import { catchUpRetrievalIndex } from './catch-up.js';
import { chunksPassing, rankByCosine } from './pg-dense.js';
import { bestSnippet, retrievalTokens } from './snippet.js';
import { SQLITE_VECTOR_TABLE, sqliteVectorTableExists } from './store.js';
import { indexedEmbedder, retrievalEmbedder } from './vectors.js';

/** sqlite-vec answers at most this many neighbours per query. */
const KNN_MAX = 4096;
/** With filters, the dense leg asks for this many neighbours per wanted hit, then filters. */
const FILTERED_OVERFETCH = 20;
/** Query words: more add little to BM25 and cost time. */
const MAX_QUERY_TOKENS = 32;

interface Filters {
  clauses: RawBuilder<unknown>[];
  any: boolean;
}

/** The calendar day after `date` (YYYY-MM-DD), by UTC arithmetic on the date alone. */
function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function eventBound(value: string, timeZone: string, end: boolean): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return (end ? startOfDay(nextDay(value), timeZone) : startOfDay(value, timeZone)).toISOString();
  return new Date(value).toISOString();
}

/** SQL conditions on the chunk alias `c`, from the query and from what the actor may see. */
function filtersOf(core: CoreContext, actor: Actor, query: RetrievalSearchQuery): Filters {
  const clauses: RawBuilder<unknown>[] = [];
  let any = false;
  // Captured mail is for readers of email only (docs/email.md); unlinked (private) mail is never indexed.
  if (!can(actor, 'email.read')) clauses.push(sql`c.source_type <> 'email'`);
  if (query.entityId) {
    clauses.push(sql`c.id IN (SELECT chunk_row_id FROM retrieval_chunk_entities WHERE entity_id = ${query.entityId})`);
    any = true;
  }
  if (query.kind && query.kind.length > 0) {
    const sourceTypes = query.kind.filter((k): k is RetrievalSourceType => (RETRIEVAL_SOURCE_TYPES as readonly string[]).includes(k));
    const kinds = query.kind.filter((k) => !(RETRIEVAL_SOURCE_TYPES as readonly string[]).includes(k) || k === 'email' || k === 'note');
    const alternatives = [
      ...(sourceTypes.length > 0 ? [sql`c.source_type IN (${sql.join(sourceTypes)})`] : []),
      ...(kinds.length > 0 ? [sql`c.kind IN (${sql.join(kinds)})`] : []),
    ];
    clauses.push(sql`(${sql.join(alternatives, sql` OR `)})`);
    any = true;
  }
  if (query.fundId) {
    clauses.push(sql`(c.fund_id = ${query.fundId} OR c.id IN (SELECT chunk_row_id FROM retrieval_chunk_entities WHERE entity_id = ${query.fundId}))`);
    any = true;
  }
  if (query.from) {
    clauses.push(sql`c.event_at >= ${eventBound(query.from, core.settings.timeZone, false)}`);
    any = true;
  }
  if (query.to) {
    const bound = eventBound(query.to, core.settings.timeZone, /^\d{4}-\d{2}-\d{2}$/.test(query.to));
    clauses.push(/^\d{4}-\d{2}-\d{2}$/.test(query.to) ? sql`c.event_at < ${bound}` : sql`c.event_at <= ${bound}`);
    any = true;
  }
  return { clauses, any };
}

const where = (filters: Filters) => (filters.clauses.length > 0 ? sql` AND ${sql.join(filters.clauses, sql` AND `)}` : sql``);

async function sparseLeg(core: CoreContext, tokens: readonly string[], filters: Filters, limit: number): Promise<LegHit[]> {
  if (tokens.length === 0) return [];
  if (core.dialect === 'sqlite') return sqliteSparseLeg(core, tokens, filters, limit);
  const tsquery = tokens.join(' | ');
  const rows = await sql<{ id: number | string; rank: number }>`
    SELECT c.id AS id, ts_rank_cd(c.tsv, q.query) AS rank
    FROM retrieval_chunks c, to_tsquery('simple', ${tsquery}) AS q(query)
    WHERE c.tsv @@ q.query${where(filters)}
    ORDER BY rank DESC, c.id LIMIT ${limit}`.execute(core.db);
  return rows.rows.map((row) => ({ id: Number(row.id), score: Number(row.rank) }));
}

/**
 * Rows past the wanted ones that the FTS5 top-n asks for, so that a tie seldom crosses the cut (each
 * crossing costs the exact query): with `limit + 8` 7 % of the bench's queries fell back, with `2 × limit + 8` none.
 */
const TIE_MARGIN = 8;

/**
 * FTS5 ranks inside the full-text index (`ORDER BY rank LIMIT n`, bm25 weights through `rank MATCH`) so
 * only the top n rows are joined to their chunks and filtered; filters ask for more first. When the
 * filters leave too few, or equal scores straddle the cut, the exact query over every match answers,
 * so the result is the same as ranking all matches by (score, id).
 */
async function sqliteSparseLeg(core: CoreContext, tokens: readonly string[], filters: Filters, limit: number): Promise<LegHit[]> {
  const match = tokens.map((token) => `"${token}"`).join(' OR ');
  // Header (subject, people, Message-ID) counts double a body word.
  const ranking = 'bm25(2.0, 1.0)';
  const filtered = filters.clauses.length > 0;
  const top = filtered ? Math.max(limit * FILTERED_OVERFETCH, 500) : 2 * limit + TIE_MARGIN;
  const rows = await sql<{ id: number; rank: number; found: number; worst: number }>`
    WITH top AS (
      SELECT rowid AS id, rank, count(*) OVER () AS found, max(rank) OVER () AS worst FROM (
        SELECT rowid, rank FROM retrieval_chunks_fts WHERE retrieval_chunks_fts MATCH ${match} AND rank MATCH ${ranking} ORDER BY rank LIMIT ${top}))
    SELECT c.id AS id, top.rank AS rank, top.found AS found, top.worst AS worst FROM top JOIN retrieval_chunks c ON c.id = top.id
    WHERE 1 = 1${where(filters)}
    ORDER BY top.rank, c.id`.execute(core.db);
  const candidates = rows.rows;
  const first = candidates[0];
  // Every match not fetched scores at least `worst`: the top rows are exact when the cut's score is better.
  const everyMatch = first === undefined || Number(first.found) < top;
  const boundary = candidates[limit - 1];
  const clearCut = first !== undefined && boundary !== undefined && Number(boundary.rank) < Number(first.worst);
  // No candidate at all with a full top: filters removed all of them, so ask the exact query.
  if ((everyMatch && (first !== undefined || !filtered)) || clearCut)
    return candidates.slice(0, limit).map((row) => ({ id: Number(row.id), score: -Number(row.rank) }));
  const exact = await sql<{ id: number; rank: number }>`
    SELECT c.id AS id, bm25(retrieval_chunks_fts, 2.0, 1.0) AS rank
    FROM retrieval_chunks_fts JOIN retrieval_chunks c ON c.id = retrieval_chunks_fts.rowid
    WHERE retrieval_chunks_fts MATCH ${match}${where(filters)}
    ORDER BY rank, c.id LIMIT ${limit}`.execute(core.db);
  return exact.rows.map((row) => ({ id: Number(row.id), score: -Number(row.rank) }));
}

async function denseLeg(core: CoreContext, text: string, filters: Filters, limit: number): Promise<LegHit[]> {
  const embedder = retrievalEmbedder(core);
  await embedder.ready?.();
  const indexed = await indexedEmbedder(core.db);
  // Vectors made by another model are not comparable: until the rebuild, dense has nothing to say.
  if (!indexed || indexed.name !== embedder.name || indexed.dimensions !== embedder.dimensions) return [];
  const [vector] = await embedder.embed([text]);
  if (!vector) return [];
  if (core.dialect === 'sqlite') {
    if (!(await sqliteVectorTableExists(core.db))) return [];
    const k = Math.min(KNN_MAX, filters.any ? Math.max(limit * FILTERED_OVERFETCH, 500) : limit);
    const rows = await sql<{ id: number; distance: number }>`
      WITH knn AS (SELECT rowid, distance FROM ${sql.table(SQLITE_VECTOR_TABLE)} WHERE embedding MATCH ${Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength)} AND k = ${k})
      SELECT c.id AS id, knn.distance AS distance FROM knn JOIN retrieval_chunks c ON c.id = knn.rowid
      WHERE 1 = 1${where(filters)}
      ORDER BY knn.distance, c.id LIMIT ${limit}`.execute(core.db);
    return rows.rows.map((row) => ({ id: Number(row.id), score: 1 - Number(row.distance) }));
  }
  // PostgreSQL: exact cosine over the process's copy of the vectors (pg-dense.ts).
  const filtered = filters.clauses.length > 0;
  return rankByCosine(core.db, vector, limit, filtered ? (ids) => chunksPassing(core.db, ids, where(filters)) : undefined);
}

export async function searchRetrieval(core: CoreContext, actor: Actor, query: RetrievalSearchQuery): Promise<RetrievalSearchResult> {
  const started = performance.now();
  await catchUpRetrievalIndex(core, { vectors: query.mode !== 'sparse' });
  const tokens = sparseQueryTokens([...new Set(retrievalTokens(query.q))]).slice(0, MAX_QUERY_TOKENS);
  const filters = filtersOf(core, actor, query);
  let ranked: LegHit[];
  if (query.mode === 'sparse') ranked = await sparseLeg(core, tokens, filters, query.limit);
  else if (query.mode === 'dense') ranked = await denseLeg(core, query.q, filters, query.limit);
  else {
    const legLimit = Math.max(query.limit * LEG_OVERFETCH, LEG_MIN);
    const [sparse, dense] = [await sparseLeg(core, tokens, filters, legLimit), await denseLeg(core, query.q, filters, legLimit)];
    const weights = hybridWeights(await sparseCoverage(core, tokens, sparse));
    ranked = (query.fusion === 'weighted' ? weightedScoreFusion(sparse, dense, weights) : reciprocalRankFusion(sparse, dense, weights)).slice(0, query.limit);
  }
  const data = await hydrate(core, ranked, tokens);
  const entities = await labelEntities(core, data);
  return { data, tookMs: Math.round((performance.now() - started) * 100) / 100, entities };
}

/** How much of the query the best sparse hits contain (fusion.ts, hybridWeights): one primary-key read of a few rows. */
async function sparseCoverage(core: CoreContext, tokens: readonly string[], sparse: readonly LegHit[]): Promise<number> {
  const top = sparse.slice(0, COVERAGE_TOP_HITS).map((hit) => hit.id);
  if (top.length === 0) return 0;
  const rows = await core.db.selectFrom('retrievalChunks').select(['header', 'body']).where('id', 'in', top).execute();
  return queryCoverage(
    tokens,
    rows.map((row) => new Set(retrievalTokens(`${row.header}\n${row.body}`))),
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
