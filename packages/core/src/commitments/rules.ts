import { COMMITTED_STAGES, DEFAULT_STAGE_PROBABILITY, OPEN_STAGES, type Stage, stageMoveProblem } from '@lpdesk/contracts';
import { type RawBuilder, sql } from 'kysely';
import { Invalid } from '../kernel/errors.js';

// The pure pipeline rules live in contracts so the web app applies the same ones; re-exported here
// so core code keeps importing them from its domain.
export { effectiveProbability, isCommittedStage, isOpenStage, pipelineAmount } from '@lpdesk/contracts';

/*
 * SQL twins of the rules above, for reports that aggregate in the database. Each is built from the
 * same constants as its JavaScript rule (contracts/pipeline-rules.ts), and reports.test.ts checks on
 * every dialect that the aggregates equal the JavaScript rules applied row by row. `alias` is the
 * commitments table's alias in the query.
 */

/** `pipelineAmount`: the committed amount when known, else the expected amount, else 0. */
export function pipelineAmountSql(alias: string): RawBuilder<number> {
  return sql<number>`coalesce(${sql.ref(`${alias}.committedAmount`)}, ${sql.ref(`${alias}.expectedAmount`)}, 0)`;
}

/** `effectiveProbability`: the commitment's own probability when set, else its stage's default. */
export function effectiveProbabilitySql(alias: string): RawBuilder<number> {
  const defaults = Object.entries(DEFAULT_STAGE_PROBABILITY).map(([stage, probability]) => sql`when ${sql.lit(stage)} then ${sql.lit(probability)}`);
  return sql<number>`coalesce(${sql.ref(`${alias}.probability`)}, case ${sql.ref(`${alias}.stage`)} ${sql.join(defaults, sql` `)} end)`;
}

/**
 * A stage list spelled as literals, not bound parameters: a partial index whose WHERE names these
 * stages (0007_report_indexes) is only provably usable when the query's list is literal too.
 */
export function stageListSql(stages: readonly Stage[]): RawBuilder<unknown> {
  return sql`(${sql.join(stages.map((stage) => sql.lit(stage)))})`;
}

/** `isCommittedStage` / `isOpenStage` as SQL conditions on the commitment aliased `alias`. */
export const isCommittedStageSql = (alias: string) => sql<boolean>`${sql.ref(`${alias}.stage`)} in ${stageListSql(COMMITTED_STAGES)}`;
export const isOpenStageSql = (alias: string) => sql<boolean>`${sql.ref(`${alias}.stage`)} in ${stageListSql(OPEN_STAGES)}`;

/** Any stage may move to any other (deals skip and regress); moving to declined needs a reason. */
export function checkStageMove(from: Stage, to: Stage, reason: string | null | undefined): void {
  const problem = stageMoveProblem(from, to, reason);
  if (problem === 'same_stage') throw new Invalid(`stage: the commitment is already in ${to}`);
  if (problem === 'reason_required') {
    throw new Invalid('reason: say why the investor declined', { issues: [{ path: ['reason'], message: 'a reason is required when moving to declined' }] });
  }
}
