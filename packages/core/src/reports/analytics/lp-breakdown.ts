import {
  CHECK_SIZE_BUCKETS,
  COMMITTED_STAGES,
  type LpBreakdownQuery,
  type LpBreakdownReport,
  OrganizationKind,
  OPEN_STAGES,
  type ReupRow,
  type ReupsQuery,
  type ReupStatus,
  Stage,
} from '@lpdesk/contracts';
import { type RawBuilder, sql } from 'kysely';
import { isCommittedStageSql, stageAmountSql } from '../../commitments/rules.js';
import type { CoreContext } from '../../kernel/context.js';
import { Invalid, NotFound } from '../../kernel/errors.js';
import { asEnum } from '../../kernel/values.js';
import { pickFund } from '../fund.js';
import { num, ratio } from './range.js';
import { reportFund } from './scope.js';

/** The fund's LPs: live commitments in committed stages of live investors, with their investor. */
function lps(core: CoreContext, fundId: string) {
  return core.db
    .selectFrom('commitments as c')
    .innerJoin('organizations as o', 'o.id', 'c.organizationId')
    .where('c.fundId', '=', fundId)
    .where('c.deletedAt', 'is', null)
    .where('o.deletedAt', 'is', null)
    .where(isCommittedStageSql('c'));
}

/** The check-size bucket of the committed amount: its index in CHECK_SIZE_BUCKETS. */
function checkSizeSql(): RawBuilder<number> {
  const amount = sql`coalesce(${sql.ref('c.committedAmount')}, 0)`;
  const cases = CHECK_SIZE_BUCKETS.flatMap((b, i) => (b.max === null ? [] : [sql`when ${amount} < ${sql.lit(b.max)} then ${sql.lit(i)}`]));
  return sql<number>`(case ${sql.join(cases, sql` `)} else ${sql.lit(CHECK_SIZE_BUCKETS.length - 1)} end)`;
}

/** Count and committed amount of the fund's LPs per value of `key` (null key: all LPs, one row). */
async function grouped(core: CoreContext, fundId: string, key: RawBuilder<unknown> | null) {
  const query = key ? lps(core, fundId).groupBy(key) : lps(core, fundId);
  const rows = await query
    .select([(key ?? sql`null`).as('key'), (eb) => eb.fn.countAll().as('count'), sql`sum(${stageAmountSql('c')})`.as('amount')])
    .execute();
  return rows.map((r) => ({ key: r.key === null || r.key === undefined ? null : String(r.key), count: num(r.count), committedAmount: num(r.amount) }));
}

async function topTen(core: CoreContext, fundId: string) {
  const top = lps(core, fundId)
    .select(['c.organizationId', 'o.name', stageAmountSql('c').as('amount')])
    .orderBy(stageAmountSql('c'), 'desc')
    .orderBy('o.name')
    .orderBy('c.id')
    .limit(10);
  const [rows, sum] = await Promise.all([
    top.execute(),
    core.db
      .selectFrom(top.as('t'))
      .select(sql`sum(${sql.ref('t.amount')})`.as('total'))
      .executeTakeFirst(),
  ]);
  return { rows: rows.map((r) => ({ organizationId: r.organizationId, name: r.name, committedAmount: num(r.amount) })), amount: num(sum?.total) };
}

const bySize = <T extends { committedAmount: number; key: string | null }>(a: T, b: T) =>
  b.committedAmount - a.committedAmount || (a.key ?? '\uffff').localeCompare(b.key ?? '\uffff');

/** LPs by investor kind, location and check size, and the top ten's share of the committed total. */
export async function lpBreakdown(core: CoreContext, query: LpBreakdownQuery): Promise<LpBreakdownReport> {
  const fund = await pickFund(core, query.fundId);
  if (!fund)
    return {
      fund: null,
      lpCount: 0,
      committedAmount: 0,
      byKind: [],
      byGeography: [],
      byCheckSize: [],
      concentration: { top10Amount: 0, top10Share: null, top: [] },
    };
  const [all, kinds, places, sizes, top] = await Promise.all([
    grouped(core, fund.id, null),
    grouped(core, fund.id, sql`${sql.ref('o.kind')}`),
    grouped(core, fund.id, sql`nullif(trim(${sql.ref('o.location')}), '')`),
    grouped(core, fund.id, checkSizeSql()),
    topTen(core, fund.id),
  ]);
  const committedAmount = all[0]?.committedAmount ?? 0;
  const share = (amount: number) => ratio(amount, committedAmount);
  return {
    fund: reportFund(fund),
    lpCount: all[0]?.count ?? 0,
    committedAmount,
    byKind: kinds.sort(bySize).map(({ key, count, committedAmount: amount }) => ({
      kind: asEnum(OrganizationKind, key ?? 'other'),
      count,
      committedAmount: amount,
      share: share(amount),
    })),
    byGeography: places
      .sort(bySize)
      .map(({ key, count, committedAmount: amount }) => ({ location: key, count, committedAmount: amount, share: share(amount) })),
    byCheckSize: CHECK_SIZE_BUCKETS.map((b, i) => {
      const found = sizes.find((s) => Number(s.key) === i);
      const amount = found?.committedAmount ?? 0;
      return { bucket: b.bucket, min: b.min, max: b.max, count: found?.count ?? 0, committedAmount: amount, share: share(amount) };
    }),
    concentration: { top10Amount: top.amount, top10Share: share(top.amount), top: top.rows.map((r) => ({ ...r, share: share(r.committedAmount) })) },
  };
}

async function liveFund(core: CoreContext, id: string) {
  const fund = await core.db.selectFrom('funds').select(['id']).where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  if (!fund) throw new NotFound('Fund', id);
}

function reupStatus(stage: Stage | null): ReupStatus {
  if (stage === null) return 'not_approached';
  if (COMMITTED_STAGES.includes(stage)) return 'committed';
  if (OPEN_STAGES.includes(stage)) return 'in_progress';
  return 'declined';
}

/**
 * Every LP of the prior fund (a live commitment in a committed stage, live investor) and what became
 * of it in the new fund: committed (committed or closed there), in progress (an open stage),
 * declined, or not approached (no live commitment there). Largest prior commitment first.
 */
export async function reups(core: CoreContext, query: ReupsQuery): Promise<ReupRow[]> {
  if (query.fromFundId === query.toFundId)
    throw new Invalid('toFundId: pick a fund other than fromFundId', { issues: [{ path: ['toFundId'], message: 'must differ from fromFundId' }] });
  await Promise.all([liveFund(core, query.fromFundId), liveFund(core, query.toFundId)]);
  const rows = await lps(core, query.fromFundId)
    .leftJoin('commitments as n', (join) =>
      join.onRef('n.organizationId', '=', 'c.organizationId').on('n.fundId', '=', query.toFundId).on('n.deletedAt', 'is', null),
    )
    .select(['c.organizationId', 'o.name', stageAmountSql('c').as('priorAmount'), 'n.id as newId', 'n.stage as newStage', stageAmountSql('n').as('newAmount')])
    .orderBy(stageAmountSql('c'), 'desc')
    .orderBy('o.name')
    .orderBy('c.organizationId')
    .execute();
  return rows.map((r) => {
    const stage = r.newStage ? asEnum(Stage, r.newStage) : null;
    return {
      organizationId: r.organizationId,
      name: r.name,
      priorCommittedAmount: num(r.priorAmount),
      status: reupStatus(stage),
      ...(r.newId && stage ? { commitmentId: r.newId, stage, amount: num(r.newAmount) } : {}),
    };
  });
}
