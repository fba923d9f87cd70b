import { sql } from 'kysely';
import type { CoreContext } from '../kernel/context.js';
import { Conflict } from '../kernel/errors.js';
import { DUMPED_TABLES } from './plan.js';

/**
 * Rows a new instance creates by itself and a restore leaves in place: the shipped example automations
 * (migration 0014, replaced by the dump's own) and, once a server or worker has run, the activity-log
 * entries of its scheduler enqueueing jobs (entity type `job`; the log is append-only, so they stay).
 */
const FIRST_START_ROWS: Record<string, ReturnType<typeof sql>> = {
  automations: sql`example = 1`,
  activity_log: sql`entity_type = 'job' AND actor_kind = 'system'`,
};

async function countRows(core: CoreContext, table: string, where?: ReturnType<typeof sql>): Promise<number> {
  const query = where
    ? sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${sql.table(table)} WHERE ${where}`
    : sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`;
  return Number((await query.execute(core.db)).rows[0]?.n ?? 0);
}

/**
 * "Empty" means: nothing but what the migrations and the first start create (FIRST_START_ROWS); the
 * tables a dump leaves out (sessions, outbox, delivery cursors, jobs and schedules) do not count either
 * way. A first-run admin user is data: a target where someone already signed up is not empty.
 * Returns the rows that stay, per table, for the count check after the restore.
 */
export async function assertEmptyTarget(core: CoreContext): Promise<Record<string, number>> {
  const occupied: string[] = [];
  const staying: Record<string, number> = {};
  for (const table of DUMPED_TABLES) {
    const total = await countRows(core, table);
    const firstStart = FIRST_START_ROWS[table];
    const own = firstStart && total > 0 ? await countRows(core, table, firstStart) : 0;
    if (total > own) occupied.push(`${table} (${total - own})`);
    staying[table] = table === 'automations' ? 0 : own;
  }
  if (occupied.length > 0) {
    throw new Conflict(
      `The target database is not empty: ${occupied.slice(0, 5).join(', ')}${occupied.length > 5 ? ', …' : ''}. A dump is restored into a new, empty instance only (fresh data directory or database); nothing was imported.`,
    );
  }
  return staying;
}

/** The example automations the migration created give way to the dump's own (perhaps edited) ones. */
export async function clearFirstStartRows(core: CoreContext): Promise<void> {
  await sql`DELETE FROM automations WHERE example = 1`.execute(core.db);
}
