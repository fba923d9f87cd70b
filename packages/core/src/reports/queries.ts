import { AccreditationStatus, COMMITTED_STAGES, FundStatus, OPEN_STAGES, PIPELINE_STAGES, type Stage } from '@lpdesk/contracts';
import { listStageChanges, presentCommitments } from '../commitments/presenter.js';
import { effectiveProbability, pipelineAmount } from '../commitments/rules.js';
import { listCommunications } from '../communications/index.js';
import { startOfDay } from '../kernel/clock.js';
import { type CoreContext, today } from '../kernel/context.js';
import { NotFound } from '../kernel/errors.js';
import { presentTasks } from '../tasks/index.js';
import type { Actor } from '../kernel/actor.js';
import { asEnum, asNullableEnum } from '../kernel/values.js';

/** The fund being raised: the requested one, else the newest fund with status raising, else the newest. */
async function pickFund(core: CoreContext, fundId: string | undefined) {
  if (fundId) {
    const fund = await core.db.selectFrom('funds').selectAll().where('id', '=', fundId).where('deletedAt', 'is', null).executeTakeFirst();
    if (!fund) throw new NotFound('Fund', fundId);
    return fund;
  }
  const funds = await core.db.selectFrom('funds').selectAll().where('deletedAt', 'is', null).orderBy('vintage', 'desc').orderBy('createdAt', 'desc').execute();
  return funds.find((f) => f.status === 'raising') ?? funds[0] ?? null;
}

async function liveCommitments(core: CoreContext, fundId: string) {
  return core.db
    .selectFrom('commitments as c')
    .innerJoin('organizations as o', 'o.id', 'c.organizationId')
    .selectAll('c')
    .where('c.fundId', '=', fundId)
    .where('c.deletedAt', 'is', null)
    .where('o.deletedAt', 'is', null)
    .execute();
}

export async function dashboard(core: CoreContext, actor: Actor, fundId?: string) {
  const fund = await pickFund(core, fundId);
  const commitments = fund ? await liveCommitments(core, fund.id) : [];
  const isIn = (stages: readonly Stage[], stage: string) => (stages as string[]).includes(stage);
  const stages = [...PIPELINE_STAGES, 'declined' as const].map((stage) => {
    const inStage = commitments.filter((c) => c.stage === stage);
    return { stage, count: inStage.length, amount: inStage.reduce((sum, c) => sum + pipelineAmount(c), 0) };
  });
  const open = commitments.filter((c) => isIn(OPEN_STAGES, c.stage));
  const committed = commitments.filter((c) => isIn(COMMITTED_STAGES, c.stage));

  // Firm-wide LP and prospect counts: an organization is an LP if it is committed to any fund.
  const allStages = await core.db
    .selectFrom('commitments as c')
    .innerJoin('organizations as o', 'o.id', 'c.organizationId')
    .select(['c.organizationId', 'c.stage'])
    .where('c.deletedAt', 'is', null)
    .where('o.deletedAt', 'is', null)
    .execute();
  const lps = new Set(allStages.filter((c) => isIn(COMMITTED_STAGES, c.stage)).map((c) => c.organizationId));
  const prospects = new Set(allStages.filter((c) => isIn(OPEN_STAGES, c.stage) && !lps.has(c.organizationId)).map((c) => c.organizationId));

  const todayDate = today(core);
  const monthStart = startOfDay(`${todayDate.slice(0, 8)}01`, core.settings.timeZone).toISOString();
  const { count: commsThisMonth } = await core.db
    .selectFrom('communications')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('deletedAt', 'is', null)
    .where('occurredAt', '>=', monthStart)
    .executeTakeFirstOrThrow();

  const taskBase = core.db.selectFrom('tasks').selectAll().where('deletedAt', 'is', null).where('status', '=', 'open');
  const [recent, upcomingRows, overdueRows, stageChanges] = await Promise.all([
    listCommunications(core, { limit: 10, offset: 0 }),
    taskBase.where('dueOn', '>=', todayDate).orderBy('dueOn').limit(10).execute(),
    taskBase.where('dueOn', '<', todayDate).orderBy('dueOn').limit(10).execute(),
    listStageChanges(core.db, { limit: 10, ...(fund ? { fundId: fund.id } : {}) }),
  ]);
  return {
    fund: fund ? { id: fund.id, name: fund.name, currency: fund.currency, targetAmount: fund.targetAmount, status: asEnum(FundStatus, fund.status) } : null,
    kpis: {
      lpCount: lps.size,
      committedAmount: committed.reduce((sum, c) => sum + Number(c.committedAmount ?? 0), 0),
      fundedAmount: committed.reduce((sum, c) => sum + Number(c.fundedAmount ?? 0), 0),
      pipelineAmount: open.reduce((sum, c) => sum + pipelineAmount(c), 0),
      weightedPipelineAmount: Math.round(open.reduce((sum, c) => sum + (pipelineAmount(c) * effectiveProbability(c.stage as Stage, c.probability)) / 100, 0)),
      activeOpportunities: open.length,
      prospectCount: prospects.size,
      communicationsThisMonth: Number(commsThisMonth),
    },
    stages,
    recentCommunications: recent.data,
    upcomingTasks: await presentTasks(core.db, upcomingRows),
    overdueTasks: await presentTasks(core.db, overdueRows),
    recentStageChanges: stageChanges,
    viewer: actor.userId,
  };
}

/** LPs of one fund with their paperwork, and the fund's totals. */
export async function lpTracker(core: CoreContext, fundId?: string) {
  const fund = await pickFund(core, fundId);
  if (!fund) return { fund: null, summary: { committedAmount: 0, fundedAmount: 0, averageCommitment: 0, lpCount: 0 }, rows: [] };
  const rows = (await liveCommitments(core, fund.id)).filter((c) => (COMMITTED_STAGES as string[]).includes(c.stage));
  const views = await presentCommitments(core.db, rows);
  const contactIds = views.map((v) => v.primaryContactId).filter((id): id is string => Boolean(id));
  const contacts = contactIds.length
    ? await core.db.selectFrom('contacts').select(['id', 'accreditationStatus', 'qualifiedPurchaser']).where('id', 'in', contactIds).execute()
    : [];
  const committedAmount = rows.reduce((sum, c) => sum + Number(c.committedAmount ?? 0), 0);
  return {
    fund: { id: fund.id, name: fund.name, currency: fund.currency, targetAmount: fund.targetAmount, status: asEnum(FundStatus, fund.status) },
    summary: {
      committedAmount,
      fundedAmount: rows.reduce((sum, c) => sum + Number(c.fundedAmount ?? 0), 0),
      averageCommitment: rows.length ? Math.round(committedAmount / rows.length) : 0,
      lpCount: rows.length,
    },
    rows: views
      .map((view) => {
        const contact = contacts.find((c) => c.id === view.primaryContactId);
        return {
          ...view,
          accreditationStatus: asNullableEnum(AccreditationStatus, contact?.accreditationStatus ?? null),
          qualifiedPurchaser: contact?.qualifiedPurchaser === null || contact?.qualifiedPurchaser === undefined ? null : contact.qualifiedPurchaser === 1,
        };
      })
      .sort((a, b) => (b.committedAmount ?? 0) - (a.committedAmount ?? 0)),
  };
}
