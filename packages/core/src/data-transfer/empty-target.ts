import { sql } from 'kysely';
import type { CoreContext } from '../kernel/context.js';
import { Conflict } from '../kernel/errors.js';
import { DUMPED_TABLES } from './plan.js';

/**
 * "Empty" means: nothing but what the migrations and the first start create. That is the shipped
 * example automations (migration 0014, `example = 1`); the tables a dump leaves out (sessions,
 * outbox, delivery cursors, jobs and schedules) do not count either way. A first-run admin user is
 * data: a target where someone already signed up is not empty.
 */
export async function assertEmptyTarget(core: CoreContext): Promise<void> {
  const occupied: string[] = [];
  for (const table of DUMPED_TABLES) {
    const query =
      table === 'automations'
        ? sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM automations WHERE example = 0`
        : sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`;
    const count = Number((await query.execute(core.db)).rows[0]?.n ?? 0);
    if (count > 0) occupied.push(`${table} (${count})`);
  }
  if (occupied.length > 0) {
    throw new Conflict(
      `The target database is not empty: ${occupied.slice(0, 5).join(', ')}${occupied.length > 5 ? ', …' : ''}. A dump is restored into a new, empty instance only (fresh data directory or database); nothing was imported.`,
    );
  }
}

/** The example automations the migration created give way to the dump's own (perhaps edited) ones. */
export async function clearFirstStartRows(core: CoreContext): Promise<void> {
  await sql`DELETE FROM automations WHERE example = 1`.execute(core.db);
}
