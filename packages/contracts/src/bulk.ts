import { z } from 'zod';
import { Id, Instant } from './common.js';
import { ContactListQuery } from './contacts.js';
import { OrganizationListQuery } from './organizations.js';

/**
 * Whole-list actions: export and bulk changes over everything a list's filters match, not only the
 * rows a browser has loaded. Both take the list route's own filters, so "what the list shows" and
 * "what the action touches" have one definition.
 */

/** Collections whose list screens export and act in bulk. */
export const BulkCollection = z.enum(['contacts', 'organizations']);
export type BulkCollection = z.infer<typeof BulkCollection>;

export const ExportFormat = z.enum(['csv', 'xlsx']);
export type ExportFormat = z.infer<typeof ExportFormat>;
/** Contacts also export as vCard 3.0 (one card per contact, for address books). */
export const ContactExportFormat = z.enum(['csv', 'xlsx', 'vcf']);
export type ContactExportFormat = z.infer<typeof ContactExportFormat>;

/** A list query without paging: the filters, search and sort that pick and order every matching row. */
const unpaged = { limit: true, offset: true } as const;
/**
 * Which columns to write, in order, as the list screen's column ids (`name,email,cf:region`); absent
 * means every column. Saved views export their visible columns through it.
 */
export const ExportColumns = z
  .string()
  .trim()
  .max(4000)
  .regex(/^[A-Za-z0-9_:-]+(,[A-Za-z0-9_:-]+)*$/, { error: 'must be column ids separated by commas' });
const exportOptions = { format: ExportFormat.default('csv'), columns: ExportColumns.optional() };
export const ContactExportQuery = ContactListQuery.omit(unpaged).extend({ ...exportOptions, format: ContactExportFormat.default('csv') });
export type ContactExportQuery = z.infer<typeof ContactExportQuery>;
export const OrganizationExportQuery = OrganizationListQuery.omit(unpaged).extend(exportOptions);
export type OrganizationExportQuery = z.infer<typeof OrganizationExportQuery>;

/** Filters that pick the records of a bulk action: the list's, without paging, order or the trash switch. */
const selectionOnly = { limit: true, offset: true, sort: true, deleted: true } as const;
export const ContactSelectionQuery = ContactListQuery.omit(selectionOnly);
export type ContactSelectionQuery = z.infer<typeof ContactSelectionQuery>;
export const OrganizationSelectionQuery = OrganizationListQuery.omit(selectionOnly);
export type OrganizationSelectionQuery = z.infer<typeof OrganizationSelectionQuery>;

/** Records picked one by one (as many as a list loads), or every live record a list query matches. */
const selection = <Q extends z.ZodType>(query: Q) => z.union([z.strictObject({ ids: z.array(Id).min(1).max(5000) }), z.strictObject({ query })]);

export const BulkAction = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('setOwner'), ownerId: Id.nullable() }),
  z.strictObject({ kind: z.literal('addTag'), tagId: Id }),
  z.strictObject({ kind: z.literal('removeTag'), tagId: Id }),
  z.strictObject({ kind: z.literal('trash') }),
]);
export type BulkAction = z.infer<typeof BulkAction>;
export type BulkActionKind = BulkAction['kind'];

const bulkFields = {
  action: BulkAction,
  /**
   * How many records the user was told the action covers ("Move 875 contacts to trash"). When the
   * selection now matches a different number, nothing changes and the answer is 409.
   */
  expectedCount: z.int().min(0).optional(),
};

export const BulkRequest = z.discriminatedUnion('collection', [
  z.strictObject({ collection: z.literal('contacts'), selection: selection(ContactSelectionQuery), ...bulkFields }),
  z.strictObject({ collection: z.literal('organizations'), selection: selection(OrganizationSelectionQuery), ...bulkFields }),
]);
export type BulkRequest = z.infer<typeof BulkRequest>;

export const BatchRunView = z
  .object({
    id: Id,
    collection: BulkCollection,
    action: z.enum(['setOwner', 'addTag', 'removeTag', 'trash']),
    /** Records the batch changed (records that already had the value are not counted). */
    count: z.int().min(0),
    /** Records the selection matched. */
    matched: z.int().min(0),
    createdAt: Instant,
    undoneAt: Instant.nullable(),
  })
  .meta({ id: 'BatchRun' });
export type BatchRunView = z.infer<typeof BatchRunView>;

export const BatchUndoView = z
  .object({
    batch: BatchRunView,
    /** Records put back as they were before the batch. */
    restored: z.int().min(0),
    /** Records changed by someone since the batch: left as they are, named so the user can check them. */
    skipped: z.array(z.object({ entityId: Id, name: z.string(), reason: z.string() })),
  })
  .meta({ id: 'BatchUndo' });
export type BatchUndoView = z.infer<typeof BatchUndoView>;
