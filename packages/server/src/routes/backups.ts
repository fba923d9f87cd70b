import { BackupRestoreInput, BackupSettingsInput, IdParams } from '@lpdesk/contracts';
import { operations } from '@lpdesk/core';
import type { z } from 'zod';
import { expectedVersionFrom } from '../http/preconditions.js';
import { operationRoute } from '../http/register.js';
import type { RouteSpec } from '../http/route.js';

const tag = 'Backups';
const ops = operations.backups;
const RestoreBody = BackupRestoreInput.omit({ id: true });

/**
 * Backups (admin only, every action logged). There is no download route: a backup holds every investor
 * record, so copies leave the machine by the operator's own means (docs/backups.md), not through the web.
 */
export const backupRoutes: RouteSpec[] = [
  operationRoute({ method: 'GET', url: '/api/backups', tag, operation: ops.list, input: () => ({}) }),
  operationRoute({ method: 'POST', url: '/api/backups', tag, operation: ops.create, status: 201, input: () => ({}) }),
  operationRoute({ method: 'POST', url: '/api/backups/prune', tag, operation: ops.prune, input: () => ({}) }),
  operationRoute({ method: 'GET', url: '/api/backups/:id', tag, operation: ops.get, params: IdParams, input: ({ params }) => ({ id: params.id as string }) }),
  operationRoute({
    method: 'POST',
    url: '/api/backups/:id/verify',
    tag,
    operation: ops.verify,
    params: IdParams,
    input: ({ params }) => ({ id: params.id as string }),
  }),
  operationRoute({
    method: 'GET',
    url: '/api/backups/:id/preview',
    tag,
    operation: ops.preview,
    params: IdParams,
    input: ({ params }) => ({ id: params.id as string }),
  }),
  operationRoute({
    method: 'POST',
    url: '/api/backups/:id/restore',
    tag,
    operation: ops.restore,
    params: IdParams,
    body: RestoreBody,
    input: ({ params, body }) => ({ id: params.id as string, ...(body as z.output<typeof RestoreBody>) }),
  }),
  operationRoute({ method: 'GET', url: '/api/backup-settings', tag, operation: ops.settings, input: () => ({}) }),
  operationRoute({
    method: 'PATCH',
    url: '/api/backup-settings',
    tag,
    operation: ops.updateSettings,
    body: BackupSettingsInput,
    input: ({ body, headers }) => ({ changes: body as z.output<typeof BackupSettingsInput>, expectedVersion: expectedVersionFrom(headers['if-match']) }),
  }),
];
