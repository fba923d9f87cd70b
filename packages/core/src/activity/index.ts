import type { Writable } from 'node:stream';
import { ActivityEntry, ActivityExportQuery, ActivityListQuery, ListEnvelope } from '@lpdesk/contracts';
import { z } from 'zod';
import { defineOperation } from '../kernel/operations.js';
import { prepareActivityExport } from './export.js';
import { listActivity } from './queries.js';

const PreparedCsv = z
  .custom<{ filename: string; contentType: string; writeTo(sink: Writable): Promise<number> }>()
  .meta({ description: 'A CSV file to stream: filename, content type and writeTo(sink)' });

// The doors reach this as `operations.reports.activity` (see reports/index.ts); the operation itself belongs here.
export const activityOperations = {
  list: defineOperation({ name: 'activity.list', summary: 'The activity log: who changed what, when, through which door', permission: 'activity.read', input: ActivityListQuery, output: ListEnvelope(ActivityEntry), run: ({ core }, q) => listActivity(core, q) }),
  export: defineOperation({
    name: 'activity.export',
    summary: 'The activity log entries the filters match, newest first, as CSV',
    permission: 'activity.read',
    input: ActivityExportQuery,
    output: PreparedCsv,
    run: async ({ core }, q) => prepareActivityExport(core, q),
  }),
};
