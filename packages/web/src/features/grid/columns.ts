import type { GridColumnView, ViewState } from '@lpdesk/contracts';
import type { CellClassParams, ColDef, SuppressKeyboardEventParams } from 'ag-grid-community';
import { NameCell, ValueCell } from './cell-renderers';
import { TextCellEditor } from './editors/text-editor';
import type { DisplayRow } from './grouping';
import type { GridPeer } from './use-grid-presence';

/** What AG Grid holds per row: a data row or a group header; the pinned totals row is `kind: 'total'`. */
export type GridRowData = DisplayRow | { kind: 'total'; id: string; totals: Record<string, number> };

/** Shared with renderers through AG Grid's `context`, so they never hold stale closures. */
export interface GridContext {
  peerAt(cell: string): GridPeer | undefined;
  inRange(rowIndex: number, field: string): boolean;
  logCommunication(organizationId: string, name: string): void;
  toggleGroup(key: string): void;
  moneyColumns(): GridColumnView[];
}

const WIDTH: Partial<Record<GridColumnView['type'], number>> = {
  money: 150,
  stage: 130,
  boolean: 90,
  date: 120,
  long_text: 240,
  notes_log: 260,
  contacts: 220,
  tags: 180,
  multi_select: 180,
};

/** Keys the screen handles itself (range, clipboard, fill, undo, clear): AG Grid must not act on them too. */
function suppressKeys(params: SuppressKeyboardEventParams): boolean {
  if (params.editing) return false;
  const event = params.event;
  const mod = event.ctrlKey || event.metaKey;
  if (event.shiftKey && event.key.startsWith('Arrow')) return true;
  if (mod && ['c', 'v', 'x', 'd', 'z', 'y'].includes(event.key.toLowerCase())) return true;
  return event.key === 'Delete' || event.key === 'Backspace';
}

function cellValue(field: string) {
  return (params: { data?: GridRowData; node?: { rowPinned?: string | null } | null }) => {
    const data = params.data;
    if (!data) return undefined;
    if (data.kind === 'row') return data.row.cells[field];
    if (data.kind === 'total') return data.totals[field];
    return undefined;
  };
}

function editorFor(column: GridColumnView): Pick<ColDef, 'cellEditor' | 'cellEditorParams' | 'cellEditorPopup'> {
  switch (column.type) {
    case 'boolean':
      return { cellEditor: 'agCheckboxCellEditor' };
    case 'date':
      return { cellEditor: 'agDateStringCellEditor' };
    case 'long_text':
      return { cellEditor: 'agLargeTextCellEditor', cellEditorPopup: true, cellEditorParams: { maxLength: 10000, rows: 8, cols: 50 } };
    case 'stage':
    case 'select':
    case 'user': {
      const options = column.options ?? [];
      return {
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: {
          values: column.type === 'stage' ? options.map((o) => o.value) : ['', ...options.map((o) => o.value)],
          formatValue: (value: unknown) => options.find((o) => o.value === value)?.label ?? (value === '' ? '—' : String(value ?? '')),
        },
      };
    }
    default:
      return { cellEditor: TextCellEditor, cellEditorParams: { column } };
  }
}

/**
 * AG Grid column definitions from the server's columns, in the view's order, width and visibility.
 * Sorting is ours (the rows come sorted and grouped): the comparator keeps AG Grid's sort a no-op while
 * the header still shows the arrows.
 */
export function buildColumnDefs(columns: readonly GridColumnView[], state: ViewState): ColDef<GridRowData>[] {
  const saved = new Map(state.columns.map((c, index) => [c.field, { ...c, index }]));
  const ordered = [...columns].sort((a, b) => {
    if (a.field === 'name') return -1;
    if (b.field === 'name') return 1;
    const ia = saved.get(a.field)?.index ?? Number.MAX_SAFE_INTEGER;
    const ib = saved.get(b.field)?.index ?? Number.MAX_SAFE_INTEGER;
    return ia - ib;
  });
  return ordered.map((column): ColDef<GridRowData> => {
    const view = saved.get(column.field);
    const sortIndex = state.sort.findIndex((s) => s.field === column.field);
    const isName = column.field === 'name';
    const numeric = column.type === 'money' || column.type === 'number';
    return {
      colId: column.field,
      headerName: column.label,
      headerTooltip: column.label,
      valueGetter: cellValue(column.field),
      // Our own formatting, parsing and editors per column type; AG Grid's inference would add its own.
      cellDataType: false,
      ...(isName ? { pinned: 'left' as const, lockPinned: true, lockPosition: 'left' as const, width: view?.width ?? 240 } : { width: view?.width ?? WIDTH[column.type] ?? 160 }),
      hide: !isName && Boolean(view?.hidden),
      sortable: column.type !== 'contacts' && column.type !== 'notes_log',
      sort: sortIndex >= 0 ? (state.sort[sortIndex]?.direction ?? null) : null,
      sortIndex: sortIndex >= 0 ? sortIndex : null,
      comparator: () => 0,
      editable: (params) => column.editable && params.data?.kind === 'row',
      cellRenderer: isName ? NameCell : ValueCell,
      cellRendererParams: { column },
      ...editorFor(column),
      // Spelled out rather than `type: 'rightAligned'`: an own cellClass would replace the type's.
      cellClass: numeric ? ['lp-grid-num', 'ag-right-aligned-cell'] : undefined,
      headerClass: numeric ? 'ag-right-aligned-header' : undefined,
      cellClassRules: {
        'lp-in-range': (params: CellClassParams<GridRowData, unknown, GridContext>) =>
          params.node.rowIndex !== null && !params.node.rowPinned && params.context.inRange(params.node.rowIndex, column.field),
      },
      cellStyle: (params: CellClassParams<GridRowData, unknown, GridContext>) => {
        const data = params.data;
        if (data?.kind !== 'row') return null;
        const peer = params.context.peerAt(`${data.id}:${column.field}`);
        return peer ? { boxShadow: `inset 0 0 0 2px ${peer.color}` } : null;
      },
      suppressKeyboardEvent: suppressKeys,
    };
  });
}

export function columnLabel(columns: readonly GridColumnView[], field: string) {
  return columns.find((c) => c.field === field)?.label ?? field;
}
