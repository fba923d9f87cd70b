import type { Writable } from 'node:stream';
import type { BulkCollection, Contact, ContactExportFormat, ContactExportQuery, Organization, OrganizationExportQuery } from '@lpdesk/contracts';
import { CONTACT_SORTS, filterContacts } from '../contacts/queries.js';
import { presentContacts } from '../contacts/presenter.js';
import type { CoreContext } from '../kernel/context.js';
import { today } from '../kernel/context.js';
import { Invalid } from '../kernel/errors.js';
import { resolveListSort } from '../kernel/sorting.js';
import { ORGANIZATION_SORTS, filterOrganizations } from '../organizations/queries.js';
import { presentOrganizations } from '../organizations/presenter.js';
import { type ExportColumn, exportColumnsOf, pickExportColumns } from './columns.js';
import { pagesInListOrder } from './keyset.js';
import { contactVcard, VCARD_CONTENT_TYPE } from './vcard.js';
import { csvWriter, type SheetWriter, vcardWriter, xlsxWriter } from './writers.js';

/** Rows read, presented and written per step: one page in memory at a time. */
export const EXPORT_PAGE_SIZE = 1000;

export const EXPORT_CONTENT_TYPES: Record<ContactExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  vcf: VCARD_CONTENT_TYPE,
};

/**
 * An export checked and ready to stream: the filters, search and sort are validated before anything
 * is written (a bad one is a 400, not a half-written file), then `writeTo` streams every matching
 * row in the list's order.
 */
export interface PreparedExport {
  collection: BulkCollection;
  format: ContactExportFormat;
  filename: string;
  contentType: string;
  /** Writes the whole file to `sink` and ends it; resolves with the number of data rows. */
  writeTo(sink: Writable): Promise<number>;
}

export type ExportRequest = { collection: 'contacts'; query: ContactExportQuery } | { collection: 'organizations'; query: OrganizationExportQuery };

/** The list's rows in its order, presented a page at a time exactly as the list route presents them. */
async function pagesOf(core: CoreContext, request: ExportRequest, pageSize: number): Promise<() => AsyncGenerator<Contact[] | Organization[]>> {
  if (request.collection === 'contacts') {
    const { format: _format, columns: _columns, sort: sortField, ...filters } = request.query;
    const sort = resolveListSort(sortField, CONTACT_SORTS, { field: 'name', direction: 'asc' });
    const base = (await filterContacts(core, filters)).selectAll('c');
    return async function* () {
      for await (const rows of pagesInListOrder(base, sort, 'c.id', pageSize)) yield await presentContacts(core.db, rows);
    };
  }
  const { format: _format, columns: _columns, sort: sortField, ...filters } = request.query;
  const sort = resolveListSort(sortField, ORGANIZATION_SORTS, { field: 'name', direction: 'asc' });
  const base = (await filterOrganizations(core, filters)).selectAll('o');
  return async function* () {
    for await (const rows of pagesInListOrder(base, sort, 'o.id', pageSize)) yield await presentOrganizations(core.db, rows);
  };
}

const SHEET_NAMES: Record<BulkCollection, string> = { contacts: 'Contacts', organizations: 'Organizations' };

export async function prepareExport(core: CoreContext, request: ExportRequest, options: { pageSize?: number } = {}): Promise<PreparedExport> {
  const { collection } = request;
  const { format } = request.query;
  if (format === 'vcf' && collection !== 'contacts') throw new Invalid('vCard export is for contacts only');
  const pages = await pagesOf(core, request, options.pageSize ?? EXPORT_PAGE_SIZE);
  const columns = pickExportColumns((await exportColumnsOf(core.db, collection)) as ExportColumn<Contact | Organization>[], request.query.columns);
  return {
    collection,
    format,
    filename: `${collection}-${today(core)}.${format}`,
    contentType: EXPORT_CONTENT_TYPES[format],
    async writeTo(sink) {
      const writer: SheetWriter<Contact | Organization> =
        format === 'vcf'
          ? vcardWriter(sink, (view) => contactVcard(view as Contact))
          : format === 'csv'
            ? csvWriter(sink, columns)
            : await xlsxWriter(sink, columns, SHEET_NAMES[collection]);
      let rows = 0;
      for await (const views of pages()) {
        await writer.writePage(views);
        rows += views.length;
      }
      await writer.finish();
      return rows;
    },
  };
}
