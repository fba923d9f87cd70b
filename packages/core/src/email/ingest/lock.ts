import { sql } from 'kysely';
import type { WriteScope } from '../../kernel/write.js';

/** Every ingest, relink and body write on PostgreSQL takes this transaction lock: two syncs never store one Message-ID twice, and a re-match never races a sync over one message's links. */
const INGEST_LOCK = 7_412_012;

export async function lockIngest(scope: WriteScope): Promise<void> {
  // Re-entrant within a transaction; SQLite already runs one writer at a time.
  if (scope.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${INGEST_LOCK})`.execute(scope.tx);
}
