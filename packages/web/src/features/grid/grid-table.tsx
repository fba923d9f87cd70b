import type { GridColumnView, ViewState } from '@lpdesk/contracts';
import { useComputedColorScheme } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  AllCommunityModule,
  type CellContextMenuEvent,
  type CellEditRequestEvent,
  type CellFocusedEvent,
  type GridApi,
  ModuleRegistry,
  themeQuartz,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { parseCellText, sameValue } from './cell-values';
import { GroupHeaderCell } from './cell-renderers';
import { buildColumnDefs, type GridContext, type GridRowData } from './columns';
import { copyRange, gridMatrix, planClear, planFillDown, planPaste, type Planned } from './grid-interactions';
import type { DisplayRow } from './grouping';
import { type CellRange, extend, inRange } from './range-selection';
import type { CellChange } from './undo';
import type { GridPresence } from './use-grid-presence';
import { columnsFromGrid } from './use-grid-view-state';

ModuleRegistry.registerModules([AllCommunityModule]);

// Mantine's CSS variables switch with the colour scheme, so one theme serves light and dark.
const gridTheme = themeQuartz.withParams({
  fontFamily: 'var(--mantine-font-family)',
  fontSize: 13,
  headerFontSize: 12,
  headerFontWeight: 600,
  rowHeight: 32,
  headerHeight: 34,
  spacing: 6,
  wrapperBorderRadius: 8,
  backgroundColor: 'var(--mantine-color-body)',
  foregroundColor: 'var(--mantine-color-text)',
  borderColor: 'var(--mantine-color-default-border)',
  chromeBackgroundColor: 'var(--mantine-color-default-hover)',
  headerBackgroundColor: 'var(--mantine-color-default-hover)',
  accentColor: 'var(--mantine-primary-color-filled)',
  rowHoverColor: 'var(--mantine-primary-color-light)',
  selectedRowBackgroundColor: 'var(--mantine-primary-color-light)',
  oddRowBackgroundColor: 'var(--mantine-color-body)',
});

export interface FocusedCell {
  organizationId: string;
  field: string;
  name: string;
}

interface Props {
  columns: GridColumnView[];
  rows: DisplayRow[];
  totals: Record<string, number>;
  state: ViewState;
  setPartial: (patch: Partial<ViewState>) => void;
  send: (step: CellChange[]) => Promise<boolean>;
  undo: () => void;
  redo: () => void;
  presence: GridPresence;
  toggleGroup: (key: string) => void;
  logCommunication: (organizationId: string, name: string) => void;
  onFocusCell: (cell: FocusedCell | null) => void;
  onContextMenu: (cell: FocusedCell, x: number, y: number) => void;
  onReady?: (api: GridApi<GridRowData>) => void;
}

/** Ctrl on Windows and Linux, Cmd on a Mac. */
const mod = (event: KeyboardEvent) => event.ctrlKey || event.metaKey;

export function GridTable(props: Props) {
  const { columns, rows, totals, state, setPartial, send, presence } = props;
  const scheme = useComputedColorScheme('light');
  const apiRef = useRef<GridApi<GridRowData> | null>(null);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const rangeRef = useRef<CellRange | null>(null);
  const [, setRangeVersion] = useState(0);
  const shiftClick = useRef(false);
  /** The cell being edited and its value when the editor opened: the batch's `expected`. */
  const editingFrom = useRef<{ cell: string; value: unknown } | null>(null);
  const byField = useMemo(() => new Map(columns.map((c) => [c.field, c])), [columns]);
  const latest = useRef(props);
  latest.current = props;

  const setRange = useCallback((range: CellRange | null) => {
    rangeRef.current = range;
    setRangeVersion((n) => n + 1);
    // cellClassRules only re-run when cells refresh.
    apiRef.current?.refreshCells({ force: true, suppressFlash: true });
  }, []);

  const context = useMemo<GridContext>(
    () => ({
      peerAt: (cell) => latest.current.presence.others.find((peer) => peer.cell === cell),
      inRange: (rowIndex, field) => {
        const api = apiRef.current;
        if (!api || !rangeRef.current) return false;
        const col = api.getAllDisplayedColumns().findIndex((c) => c.getColId() === field);
        return inRange(rangeRef.current, rowIndex, col);
      },
      logCommunication: (id, name) => latest.current.logCommunication(id, name),
      toggleGroup: (key) => latest.current.toggleGroup(key),
      moneyColumns: () => latest.current.columns.filter((c) => c.type === 'money'),
    }),
    [],
  );

  const columnDefs = useMemo(() => buildColumnDefs(columns, state), [columns, state]);
  const pinnedBottom = useMemo<GridRowData[]>(() => (columns.some((c) => c.type === 'money') ? [{ kind: 'total', id: 'totals', totals }] : []), [columns, totals]);

  // Other people's cursors moved: repaint their frames.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the trigger is the peers list itself
  useEffect(() => {
    const api = apiRef.current;
    // A forced refresh would restart an open editor; the frames catch up when editing stops.
    if (!api || api.getEditingCells().length > 0) return;
    api.refreshCells({ force: true });
  }, [presence.others]);

  const apply = useCallback(
    async (planned: Planned, what: string) => {
      if (planned.changes.length === 0) {
        if (planned.skipped > 0) notifications.show({ color: 'yellow', message: `Nothing to ${what}: those cells are read-only or the values do not fit` });
        return;
      }
      const ok = await latest.current.send(planned.changes);
      if (ok && planned.skipped > 0) notifications.show({ color: 'yellow', message: `${planned.changes.length} cells saved; ${planned.skipped} skipped (read-only or not a valid value)` });
    },
    [],
  );

  // Copy and paste through the document's clipboard events: they carry the spreadsheet's TSV both ways.
  useEffect(() => {
    const inGrid = () => {
      const active = document.activeElement;
      const api = apiRef.current;
      return Boolean(api && wrapperRef.current && active && wrapperRef.current.contains(active) && api.getEditingCells().length === 0);
    };
    const onCopy = (event: ClipboardEvent) => {
      const api = apiRef.current;
      if (!api || !rangeRef.current || !inGrid()) return;
      event.clipboardData?.setData('text/plain', copyRange(api, byField, rangeRef.current));
      event.preventDefault();
    };
    const onPaste = (event: ClipboardEvent) => {
      const api = apiRef.current;
      const text = event.clipboardData?.getData('text/plain');
      if (!api || !rangeRef.current || !inGrid() || !text) return;
      event.preventDefault();
      void apply(planPaste(api, byField, rangeRef.current, text), 'paste');
    };
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [byField, apply]);

  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      const api = apiRef.current;
      const range = rangeRef.current;
      if (!api || api.getEditingCells().length > 0) return;
      const key = event.key.toLowerCase();
      if (mod(event) && key === 'z') {
        event.preventDefault();
        return event.shiftKey ? latest.current.redo() : latest.current.undo();
      }
      if (mod(event) && key === 'y') {
        event.preventDefault();
        return latest.current.redo();
      }
      if (!range) return;
      if (mod(event) && key === 'd') {
        event.preventDefault();
        return void apply(planFillDown(api, byField, range), 'fill');
      }
      if (event.key === 'Delete' || event.key === 'Backspace') {
        event.preventDefault();
        return void apply(planClear(api, byField, range), 'clear');
      }
      if (event.shiftKey && event.key.startsWith('Arrow')) {
        event.preventDefault();
        const m = gridMatrix(api, byField);
        const next = extend(range, event.key as 'ArrowUp', m.rowCount, m.fields.length);
        setRange(next);
        api.ensureIndexVisible(next.head.row);
        const field = m.fields[next.head.col];
        if (field) api.ensureColumnVisible(field);
      }
    },
    [byField, apply, setRange],
  );

  const onCellFocused = useCallback(
    (event: CellFocusedEvent<GridRowData>) => {
      const api = apiRef.current;
      if (!api || event.rowIndex === null || event.rowPinned || !event.column || typeof event.column === 'string') return;
      const col = api.getAllDisplayedColumns().indexOf(event.column);
      const here = { row: event.rowIndex, col };
      const current = rangeRef.current;
      setRange(shiftClick.current && current ? { anchor: current.anchor, head: here } : { anchor: here, head: here });
      shiftClick.current = false;
      const data = api.getDisplayedRowAtIndex(event.rowIndex)?.data;
      if (data?.kind === 'row') {
        const field = event.column.getColId();
        latest.current.presence.focus(`${data.id}:${field}`);
        latest.current.onFocusCell({ organizationId: data.id, field, name: String(data.row.cells.name ?? '') });
      } else {
        latest.current.presence.focus(null);
        latest.current.onFocusCell(null);
      }
    },
    [setRange],
  );

  const onCellEditRequest = useCallback(
    (event: CellEditRequestEvent<GridRowData>) => {
      const data = event.data;
      const column = byField.get(event.column.getColId());
      if (data?.kind !== 'row' || !column) return;
      // What the editor opened on, not what the row holds now: a live refresh while you typed must
      // not turn someone else's new value into your `expected` and let your edit silently replace it.
      const cell = `${data.id}:${column.field}`;
      const opened = editingFrom.current;
      const before = opened?.cell === cell ? opened.value : (data.row.cells[column.field] ?? null);
      editingFrom.current = null;
      let value: unknown = event.newValue;
      if (typeof value === 'string' || value === null || value === undefined) {
        const parsed = parseCellText(column, typeof value === 'string' ? value : '');
        if (!parsed.ok) {
          notifications.show({ color: 'red', message: `"${String(value)}" is not a valid ${column.type.replace('_', ' ')} for ${column.label}` });
          return;
        }
        value = parsed.value;
      }
      if (sameValue(value, before)) return;
      void latest.current.send([{ entityId: data.id, field: column.field, value, before }]);
    },
    [byField],
  );

  const persistColumns = useCallback(() => {
    const api = apiRef.current;
    if (!api) return;
    const stateNow = api.getColumnState();
    setPartial({ columns: columnsFromGrid(stateNow.map((c) => ({ field: c.colId, width: c.width ?? 160, hidden: Boolean(c.hide) }))) });
  }, [setPartial]);

  const cellOf = (data: GridRowData | undefined, field: string): string | null => (data?.kind === 'row' ? `${data.id}:${field}` : null);

  return (
    <div
      ref={wrapperRef}
      className="lp-grid"
      data-testid="grid"
      data-ag-theme-mode={scheme}
      style={{ height: '100%', width: '100%' }}
      onMouseDownCapture={(event) => {
        shiftClick.current = event.shiftKey;
        // Shift+click extends the range; keep the browser from selecting text across cells.
        if (event.shiftKey) event.preventDefault();
      }}
      onKeyDownCapture={(event) => onKeyDown(event.nativeEvent)}
    >
      <AgGridReact<GridRowData>
        theme={gridTheme}
        rowData={rows as GridRowData[]}
        pinnedBottomRowData={pinnedBottom}
        columnDefs={columnDefs}
        context={context}
        getRowId={(params) => params.data.id}
        isFullWidthRow={(params) => params.rowNode.data?.kind === 'group'}
        fullWidthCellRenderer={GroupHeaderCell}
        readOnlyEdit
        singleClickEdit={false}
        stopEditingWhenCellsLoseFocus
        enterNavigatesVerticallyAfterEdit
        preventDefaultOnContextMenu
        suppressDragLeaveHidesColumns
        animateRows={false}
        onGridReady={(event) => {
          apiRef.current = event.api;
          props.onReady?.(event.api);
        }}
        onCellFocused={onCellFocused}
        onCellEditRequest={onCellEditRequest}
        onCellEditingStarted={(event) => {
          const cell = cellOf(event.data, event.column.getColId());
          if (!cell) return;
          const lock = latest.current.presence.locks.find((l) => l.cell === cell);
          if (lock) {
            event.api.stopEditing(true);
            notifications.show({ color: 'yellow', message: `${lock.name} is editing this cell` });
            return;
          }
          editingFrom.current = { cell, value: event.data?.kind === 'row' ? (event.data.row.cells[event.column.getColId()] ?? null) : null };
          latest.current.presence.lock(cell);
        }}
        onCellEditingStopped={(event) => {
          const cell = cellOf(event.data, event.column.getColId());
          if (cell) latest.current.presence.unlock(cell);
          event.api.refreshCells({ force: true });
        }}
        onCellContextMenu={(event: CellContextMenuEvent<GridRowData>) => {
          const data = event.data;
          const mouse = event.event as MouseEvent | null;
          if (data?.kind !== 'row' || !mouse) return;
          latest.current.onContextMenu({ organizationId: data.id, field: event.column.getColId(), name: String(data.row.cells.name ?? '') }, mouse.clientX, mouse.clientY);
        }}
        onSortChanged={(event) => {
          if (event.source !== 'uiColumnSorted') return;
          const sort = event.api
            .getColumnState()
            .filter((c) => c.sort)
            .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
            .map((c) => ({ field: c.colId, direction: c.sort as 'asc' | 'desc' }));
          setPartial({ sort });
        }}
        onColumnMoved={(event) => event.finished && persistColumns()}
        onColumnResized={(event) => event.finished && event.source === 'uiColumnResized' && persistColumns()}
        onColumnVisible={() => persistColumns()}
      />
    </div>
  );
}
