import { DashboardView, Id, LpTrackerView } from '@lpdesk/contracts';
import { z } from 'zod';
import { activityOperations } from '../activity/index.js';
import { defineOperation } from '../kernel/operations.js';
import { dashboard, lpTracker } from './queries.js';

const FundQuery = z.strictObject({ fundId: Id.optional() });

export const reportOperations = {
  dashboard: defineOperation({ name: 'reports.dashboard', summary: 'KPIs, stage totals, recent communications, due tasks and stage changes for the fund being raised', permission: 'crm.read', input: FundQuery, output: DashboardView, run: ({ core, actor }, q) => dashboard(core, actor, q.fundId) }),
  lpTracker: defineOperation({ name: 'reports.lpTracker', summary: 'LPs of a fund with paperwork status and totals', permission: 'crm.read', input: FundQuery, output: LpTrackerView, run: ({ core }, q) => lpTracker(core, q.fundId) }),
  activity: activityOperations.list,
};
