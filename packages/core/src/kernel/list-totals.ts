import type { Compilable } from 'kysely';
import type { Db } from '../db/connect.js';
import type { CoreContext } from './context.js';
import { latestOutboxPosition } from './outbox.js';

interface CachedTotal {
  position: number;
  total: number;
}

/** Distinct filters remembered per database; past this the cache starts over (cheap to refill). */
const MAX_ENTRIES = 500;
const totalsByDb = new WeakMap<Db, Map<string, CachedTotal>>();

/**
 * A list's exact total, without recounting data that has not changed. Counting is the one part of a
 * list page that grows with the table (every matching row is visited, 25,000 of them for the contacts
 * list, while the page itself stops after 50 index entries), and lists are read far more often than
 * written. Every committed write appends to the outbox, so the newest outbox position is a version
 * of all list data: a total counted at position P stays exact while the newest position is P.
 *
 * The position is read before counting, so a write committing in between can only make the cached
 * total look older than it is (and be recounted), never newer. Positions are never reused; when the
 * outbox is empty (everything pruned) nothing is cached. Each process keeps its own totals, and
 * every process reads the shared position, so several servers on one PostgreSQL stay exact.
 */
export async function countTotal(core: CoreContext, query: Compilable<{ total: number | string | bigint }>, options: { cache?: boolean } = {}): Promise<number> {
  // Anything a filter reads that writes do not change in their own transaction cannot be cached.
  const position = options.cache === false ? 0 : await latestOutboxPosition(core.db);
  const compiled = query.compile();
  const key = `${compiled.sql}\u0000${JSON.stringify(compiled.parameters)}`;
  let totals = totalsByDb.get(core.db);
  const cached = totals?.get(key);
  if (cached && position > 0 && cached.position === position) return cached.total;
  const { rows } = await core.db.executeQuery(compiled);
  const total = Number(rows[0]?.total ?? 0);
  if (position > 0) {
    if (!totals || totals.size >= MAX_ENTRIES) {
      totals = new Map();
      totalsByDb.set(core.db, totals);
    }
    totals.set(key, { position, total });
  }
  return total;
}
