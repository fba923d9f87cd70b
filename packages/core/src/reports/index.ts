import { DashboardView, Id, LpTrackerQuery, LpTrackerView } from '@lpdesk/contracts';
import { z } from 'zod';
import { activityOperations } from '../activity/index.js';
import { defineOperation } from '../kernel/operations.js';
import { dashboard } from './dashboard.js';
import { lpTracker } from './lp-tracker.js';

const FundQuery = z.strictObject({ fundId: Id.optional() });

export const reportOperations = {
  dashboard: defineOperation({
    name: 'reports.dashboard',
    summary: 'KPIs, stage totals, recent communications, due tasks and stage changes for the fund being raised',
    permission: 'crm.read',
    input: FundQuery,
    output: DashboardView,
    run: ({ core, actor }, q) => dashboard(core, actor, q.fundId),
  }),
  lpTracker: defineOperation({
    name: 'reports.lpTracker',
    summary: 'LPs of a fund with paperwork status, one page at a time, and totals over every LP matching the filters',
    permission: 'crm.read',
    input: LpTrackerQuery,
    output: LpTrackerView,
    run: ({ core }, q) => lpTracker(core, q),
  }),
  activity: activityOperations.list,
};
