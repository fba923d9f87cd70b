import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

// Migrations speak snake_case: they run on a Kysely instance without the CamelCasePlugin.
/* biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not yet know */
type AnyDb = Kysely<any>;

/**
 * Indexes for the reports (reports/*.ts), partial on live rows so trashed records cost nothing.
 *
 * SQLite counts an index as covering only if it holds every column the query names, including
 * `deleted_at` even when the index's own WHERE already guarantees it is null; that is why some
 * indexes below carry `deleted_at` as a last column. The stage list is COMMITTED_STAGES as of this
 * migration, and the reports query it as literals (commitments/rules.ts, stageListSql) so both
 * planners can prove the partial index applies. reports/plans.test.ts checks each plan on both
 * dialects; if the committed stages ever change, that test fails and a new migration replaces it.
 */
function indexes(context: MigrationContext): Record<string, string> {
  // A missing amount sorts as the smallest on both dialects; PostgreSQL's DESC puts nulls first unless told.
  const amountDescending = context.dialect === 'postgres' ? 'committed_amount DESC NULLS LAST' : 'committed_amount DESC';
  return {
    // Dashboard stage totals of one fund: a covering scan grouped by stage.
    commitments_live_fund_stage_idx:
      'ON commitments (fund_id, stage, organization_id, committed_amount, expected_amount, funded_amount, probability, deleted_at) WHERE deleted_at IS NULL',
    // Firm-wide LP and prospect counts: live commitments grouped by investor.
    commitments_live_investor_stage_idx: 'ON commitments (organization_id, stage, deleted_at) WHERE deleted_at IS NULL',
    // LP tracker's default page: a fund's LPs, largest commitment first, id breaking ties.
    commitments_lp_tracker_idx: `ON commitments (fund_id, ${amountDescending}, id) WHERE deleted_at IS NULL AND stage IN ('committed', 'closed')`,
    // The few trashed investors, which every report over commitments excludes (reports/live-investors.ts).
    organizations_trashed_idx: 'ON organizations (id) WHERE deleted_at IS NOT NULL',
    // Recent stage changes, newest first with the id breaking ties, so a page stops at its limit.
    stage_changes_changed_at_id_idx: 'ON stage_changes (changed_at, id)',
    // Communications this month and the dashboard's recent feed.
    // The dashboard's upcoming and overdue tasks.
    tasks_open_due_idx: "ON tasks (due_on, id) WHERE deleted_at IS NULL AND status = 'open'",
  };
}

export async function up(db: AnyDb, context: MigrationContext): Promise<void> {
  for (const [name, definition] of Object.entries(indexes(context))) {
    await sql.raw(`CREATE INDEX ${name} ${definition}`).execute(db);
  }
}

export async function down(db: AnyDb, context: MigrationContext): Promise<void> {
  for (const name of Object.keys(indexes(context)).reverse()) {
    await sql.raw(`DROP INDEX IF EXISTS ${name}`).execute(db);
  }
}
