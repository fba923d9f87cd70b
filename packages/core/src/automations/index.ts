import {
  AutomationCreateInput,
  AutomationDryRunView,
  AutomationListQuery,
  AutomationRunListQuery,
  AutomationRunNowView,
  AutomationRunView,
  AutomationUpdateInput,
  AutomationView,
  IdParams,
  ListEnvelope,
  NoContent,
  UpdateOperationInput,
} from '@lpdesk/contracts';
import { z } from 'zod';
import type { JobHandler } from '../jobs/runner.js';
import { defineOperation } from '../kernel/operations.js';
import { createAutomation, deleteAutomation, updateAutomation } from './commands.js';
import { dryRunAutomation, getAutomation, listAutomationRuns, listAutomations, runAutomationNow } from './queries.js';
import { automationScheduleJob } from './schedule.js';

export { applyRule, triggerMatches } from './engine.js';
export { AUTOMATION_SCHEDULE_JOB, dueSlot, runScheduledAutomations, wallClock } from './schedule.js';
export { AUTOMATIONS_SUBSCRIBER, automationsSubscriber, runRulesFor } from './subscriber.js';

export const AUTOMATION_JOBS: JobHandler[] = [automationScheduleJob];

/** Everyone may read rules and their runs; changing them needs what custom fields need (managers, admins). */
export const automationOperations = {
  list: defineOperation({
    name: 'automations.list',
    summary: 'List automation rules',
    permission: 'crm.read',
    input: AutomationListQuery,
    output: ListEnvelope(AutomationView),
    run: ({ core }, query) => listAutomations(core, query),
  }),
  get: defineOperation({
    name: 'automations.get',
    summary: 'Get one automation rule',
    permission: 'crm.read',
    input: IdParams,
    output: AutomationView,
    run: ({ core }, { id }) => getAutomation(core, id),
  }),
  create: defineOperation({
    name: 'automations.create',
    summary: 'Create an automation rule',
    permission: 'automations.manage',
    input: AutomationCreateInput,
    output: AutomationView,
    run: ({ core, actor }, input) => createAutomation(core, actor, input),
  }),
  update: defineOperation({
    name: 'automations.update',
    summary: 'Change, enable or disable an automation rule',
    permission: 'automations.manage',
    input: UpdateOperationInput(AutomationUpdateInput),
    output: AutomationView,
    run: ({ core, actor }, { id, changes, expectedVersion }) => updateAutomation(core, actor, id, changes, expectedVersion),
  }),
  delete: defineOperation({
    name: 'automations.delete',
    summary: 'Delete an automation rule (its run history is kept)',
    permission: 'automations.manage',
    input: IdParams,
    output: NoContent,
    run: ({ core, actor }, { id }) => deleteAutomation(core, actor, id),
  }),
  runs: defineOperation({
    name: 'automations.runs',
    summary: "A rule's run history, newest first",
    permission: 'crm.read',
    input: z.object({ id: IdParams.shape.id, query: AutomationRunListQuery }),
    output: ListEnvelope(AutomationRunView),
    run: ({ core }, { id, query }) => listAutomationRuns(core, id, query),
  }),
  dryRun: defineOperation({
    name: 'automations.dryRun',
    summary: 'Which records the rule matches now and what it would change (writes nothing)',
    permission: 'crm.read',
    input: IdParams,
    output: AutomationDryRunView,
    run: ({ core }, { id }) => dryRunAutomation(core, id),
  }),
  runNow: defineOperation({
    name: 'automations.runNow',
    summary: 'Apply the rule now to every record its condition matches',
    permission: 'automations.manage',
    input: IdParams,
    output: AutomationRunNowView,
    run: ({ core, actor }, { id }) => runAutomationNow(core, actor, id),
  }),
};
