import { COMMITTED_STAGES, DEFAULT_STAGE_PROBABILITY, OPEN_STAGES, type Stage, stageMoveProblem } from '@lpdesk/contracts';
import { type RawBuilder, sql } from 'kysely';
import { Invalid } from '../kernel/errors.js';

// The pure pipeline rules live in contracts so the web app applies the same ones; re-exported here
// so core code keeps importing them from its domain.
export { effectiveProbability, isCommittedStage, isOpenStage, stageAmount } from '@lpdesk/contracts';

/*
 * SQL twins of the rules above, for reports that aggregate in the database. Each is built from the
 * same constants as its JavaScript rule (contracts/pipeline-rules.ts), and reports.test.ts checks on
 * every dialect that the aggregates equal the JavaScript rules applied row by row. `alias` is the
 * commitments table's alias in the query.
 */

/** `stageAmount`: the committed amount in committed stages, the expected amount in the others; unknown is 0. */
export function stageAmountSql(alias: string): RawBuilder<number> {
  const ref = (column: string) => sql.ref(`${alias}.${column}`);
  return sql<number>`coalesce(case when ${isCommittedStageSql(alias)} then ${ref('committedAmount')} else ${ref('expectedAmount')} end, 0)`;
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

export const committedAmountRequired = () =>
  new Invalid('committedAmount: say how much the investor committed; a committed or closed commitment needs its committed amount', {
    issues: [{ path: ['committedAmount'], message: 'a committed amount is required in committed and closed' }],
  });

/**
 * Any stage may move to any other (deals skip and regress); moving to declined needs a reason;
 * entering committed or closed needs the committed amount (`committedAmount`: the one the move
 * brings, else the one recorded).
 */
export function checkStageMove(from: Stage, to: Stage, reason: string | null | undefined, committedAmount: number | null | undefined): void {
  const problem = stageMoveProblem(from, to, reason, committedAmount);
  if (problem === 'same_stage') throw new Invalid(`stage: the commitment is already in ${to}`);
  if (problem === 'reason_required') {
    throw new Invalid('reason: say why the investor declined', { issues: [{ path: ['reason'], message: 'a reason is required when moving to declined' }] });
  }
  if (problem === 'committed_amount_required') throw committedAmountRequired();
}
