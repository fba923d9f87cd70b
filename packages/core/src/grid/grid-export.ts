import type { Writable } from 'node:stream';
import type { GridColumnView, GridContactCell, GridRowView } from '@lpdesk/contracts';
import type { CellKind, CellValue, ExportColumn } from '../exports/columns.js';
import { EXPORT_CONTENT_TYPES } from '../exports/export.js';
import { csvWriter } from '../exports/writers.js';
import type { Actor } from '../kernel/actor.js';
import { type CoreContext, today } from '../kernel/context.js';
import { visibleColumns } from './columns.js';
import { type GridRequest, loadGrid } from './grid-query.js';

export interface GridExportFile {
  filename: string;
  contentType: string;
  /** Writes the whole file to `sink` and ends it; resolves with the number of data rows. */
  writeTo(sink: Writable): Promise<number>;
}

const KIND_OF_TYPE: Partial<Record<GridColumnView['type'], CellKind>> = { money: 'money', number: 'number', boolean: 'boolean', date: 'date' };
const PAGE = 500;

/** A cell as the screen shows it: labels for choices and people, names for contacts, log lines one per line. */
function exportValue(column: GridColumnView, value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (column.type === 'contacts') return (value as GridContactCell[]).map((contact) => (contact.email ? `${contact.name} <${contact.email}>` : contact.name));
  if (column.type === 'notes_log') return (value as string[]).join('\n');
  if (Array.isArray(value)) return value.map(String);
  if ((column.type === 'select' || column.type === 'stage' || column.type === 'user') && typeof value === 'string') {
    return column.options?.find((option) => option.value === value)?.label ?? value;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return value as CellValue;
}

/** The file's columns: the view's visible columns in its order; money in decimal units, its currency in the label. */
export function exportColumnsOf(columns: GridColumnView[]): ExportColumn<GridRowView>[] {
  return columns.map((column) => ({
    field: column.field,
    header: column.label,
    kind: KIND_OF_TYPE[column.type] ?? 'text',
    width: 18,
    value: (row: GridRowView) => exportValue(column, row.cells[column.field]),
  }));
}

/**
 * Exactly what the view shows, every row: the view's filters, search and sort (the same `loadGrid`
 * the screen uses), its visible columns in its order. The grid is loaded before the first byte, so a
 * bad view or filter is a 4xx, never half a file. CSV cells are formula-safe (contracts/csv.ts).
 */
export async function exportGrid(core: CoreContext, actor: Actor, request: GridRequest & { format: 'csv' }): Promise<GridExportFile> {
  const grid = await loadGrid(core, actor, request);
  const columns = exportColumnsOf(visibleColumns(grid.columns, grid.state));
  return {
    filename: `grid-${today(core)}.csv`,
    contentType: EXPORT_CONTENT_TYPES.csv,
    async writeTo(sink) {
      const writer = csvWriter(sink, columns);
      await writer.writePage([]);
      for (let start = 0; start < grid.rows.length; start += PAGE) await writer.writePage(grid.rows.slice(start, start + PAGE));
      await writer.finish();
      return grid.rows.length;
    },
  };
}
