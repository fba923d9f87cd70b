import type { Writable } from 'node:stream';
import type { ActivityEntry, ActivityExportQuery } from '@lpdesk/contracts';
import type { CoreContext } from '../kernel/context.js';
import { today } from '../kernel/context.js';
import type { ExportColumn } from '../exports/columns.js';
import { csvWriter } from '../exports/writers.js';
import { listActivity } from './queries.js';

const PAGE = 500;

const column = (field: string, header: string, value: (entry: ActivityEntry) => string | null, kind: 'text' | 'instant' = 'text'): ExportColumn<ActivityEntry> => ({
  field,
  header,
  kind,
  width: 18,
  value,
});

const ACTIVITY_COLUMNS: ExportColumn<ActivityEntry>[] = [
  column('at', 'At', (e) => e.at, 'instant'),
  column('actorName', 'Actor', (e) => e.actorName),
  column('actorKind', 'Actor kind', (e) => e.actorKind),
  column('door', 'Door', (e) => e.door),
  column('action', 'Action', (e) => e.action),
  column('entityType', 'Record type', (e) => e.entityType),
  column('entityName', 'Record', (e) => e.entityName),
  column('summary', 'Summary', (e) => e.summary),
  column('changes', 'Changes', (e) => e.changes.map((c) => `${c.label}: ${c.before ?? '—'} → ${c.after ?? '—'}`).join('; ')),
  column('entityId', 'Record id', (e) => e.entityId),
  column('id', 'Entry id', (e) => e.id),
];

/** The activity log's entries the filters match, newest first, as CSV (the list route's presenter, page by page). */
export function prepareActivityExport(core: CoreContext, query: ActivityExportQuery, options: { pageSize?: number } = {}) {
  const pageSize = options.pageSize ?? PAGE;
  return {
    filename: `activity-${today(core)}.csv`,
    contentType: 'text/csv; charset=utf-8',
    async writeTo(sink: Writable): Promise<number> {
      const writer = csvWriter(sink, ACTIVITY_COLUMNS);
      // One transaction, so entries appended meanwhile do not shift the pages (newest first) under the export.
      const transaction = core.dialect === 'postgres' ? core.db.transaction().setIsolationLevel('repeatable read') : core.db.transaction();
      const rows = await transaction.execute(async (tx) => {
        const reader = { ...core, db: tx };
        let written = 0;
        for (let offset = 0; ; offset += pageSize) {
          const page = await listActivity(reader, { ...query, limit: pageSize, offset });
          await writer.writePage(page.data);
          written += page.data.length;
          if (page.data.length < pageSize) return written;
        }
      });
      await writer.finish();
      return rows;
    },
  };
}
