import type { JobListQuery, JobScheduleView, JobView, ListEnvelope, SubscriptionView } from '@lpdesk/contracts';
import type { CoreContext } from '../kernel/context.js';
import { NotFound } from '../kernel/errors.js';
import { presentJob, presentSchedule, presentSubscription } from './presenter.js';

export async function listJobs(core: CoreContext, query: JobListQuery): Promise<ListEnvelope<JobView>> {
  let base = core.db.selectFrom('jobs');
  if (query.status) base = base.where('status', '=', query.status);
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base.selectAll().orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
  ]);
  return { data: rows.map(presentJob), total: Number(total), limit: query.limit, offset: query.offset };
}

export async function getJob(core: CoreContext, id: string): Promise<JobView> {
  const row = await core.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('Job', id);
  return presentJob(row);
}

/** Every subscriber with a cursor, and how many committed events it has still to see. */
export async function listSubscriptions(core: CoreContext): Promise<SubscriptionView[]> {
  const rows = await core.db.selectFrom('eventSubscriptions').selectAll().orderBy('name').execute();
  return Promise.all(
    rows.map(async (row) => {
      // Counted, not subtracted: positions have gaps where PostgreSQL transactions rolled back.
      const { lag } = await core.db
        .selectFrom('outboxEvents')
        .select((eb) => eb.fn.countAll<number>().as('lag'))
        .where('position', '>', Number(row.position))
        .executeTakeFirstOrThrow();
      return presentSubscription(row, Number(lag));
    }),
  );
}

/** Recurring jobs, soonest first. */
export async function listSchedules(core: CoreContext): Promise<JobScheduleView[]> {
  const rows = await core.db.selectFrom('jobSchedules').selectAll().orderBy('nextRunAt').orderBy('name').execute();
  return rows.map(presentSchedule);
}
