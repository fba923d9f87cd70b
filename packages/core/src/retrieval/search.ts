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
import { LEG_MIN, LEG_OVERFETCH, type LegHit, reciprocalRankFusion, weightedScoreFusion } from './fusion.js';
import { catchUpRetrievalIndex } from './catch-up.js';
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
  if (core.dialect === 'sqlite') {
    const match = tokens.map((token) => `"${token}"`).join(' OR ');
    // Header (subject, people, Message-ID) counts double a body word.
    const rows = await sql<{ id: number; rank: number }>`
      SELECT c.id AS id, bm25(retrieval_chunks_fts, 2.0, 1.0) AS rank
      FROM retrieval_chunks_fts JOIN retrieval_chunks c ON c.id = retrieval_chunks_fts.rowid
      WHERE retrieval_chunks_fts MATCH ${match}${where(filters)}
      ORDER BY rank, c.id LIMIT ${limit}`.execute(core.db);
    return rows.rows.map((row) => ({ id: Number(row.id), score: -Number(row.rank) }));
  }
  const tsquery = tokens.join(' | ');
  const rows = await sql<{ id: number | string; rank: number }>`
    SELECT c.id AS id, ts_rank_cd(c.tsv, q.query) AS rank
    FROM retrieval_chunks c, to_tsquery('simple', ${tsquery}) AS q(query)
    WHERE c.tsv @@ q.query${where(filters)}
    ORDER BY rank DESC, c.id LIMIT ${limit}`.execute(core.db);
  return rows.rows.map((row) => ({ id: Number(row.id), score: Number(row.rank) }));
}

async function denseLeg(core: CoreContext, text: string, filters: Filters, limit: number): Promise<LegHit[]> {
  const embedder = retrievalEmbedder(core);
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
  // Exact cosine (vectors are unit length, so the dot product) over every stored vector.
  const rows = await sql<{ id: number | string; similarity: number }>`
    SELECT c.id AS id, (SELECT sum(a * b) FROM unnest(v.embedding, ${Array.from(vector)}::real[]) AS t(a, b)) AS similarity
    FROM retrieval_vectors v JOIN retrieval_chunks c ON c.id = v.chunk_row_id
    WHERE 1 = 1${where(filters)}
    ORDER BY similarity DESC, c.id LIMIT ${limit}`.execute(core.db);
  return rows.rows.map((row) => ({ id: Number(row.id), score: Number(row.similarity) }));
}

export async function searchRetrieval(core: CoreContext, actor: Actor, query: RetrievalSearchQuery): Promise<RetrievalSearchResult> {
  const started = performance.now();
  await catchUpRetrievalIndex(core, { vectors: query.mode !== 'sparse' });
  const tokens = [...new Set(retrievalTokens(query.q))].slice(0, MAX_QUERY_TOKENS);
  const filters = filtersOf(core, actor, query);
  let ranked: LegHit[];
  if (query.mode === 'sparse') ranked = await sparseLeg(core, tokens, filters, query.limit);
  else if (query.mode === 'dense') ranked = await denseLeg(core, query.q, filters, query.limit);
  else {
    const legLimit = Math.max(query.limit * LEG_OVERFETCH, LEG_MIN);
    const [sparse, dense] = [await sparseLeg(core, tokens, filters, legLimit), await denseLeg(core, query.q, filters, legLimit)];
    ranked = (query.fusion === 'weighted' ? weightedScoreFusion(sparse, dense) : reciprocalRankFusion(sparse, dense)).slice(0, query.limit);
  }
  const data = await hydrate(core, ranked, tokens);
  const entities = await labelEntities(core, data);
  return { data, tookMs: Math.round((performance.now() - started) * 100) / 100, entities };
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
