import { type BulkCollection, type BulkRequest, countOf as countWithNoun } from '@lpdesk/contracts';
import { filterContacts } from '../contacts/queries.js';
import type { CoreContext } from '../kernel/context.js';
import { Conflict } from '../kernel/errors.js';
import type { Tx } from '../kernel/write.js';
import { refreshOrganizationSortNames } from '../contacts/organization-sort.js';
import { filterOrganizations } from '../organizations/queries.js';

/** What a bulk action needs of a list's collection. */
export interface BulkTarget {
  collection: BulkCollection;
  entityType: 'contact' | 'organization';
  table: 'contacts' | 'organizations';
  /** One record or many, for messages ("Moved 875 contacts to trash"). */
  noun: [singular: string, plural: string];
  /** How a skipped record is named to the user. */
  nameOf(row: { firstName?: string | null; lastName?: string | null; name?: string | null }): string;
  /** Work a trash or restore of these records needs beyond their own row. */
  afterTrashOrRestore?(tx: Tx, ids: string[]): Promise<void>;
}

export const BULK_TARGETS: Record<BulkCollection, BulkTarget> = {
  contacts: {
    collection: 'contacts',
    entityType: 'contact',
    table: 'contacts',
    noun: ['contact', 'contacts'],
    nameOf: (row) => `${row.firstName ?? ''} ${row.lastName ?? ''}`.trim(),
  },
  organizations: {
    collection: 'organizations',
    entityType: 'organization',
    table: 'organizations',
    noun: ['organization', 'organizations'],
    nameOf: (row) => row.name ?? '',
    // People are sorted by their primary live organization's name (contacts/organization-sort.ts).
    afterTrashOrRestore: async (tx, ids) => {
      for (const organizationId of ids) await refreshOrganizationSortNames(tx, { organizationId });
    },
  },
};

export const countOf = (target: BulkTarget, count: number) => countWithNoun(count, ...target.noun);

/**
 * The ids a bulk action covers: the listed ones, or every live record the list query matches (read
 * with the list's own filter, so the action covers exactly what the list counts). Read before the
 * write starts: on SQLite the write's transaction holds the one connection.
 */
export async function resolveSelection(core: CoreContext, request: BulkRequest): Promise<string[]> {
  const target = BULK_TARGETS[request.collection];
  let ids: string[];
  if ('ids' in request.selection) {
    const wanted = [...new Set(request.selection.ids)];
    const found = await core.db.selectFrom(target.table).select('id').where('id', 'in', wanted).where('deletedAt', 'is', null).execute();
    const live = new Set(found.map((row) => row.id));
    const missing = wanted.filter((id) => !live.has(id));
    if (missing.length > 0)
      throw new Conflict(`${countOf(target, missing.length)} of the selection no longer exist or are in the trash; nothing changed`, { missing });
    ids = wanted;
  } else if (request.collection === 'contacts') {
    const base = await filterContacts(core, request.selection.query as Parameters<typeof filterContacts>[1]);
    ids = (await base.select('c.id').execute()).map((row) => row.id);
  } else {
    const base = await filterOrganizations(core, request.selection.query as Parameters<typeof filterOrganizations>[1]);
    ids = (await base.select('o.id').execute()).map((row) => row.id);
  }
  if (request.expectedCount !== undefined && request.expectedCount !== ids.length) {
    throw new Conflict(
      `The selection now matches ${countOf(target, ids.length)}, not ${request.expectedCount.toLocaleString('en-US')}; nothing changed. Check the list and try again.`,
      {
        matched: ids.length,
        expected: request.expectedCount,
      },
    );
  }
  return ids;
}
