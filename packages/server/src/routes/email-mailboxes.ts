import { IdParams, MailboxCreateInput, MailboxUpdateInput } from '@lpdesk/contracts';
import { operations } from '@lpdesk/core';
import { z } from 'zod';
import { expectedVersionFrom } from '../http/preconditions.js';
import { operationRoute } from '../http/register.js';
import type { RouteSpec } from '../http/route.js';

const tag = 'Email';
const ops = operations.emailMailboxes;

/** Mailbox enrolment and settings (admin). Sync runs and "sync now" live with the sync routes. */
export const emailMailboxRoutes: RouteSpec[] = [
  operationRoute({ method: 'GET', url: '/api/email/mailboxes', tag, operation: ops.list, input: () => ({}) }),
  operationRoute({
    method: 'POST',
    url: '/api/email/mailboxes',
    tag,
    operation: ops.create,
    body: MailboxCreateInput,
    status: 201,
    input: ({ body }) => body as z.output<typeof MailboxCreateInput>,
  }),
  operationRoute({ method: 'GET', url: '/api/email/mailboxes/:id', tag, operation: ops.get, params: IdParams, input: ({ params }) => ({ id: params.id as string }) }),
  operationRoute({
    method: 'PATCH',
    url: '/api/email/mailboxes/:id',
    tag,
    operation: ops.update,
    params: IdParams,
    body: MailboxUpdateInput,
    input: ({ params, body, headers }) => ({ id: params.id as string, changes: body as z.output<typeof MailboxUpdateInput>, expectedVersion: expectedVersionFrom(headers['if-match']) }),
  }),
  operationRoute({ method: 'DELETE', url: '/api/email/mailboxes/:id', tag, operation: ops.delete, params: IdParams, status: 204, input: ({ params }) => ({ id: params.id as string }) }),
];
