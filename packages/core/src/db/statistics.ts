import { sql } from 'kysely';
import type { Db } from './connect.js';
import type { Dialect } from './migration-context.js';

/**
 * Refresh the planner's statistics: after migrations, after bulk writes and daily.
 *
 * PostgreSQL: ANALYZE, which only analyzes tables this login owns (autovacuum covers the rest, see
 * docs/postgresql.md); its planner also reads a table's current size, so statistics taken while a
 * table was empty do no harm. SQLite trusts its statistics: an ANALYZE of empty tables would tell it
 * they stay empty, and after an import it would scan 25,000 rows where an index finds 50.
 * `PRAGMA optimize` analyzes only tables that hold data and changed a lot, and skips the rest, which
 * SQLite then assumes are large.
 */
export async function refreshStatistics(db: Db, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`ANALYZE`.execute(db);
  else await sql`PRAGMA optimize`.execute(db);
}
