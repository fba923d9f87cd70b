import { type GridCellRevisionView, parseGridFundField } from '@lpdesk/contracts';
import type { CoreContext } from '../kernel/context.js';
import { Invalid } from '../kernel/errors.js';
import { findRow } from '../kernel/records.js';

type Side = Record<string, unknown> | undefined;

const CUSTOM_FIELD_PREFIX = 'customFields.';

/** The cell's value on one side of a logged diff; `undefined` when that side does not name it. */
function sideValue(side: Side, path: string[]): unknown {
  let current: unknown = side;
  for (const part of path) {
    if (!current || typeof current !== 'object' || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** How the log names the cell: a top-level key of the snapshot, or a key inside `customFields`. */
function logPath(field: string): { entity: 'organization' | 'commitment'; fundId: string | null; path: string[] } {
  const fund = parseGridFundField(field);
  if (fund) return { entity: 'commitment', fundId: fund.fundId, path: [fund.field] };
  if (field.startsWith(CUSTOM_FIELD_PREFIX) && field.length > CUSTOM_FIELD_PREFIX.length) {
    return { entity: 'organization', fundId: null, path: ['customFields', field.slice(CUSTOM_FIELD_PREFIX.length)] };
  }
  if (/^[a-zA-Z]+$/.test(field)) return { entity: 'organization', fundId: null, path: [field] };
  throw new Invalid(`field: "${field}" is not a grid cell`, { issues: [{ path: ['field'], message: 'not a grid cell' }] });
}

/**
 * A grid cell's revisions, newest first, read from the activity log: the organization's own entries
 * for its fields and custom fields, the entries of its commitment(s) to the fund for `fund:` cells
 * (created, edited, moved between stages). Each is who changed it, when, from what to what; a revert
 * is the client's batch with `before` as the value.
 */
export async function cellHistory(core: CoreContext, organizationId: string, field: string): Promise<GridCellRevisionView[]> {
  await findRow(core.db, 'organizations', organizationId, 'Organization', { includeDeleted: true });
  const { entity, fundId, path } = logPath(field);
  let entityIds = [organizationId];
  if (entity === 'commitment') {
    const commitments = await core.db
      .selectFrom('commitments')
      .select('id')
      .where('organizationId', '=', organizationId)
      .where('fundId', '=', fundId as string)
      .execute();
    entityIds = commitments.map((c) => c.id);
    if (entityIds.length === 0) return [];
  }
  const entries = await core.db
    .selectFrom('activityLog')
    .select(['id', 'at', 'actorKind', 'actorName', 'diffJson'])
    .where('entityType', '=', entity)
    .where('entityId', 'in', entityIds)
    .where('action', 'in', ['create', 'update', 'stage_change'])
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const revisions: GridCellRevisionView[] = [];
  for (const entry of entries) {
    const diff = JSON.parse(entry.diffJson) as { before?: Side; after?: Side } | null;
    const after = sideValue(diff?.after, path);
    if (after === undefined) continue;
    const before = sideValue(diff?.before, path);
    // A custom field diff carries the whole map: only entries where this key changed are revisions of it.
    if (JSON.stringify(before ?? null) === JSON.stringify(after ?? null)) continue;
    revisions.push({ at: entry.at, actorName: entry.actorName, actorKind: entry.actorKind, before: before ?? null, after: after ?? null });
  }
  return revisions;
}
