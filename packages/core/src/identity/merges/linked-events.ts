import type { LogEntry } from '../../kernel/write.js';
import type { JournalEntry, JournaledTable, PlainRow } from './journal.js';

/** Records with their own screens, live updates and search documents: a merge that moves one says so. */
const ANNOUNCED: Partial<Record<JournaledTable, string>> = { commitments: 'commitment', tasks: 'task' };
const BOOKKEEPING = new Set(['version', 'updatedAt', 'updatedBy']);

function changedColumns(from: PlainRow, to: PlainRow): { before: PlainRow; after: PlainRow } {
  const before: PlainRow = {};
  const after: PlainRow = {};
  for (const column of Object.keys(from)) {
    if (BOOKKEEPING.has(column) || JSON.stringify(from[column]) === JSON.stringify(to[column])) continue;
    before[column] = from[column] ?? null;
    after[column] = to[column] ?? null;
  }
  return { before, after };
}

/**
 * Log entries for the commitments and tasks a merge moved or retired (or its undo put back), so the
 * grid, search and automations hear of them like of any other edit: `delete`/`restore` when the change
 * was a move to or from the trash, `update` otherwise.
 */
export function linkedRecordEntries(entries: JournalEntry[], mergeId: string, direction: 'merge' | 'undo'): LogEntry[] {
  const out: LogEntry[] = [];
  for (const entry of entries) {
    const entityType = ANNOUNCED[entry.table];
    if (!entityType || entry.op !== 'update' || !entry.after) continue;
    const [from, to] = direction === 'merge' ? [entry.before, entry.after] : [entry.after, entry.before];
    const diff = changedColumns(from, to);
    if (Object.keys(diff.after).length === 0) continue;
    const trashed = 'deletedAt' in diff.after ? (diff.after.deletedAt === null ? 'restore' : 'delete') : 'update';
    out.push({ action: trashed, entityType, entityId: String(entry.before.id), diff: { ...diff, mergeId } });
  }
  return out;
}
