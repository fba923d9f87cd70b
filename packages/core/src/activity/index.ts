import { ActivityEntry, ActivityListQuery, ListEnvelope } from '@lpdesk/contracts';
import { defineOperation } from '../kernel/operations.js';
import { listActivity } from './queries.js';

// The doors reach this as `operations.reports.activity` (see reports/index.ts); the operation itself belongs here.
export const activityOperations = {
  list: defineOperation({ name: 'activity.list', summary: 'The activity log: who changed what, when, through which door', permission: 'activity.read', input: ActivityListQuery, output: ListEnvelope(ActivityEntry), run: ({ core }, q) => listActivity(core, q) }),
};
