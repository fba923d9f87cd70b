import { type ActivityReport, type ActivityReportQuery, CommunicationKind, COMMITTED_STAGES, OPEN_STAGES, type ReportTask } from '@lpdesk/contracts';
import { sql } from 'kysely';
import { stageListSql } from '../../commitments/rules.js';
import { type CoreContext, today } from '../../kernel/context.js';
import { asEnum } from '../../kernel/values.js';
import { addCalendarDays, bucketFor, bucketIndexSql, num, rangeBuckets, resolveRange } from './range.js';
import { userName } from './scope.js';

/** The default range: the last four weeks. */
const DEFAULT_DAYS = 28;
/** Upcoming = due today or in the next 13 days. */
const UPCOMING_DAYS = 14;
const TASK_LIMIT = 100;

/** Live communications in the range. */
function touches(core: CoreContext, startAt: string, endAt: string) {
  return core.db.selectFrom('communications as m').where('m.deletedAt', 'is', null).where('m.occurredAt', '>=', startAt).where('m.occurredAt', '<', endAt);
}

/**
 * The latest touch of each organization: a live communication linked to it or to one of its people
 * (the organization's timeline, communications/queries.ts).
 */
function lastTouches(core: CoreContext) {
  const direct = core.db
    .selectFrom('communicationLinks as l')
    .where('l.entityType', '=', 'organization')
    .select(['l.entityId as organizationId', 'l.communicationId']);
  const viaPeople = core.db
    .selectFrom('communicationLinks as l')
    .innerJoin('contactOrganizations as co', 'co.contactId', 'l.entityId')
    .where('l.entityType', '=', 'contact')
    .select(['co.organizationId', 'l.communicationId']);
  return core.db
    .selectFrom(direct.unionAll(viaPeople).as('x'))
    .innerJoin('communications as m', 'm.id', 'x.communicationId')
    .where('m.deletedAt', 'is', null)
    .groupBy('x.organizationId')
    .select(['x.organizationId', sql<string>`max(${sql.ref('m.occurredAt')})`.as('lastTouchAt')]);
}

/**
 * Cold investors: live organizations that are an LP of a fund or have an open commitment (live
 * commitments), whose latest touch is older than `coldDays` days before now, or who were never
 * touched. Never-touched first, then oldest touch first.
 */
async function coldInvestors(core: CoreContext, coldDays: number) {
  const cutoff = new Date(core.clock.now().getTime() - coldDays * 86_400_000).toISOString();
  const eligibleStages = stageListSql([...OPEN_STAGES, ...COMMITTED_STAGES]);
  const rows = await core.db
    .selectFrom('organizations as o')
    .leftJoin(lastTouches(core).as('t'), 't.organizationId', 'o.id')
    .leftJoin('users as u', 'u.id', 'o.ownerId')
    .where('o.deletedAt', 'is', null)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('commitments as c')
          .select('c.id')
          .whereRef('c.organizationId', '=', 'o.id')
          .where('c.deletedAt', 'is', null)
          .where(sql<boolean>`${sql.ref('c.stage')} in ${eligibleStages}`),
      ),
    )
    .where((eb) => eb.or([eb('t.lastTouchAt', 'is', null), eb('t.lastTouchAt', '<', cutoff)]))
    .select(['o.id', 'o.name', 'o.ownerId', 'u.fullName', 'u.username', 't.lastTouchAt'])
    .orderBy(sql`case when ${sql.ref('t.lastTouchAt')} is null then 0 else 1 end`)
    .orderBy('t.lastTouchAt')
    .orderBy('o.name')
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({
    organizationId: r.id,
    name: r.name,
    ownerId: r.ownerId,
    ownerName: r.ownerId ? userName(r) : null,
    lastTouchAt: r.lastTouchAt ?? null,
  }));
}

/** Open tasks due in [from, before), soonest first. */
export async function openTasksDue(core: CoreContext, due: { from?: string; before?: string }): Promise<ReportTask[]> {
  let query = core.db
    .selectFrom('tasks as t')
    .leftJoin('users as u', 'u.id', 't.assigneeId')
    .where('t.deletedAt', 'is', null)
    .where('t.status', '=', 'open')
    .where('t.dueOn', 'is not', null);
  if (due.from) query = query.where('t.dueOn', '>=', due.from);
  if (due.before) query = query.where('t.dueOn', '<', due.before);
  const rows = await query
    .select(['t.id', 't.title', 't.dueOn', 't.assigneeId', 'u.fullName', 'u.username', 't.entityType', 't.entityId'])
    .orderBy('t.dueOn')
    .orderBy('t.id')
    .limit(TASK_LIMIT)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    dueOn: r.dueOn ?? '',
    assigneeId: r.assigneeId,
    assigneeName: r.assigneeId ? userName(r) : null,
    entityType: r.entityType,
    entityId: r.entityId,
  }));
}

/** Touches by user, kind and day or week; cold investors; upcoming and overdue next actions. */
export async function activityReport(core: CoreContext, query: ActivityReportQuery): Promise<ActivityReport> {
  const range = resolveRange(core, query, DEFAULT_DAYS);
  const bucket = bucketFor(range);
  const buckets = rangeBuckets(range, bucket, core.settings.timeZone);
  const day = today(core);
  const [users, kinds, series, cold, upcomingTasks, overdueTasks] = await Promise.all([
    touches(core, range.startAt, range.endAt)
      .leftJoin('users as u', 'u.id', 'm.authorId')
      .groupBy(['m.authorId', 'u.fullName', 'u.username'])
      .select(['m.authorId', 'u.fullName', 'u.username', (eb) => eb.fn.countAll().as('count')])
      .execute(),
    touches(core, range.startAt, range.endAt)
      .groupBy('m.kind')
      .select(['m.kind', (eb) => eb.fn.countAll().as('count')])
      .execute(),
    // One pass over the range's touches, each counted in the bucket holding it (the buckets cover the range).
    touches(core, range.startAt, range.endAt)
      .select([bucketIndexSql(sql.ref('m.occurredAt'), buckets).as('idx'), (eb) => eb.fn.countAll().as('count')])
      .groupBy(sql`1`)
      .execute(),
    coldInvestors(core, query.coldDays),
    openTasksDue(core, { from: day, before: addCalendarDays(day, UPCOMING_DAYS) }),
    openTasksDue(core, { before: day }),
  ]);
  const counts = new Map(series.map((r) => [num(r.idx), num(r.count)]));
  return {
    from: range.from,
    to: range.to,
    bucket,
    coldDays: query.coldDays,
    byUser: users
      .map((r) => ({ userId: r.authorId, name: r.authorId ? userName(r) : null, count: num(r.count) }))
      .sort((a, b) => b.count - a.count || (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff')),
    byKind: kinds
      .map((r) => ({ kind: asEnum(CommunicationKind, r.kind), count: num(r.count) }))
      .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)),
    series: buckets.map((b, idx) => ({ date: b.date, count: counts.get(idx) ?? 0 })),
    cold,
    upcomingTasks,
    overdueTasks,
  };
}
