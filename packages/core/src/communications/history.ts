import type { RecordChange } from '@lpdesk/contracts';
import type { CoreContext } from '../kernel/context.js';
import { findRow } from '../kernel/records.js';

/** Fields a reader of a communication's history cares about; audit columns and ids are left out. */
const HISTORY_FIELDS = new Set([
  'kind',
  'occurredAt',
  'subject',
  'body',
  'outcome',
  'nextAction',
  'nextActionDueOn',
  'durationMinutes',
  'contacts',
  'organizations',
  'contactIds',
  'organizationIds',
  'users',
  'deletedAt',
]);

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pickFields(value: unknown): Plain {
  if (!isPlain(value)) return {};
  return Object.fromEntries(Object.entries(value).filter(([key]) => HISTORY_FIELDS.has(key)));
}

/**
 * Every version of a communication, oldest first, from the activity log: the log keeps each edit's
 * fields before and after, so earlier texts stay readable after an edit without a copy table.
 * Readable with `crm.read` (the full activity log needs `activity.read`), since it only shows this record.
 */
export async function communicationHistory(core: CoreContext, id: string): Promise<RecordChange[]> {
  await findRow(core.db, 'communications', id, 'Communication', { includeDeleted: true });
  const entries = await core.db
    .selectFrom('activityLog')
    .select(['id', 'at', 'action', 'actorName', 'diffJson'])
    .where('entityType', '=', 'communication')
    .where('entityId', '=', id)
    .orderBy('at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  return entries.map((entry) => {
    const diff: unknown = JSON.parse(entry.diffJson);
    const sides = isPlain(diff) ? diff : {};
    return { id: entry.id, at: entry.at, action: entry.action, actorName: entry.actorName, before: pickFields(sides.before), after: pickFields(sides.after) };
  });
}
