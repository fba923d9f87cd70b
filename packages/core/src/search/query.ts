import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Dialect } from '../db/migration-context.js';
import type { CoreContext } from '../kernel/context.js';
import type { SearchableType } from './documents.js';
import { characterLength, queryTokens } from './normalize.js';
import { catchUpSearchIndex } from './subscriber.js';
import { editDistance, maxTypoDistance, trigramsOf } from './typos.js';

/**
 * `whenUnmatched`: a word gets typo variants only if no indexed word contains it (lists: "chen" lists the
 * Chens, not also every Chan and Shen). `always`: every long enough word does (the palette, which ranks
 * typo matches last).
 */
export type TypoMode = 'always' | 'whenUnmatched';

export interface SearchToken {
  /** The normalized word as typed: matched as a substring (3+ characters) or a word prefix (1–2). */
  text: string;
  /** Indexed words within its typo distance, each matched as a substring too. */
  variants: string[];
}

export interface PreparedSearch {
  tokens: SearchToken[];
}

/** Closest variants kept per token: enough for real typos, bounded so the query stays small. */
const MAX_VARIANTS = 12;
/** Below this a token cannot use the trigram index; it matches the start of a word instead. */
const TRIGRAM = 3;

/** Normalize the query and look up each word's typo variants; every word must then match (AND). */
export async function prepareSearch(core: CoreContext, query: string, typos: TypoMode): Promise<PreparedSearch> {
  await catchUpSearchIndex(core);
  const tokens = await Promise.all(queryTokens(query).map(async (text) => ({ text, variants: await typoVariants(core.db, core.dialect, text, typos) })));
  return { tokens };
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const like = (column: Expression<string> | ReturnType<typeof sql.raw>, pattern: string) => sql<SqlBool>`${column} like ${pattern} escape '\\'`;
/** An FTS5 string literal: anything inside double quotes is literal, a quote is doubled. */
const ftsPhrase = (text: string) => `"${text.replaceAll('"', '""')}"`;

/**
 * The documents every token matches. SQLite: one FTS5 MATCH over the trigram index for the 3+ character
 * tokens; PostgreSQL: `LIKE '%token%'`, which the gin_trgm_ops index answers. 1–2 character tokens match
 * the start of a word (no index can narrow those; they only filter what the others found).
 */
export function documentMatches(dialect: Dialect, search: PreparedSearch): Expression<SqlBool> {
  const text = sql.ref('sd.text') as unknown as Expression<string>;
  const conditions: Expression<SqlBool>[] = [];
  const long = search.tokens.filter((token) => characterLength(token.text) >= TRIGRAM);
  if (dialect === 'sqlite' && long.length > 0) {
    const match = long.map((token) => `(${[token.text, ...token.variants].map(ftsPhrase).join(' OR ')})`).join(' AND ');
    conditions.push(sql<SqlBool>`sd.id in (select rowid from search_documents_fts where search_documents_fts match ${match})`);
  }
  if (dialect === 'postgres') {
    for (const token of long) {
      const alternatives = [token.text, ...token.variants].map((word) => like(text, `%${escapeLike(word)}%`));
      conditions.push(alternatives.length === 1 ? alternatives[0]! : sql<SqlBool>`(${sql.join(alternatives, sql` or `)})`);
    }
  }
  for (const token of search.tokens.filter((t) => characterLength(t.text) < TRIGRAM)) {
    conditions.push(like(sql<string>`(' ' || sd.text)`, `% ${escapeLike(token.text)}%`));
  }
  return conditions.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}

/** Ids of the records of one type whose document matches: for `id IN (…)` in the list queries. */
export function matchingIds(db: Db, dialect: Dialect, type: SearchableType, search: PreparedSearch) {
  return db.selectFrom('searchDocuments as sd').select('sd.entityId').where('sd.entityType', '=', type).where(documentMatches(dialect, search));
}

/**
 * Indexed words one typo away (two from 8 characters). Candidates share a trigram with the token or
 * start with its first two letters, within the length the distance allows; the distance is then
 * checked here. Words that contain the token are left out: the token itself already finds them.
 */
async function typoVariants(db: Db, dialect: Dialect, token: string, mode: TypoMode): Promise<string[]> {
  const distance = maxTypoDistance(token);
  if (distance === 0) return [];
  if (mode === 'whenUnmatched' && (await vocabularyContains(db, dialect, token))) return [];
  const length = characterLength(token);
  const candidates = await vocabularyCandidates(db, dialect, token, length - distance, length + distance);
  return candidates
    .filter((candidate) => !candidate.term.includes(token))
    .map((candidate) => ({ ...candidate, distance: editDistance(token, candidate.term, distance) }))
    .filter((candidate) => candidate.distance <= distance)
    .sort((a, b) => a.distance - b.distance || b.documentCount - a.documentCount || (a.term < b.term ? -1 : 1))
    .slice(0, MAX_VARIANTS)
    .map((candidate) => candidate.term);
}

async function vocabularyContains(db: Db, dialect: Dialect, token: string): Promise<boolean> {
  const found =
    dialect === 'sqlite'
      ? await sql`select 1 from search_terms_fts where search_terms_fts match ${ftsPhrase(token)} limit 1`.execute(db)
      : await sql`select 1 from search_terms where term like ${`%${escapeLike(token)}%`} escape '\\' limit 1`.execute(db);
  return found.rows.length > 0;
}

async function vocabularyCandidates(db: Db, dialect: Dialect, token: string, minLength: number, maxLength: number) {
  const { sharingTrigram, samePrefix } = vocabularyCandidateQueries(db, dialect, token, minLength, maxLength);
  const [byTrigram, byPrefix] = await Promise.all([sharingTrigram.execute(), samePrefix.execute()]);
  const unique = new Map([...byTrigram, ...byPrefix].map((row) => [row.term, { term: row.term, documentCount: Number(row.documentCount) }]));
  return [...unique.values()];
}

/** The two index lookups for typo candidates (exported for the query-plan test). */
export function vocabularyCandidateQueries(db: Db, dialect: Dialect, token: string, minLength: number, maxLength: number) {
  const prefix = [...token].slice(0, 2).join('');
  const grams = trigramsOf(token);
  const base = () =>
    db
      .selectFrom('searchTerms as st')
      .select(['st.term', 'st.documentCount'])
      .where(sql`length(st.term)`, '>=', minLength)
      .where(sql`length(st.term)`, '<=', maxLength);
  const sharingTrigram =
    dialect === 'sqlite'
      ? base().where(sql<SqlBool>`st.id in (select rowid from search_terms_fts where search_terms_fts match ${grams.map(ftsPhrase).join(' OR ')})`)
      : base().where((eb) => eb.or(grams.map((gram) => like(eb.ref('st.term'), `%${escapeLike(gram)}%`))));
  // Tokens are letters and digits only here, so neither pattern needs escaping.
  const samePrefix = dialect === 'sqlite' ? base().where(sql<SqlBool>`st.term glob ${`${prefix}*`}`) : base().where(sql<SqlBool>`st.term like ${`${prefix}%`}`);
  return { sharingTrigram, samePrefix };
}
