import { IdParams, JobListQuery, JobScheduleView, JobView, ListEnvelope, SubscriptionView } from '@lpdesk/contracts';
import { z } from 'zod';
import { defineOperation } from '../kernel/operations.js';
import { retryJob } from './commands.js';
import { getJob, listJobs, listSchedules, listSubscriptions } from './queries.js';

export { enqueueJob, enqueueJobIn, type EnqueueJobInput, ensureSchedule, jobActor, type ScheduleDefinition } from './commands.js';
export { MAINTENANCE_JOBS, pruneDelivered } from './maintenance.js';
export { createJobRunner, type JobContext, type JobHandler, type JobRunner, type JobRunnerStartOptions, type RunSummary } from './runner.js';
export { nextCronRun, parseCron } from './schedule.js';

export const jobOperations = {
  list: defineOperation({ name: 'jobs.list', summary: 'List background jobs, newest first, optionally by status', permission: 'jobs.manage', input: JobListQuery, output: ListEnvelope(JobView), run: ({ core }, q) => listJobs(core, q) }),
  get: defineOperation({ name: 'jobs.get', summary: 'Get one background job', permission: 'jobs.manage', input: IdParams, output: JobView, run: ({ core }, { id }) => getJob(core, id) }),
  retry: defineOperation({ name: 'jobs.retry', summary: 'Queue a failed or dead job again with a fresh set of attempts', permission: 'jobs.manage', input: IdParams, output: JobView, run: ({ core, actor }, { id }) => retryJob(core, actor, id) }),
  subscriptions: defineOperation({
    name: 'jobs.subscriptions',
    summary: 'Event subscribers: how far each has read, how far behind it is, and its last error',
    permission: 'jobs.manage',
    input: z.strictObject({}),
    output: z.array(SubscriptionView),
    run: ({ core }) => listSubscriptions(core),
  }),
  schedules: defineOperation({
    name: 'jobs.schedules',
    summary: 'Recurring jobs: what runs, on which schedule, and when it next and last ran',
    permission: 'jobs.manage',
    input: z.strictObject({}),
    output: z.array(JobScheduleView),
    run: ({ core }) => listSchedules(core),
  }),
};
