import { ActivityEntry, ActivityListQuery, DashboardView, Id, ListEnvelope, LpTrackerView } from '@lpdesk/contracts';
import { z } from 'zod';
import { listActivity } from '../activity/activity.js';
import { defineOperation } from '../kernel/operations.js';
import { dashboard, lpTracker } from './reports.js';

const FundQuery = z.strictObject({ fundId: Id.optional() });

export const reportOperations = {
  dashboard: defineOperation({ name: 'reports.dashboard', summary: 'KPIs, stage totals, recent communications, due tasks and stage changes for the fund being raised', permission: 'crm.read', input: FundQuery, output: DashboardView, run: ({ core, actor }, q) => dashboard(core, actor, q.fundId) }),
  lpTracker: defineOperation({ name: 'reports.lpTracker', summary: 'LPs of a fund with paperwork status and totals', permission: 'crm.read', input: FundQuery, output: LpTrackerView, run: ({ core }, q) => lpTracker(core, q.fundId) }),
  activity: defineOperation({ name: 'activity.list', summary: 'The activity log: who changed what, when, through which door', permission: 'activity.read', input: ActivityListQuery, output: ListEnvelope(ActivityEntry), run: ({ core }, q) => listActivity(core, q) }),
};
