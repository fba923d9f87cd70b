import { EmailSyncRunListQuery, IdParams } from '@lpdesk/contracts';
import { operations } from '@lpdesk/core';
import { operationRoute } from '../http/register.js';
import type { RouteSpec } from '../http/route.js';

const tag = 'Email';
const ops = operations.emailSync;

/** "Sync now" and a mailbox's run history (admin). */
export const emailSyncRoutes: RouteSpec[] = [
  operationRoute({ method: 'POST', url: '/api/email/mailboxes/:id/sync', tag, operation: ops.syncNow, params: IdParams, input: ({ params }) => IdParams.parse(params) }),
  operationRoute({
    method: 'GET',
    url: '/api/email/mailboxes/:id/runs',
    tag,
    operation: ops.runs,
    params: IdParams,
    query: EmailSyncRunListQuery,
    input: ({ params, query }) => ({ ...EmailSyncRunListQuery.parse(query), ...IdParams.parse(params) }),
  }),
];
