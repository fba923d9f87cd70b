import type { GridColumnView } from '@lpdesk/contracts';
import type { GridApi } from 'ag-grid-community';
import { parseCellText, formatCell, sameValue } from './cell-values';
import { formatTsv, parseTsv } from './clipboard';
import type { GridRowData } from './columns';
import { bounds, type CellRange, fillDownTargets, pasteTargets } from './range-selection';
import type { CellChange } from './undo';

/** The displayed grid as a matrix: data rows by display index, visible columns in order. */
export function gridMatrix(api: GridApi<GridRowData>, byField: Map<string, GridColumnView>) {
  const fields = api.getAllDisplayedColumns().map((c) => c.getColId());
  const rowCount = api.getDisplayedRowCount();
  const rowAt = (index: number) => {
    const data = api.getDisplayedRowAtIndex(index)?.data;
    return data?.kind === 'row' ? data.row : null;
  };
  return { fields, rowCount, rowAt, columnAt: (col: number) => byField.get(fields[col] ?? '') };
}

/** The range as TSV, each cell as it is shown (group header rows are skipped). */
export function copyRange(api: GridApi<GridRowData>, byField: Map<string, GridColumnView>, range: CellRange): string {
  const m = gridMatrix(api, byField);
  const b = bounds(range);
  const out: string[][] = [];
  for (let r = b.top; r <= b.bottom; r += 1) {
    const row = m.rowAt(r);
    if (!row) continue;
    const line: string[] = [];
    for (let c = b.left; c <= b.right; c += 1) {
      const column = m.columnAt(c);
      line.push(column ? formatCell(column, row.cells[column.field]) : '');
    }
    out.push(line);
  }
  return formatTsv(out);
}

export interface Planned {
  changes: CellChange[];
  /** Cells left alone: read-only columns, group rows, values that do not fit the column. */
  skipped: number;
}

function plan(targets: { row: number; col: number; text: string | null }[], api: GridApi<GridRowData>, byField: Map<string, GridColumnView>): Planned {
  const m = gridMatrix(api, byField);
  const changes: CellChange[] = [];
  let skipped = 0;
  for (const target of targets) {
    const row = m.rowAt(target.row);
    const column = m.columnAt(target.col);
    if (!row || !column || !column.editable) {
      skipped += 1;
      continue;
    }
    const before = row.cells[column.field] ?? null;
    const parsed = target.text === null ? { ok: true as const, value: emptyFor(column) } : parseCellText(column, target.text);
    if (!parsed.ok) {
      skipped += 1;
      continue;
    }
    if (sameValue(parsed.value, before)) continue;
    changes.push({ entityId: row.organizationId, field: column.field, value: parsed.value, before });
  }
  return { changes, skipped };
}

function emptyFor(column: GridColumnView): unknown {
  if (column.type === 'boolean') return false;
  if (column.type === 'multi_select' || column.type === 'tags') return [];
  return null;
}

/** A pasted TSV block as one batch, clipped at the grid's edges. */
export function planPaste(api: GridApi<GridRowData>, byField: Map<string, GridColumnView>, range: CellRange, text: string): Planned {
  const block = parseTsv(text);
  if (block.length === 0) return { changes: [], skipped: 0 };
  const width = Math.max(...block.map((r) => r.length));
  const m = gridMatrix(api, byField);
  const targets = pasteTargets(range, block.length, width, m.rowCount, m.fields.length).map((t) => ({ row: t.row, col: t.col, text: block[t.srcRow]?.[t.srcCol] ?? '' }));
  return plan(targets, api, byField);
}

/** Fill down: the top cell's shown value into every cell below it in the range. */
export function planFillDown(api: GridApi<GridRowData>, byField: Map<string, GridColumnView>, range: CellRange): Planned {
  const m = gridMatrix(api, byField);
  const targets = fillDownTargets(range).map((t) => {
    const source = m.rowAt(t.fromRow);
    const column = m.columnAt(t.col);
    const value = source && column ? source.cells[column.field] : null;
    return { row: t.row, col: t.col, text: column && value !== null && value !== undefined ? copyText(column, value) : null };
  });
  return plan(targets, api, byField);
}

/** Text that parses back to exactly this value (stored values for selects, not labels). */
function copyText(column: GridColumnView, value: unknown): string {
  if (column.type === 'money' && typeof value === 'number') return String(value / 100);
  if (column.type === 'select' || column.type === 'user' || column.type === 'stage') return String(value);
  if (column.type === 'multi_select' && Array.isArray(value)) return value.join(', ');
  return formatCell(column, value);
}

/** Delete: clear every editable cell in the range. */
export function planClear(api: GridApi<GridRowData>, byField: Map<string, GridColumnView>, range: CellRange): Planned {
  const b = bounds(range);
  const targets: { row: number; col: number; text: string | null }[] = [];
  for (let row = b.top; row <= b.bottom; row += 1) for (let col = b.left; col <= b.right; col += 1) targets.push({ row, col, text: null });
  const planned = plan(targets, api, byField);
  // A stage cannot be empty: clearing leaves it as it is rather than failing the whole batch.
  return { changes: planned.changes.filter((c) => !c.field.endsWith(':stage')), skipped: planned.skipped };
}
