import { Box, Group, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type CSSProperties, memo, type ReactNode, useCallback, useEffect, useRef } from 'react';

export interface GridColumn<T> {
  id: string;
  label: string;
  /** CSS grid track, e.g. '2fr' or '140px'. */
  width: string;
  render: (row: T) => ReactNode;
  /** Value for CSV export. */
  csv: (row: T) => unknown;
  /** API sort field; absent means the column cannot be sorted. */
  sortKey?: string;
  hiddenByDefault?: boolean;
  align?: 'left' | 'right';
}

interface RecordGridProps<T extends { id: string }> {
  rows: T[];
  total: number;
  columns: GridColumn<T>[];
  sort: string | null;
  onSort: (sort: string | null) => void;
  selected: Set<string>;
  onSelectedChange: (ids: Set<string>) => void;
  onOpen: (row: T) => void;
  onNeedMore: () => void;
  height: string;
  label: string;
}

const ROW_HEIGHT = 44;
/** Rows rendered beyond the visible ones: enough for a flick of the wheel, few enough to paint fast. */
const OVERSCAN = 6;

/**
 * Row checkboxes are native inputs, not Mantine's Checkbox: a screen of rows holds dozens of them,
 * and each Mantine one costs a styles resolution per render (a third of the list's first paint at
 * 25,000 contacts). `accent-color` gives them the theme's colour in both schemes.
 */
const CHECKBOX_STYLE: CSSProperties = { width: 16, height: 16, margin: 0, cursor: 'pointer', accentColor: 'var(--mantine-primary-color-filled)', verticalAlign: 'middle' };
const CHECK_CELL_STYLE: CSSProperties = { padding: '0 var(--mantine-spacing-sm)', display: 'flex', alignItems: 'center' };

function HeaderCheckbox({ checked, indeterminate, onChange }: { checked: boolean; indeterminate: boolean; onChange: () => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return <input ref={ref} type="checkbox" aria-label="Select all loaded rows" checked={checked} onChange={onChange} style={CHECKBOX_STYLE} />;
}

interface GridRowProps<T> {
  row: T;
  columns: GridColumn<T>[];
  template: string;
  start: number;
  selected: boolean;
  onToggle: (id: string) => void;
  onOpen: (row: T) => void;
}

const stopClick = (event: { stopPropagation: () => void }) => event.stopPropagation();

/**
 * One row, re-rendered only when its record, its selection or the columns change: a filter menu's
 * data arriving or a keystroke in the search box does not repaint every row. Plain elements rather
 * than Mantine's Box, for the same reason as the checkboxes.
 */
function GridRowView<T extends { id: string }>({ row, columns, template, start, selected, onToggle, onOpen }: GridRowProps<T>) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: rows of a virtualized div grid are positioned absolutely, which <tr> cannot be
    <div
      role="row"
      className="lp-row"
      data-selected={selected}
      data-testid="grid-row"
      tabIndex={0}
      onClick={() => onOpen(row)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && event.target === event.currentTarget) onOpen(row);
      }}
      style={{
        position: 'absolute',
        top: 0,
        left: 0,
        right: 0,
        height: ROW_HEIGHT,
        transform: `translateY(${start}px)`,
        display: 'grid',
        gridTemplateColumns: template,
        alignItems: 'center',
        cursor: 'pointer',
      }}
    >
      {/* biome-ignore lint/a11y/useSemanticElements: cells of the div grid, as above */}
      <div role="cell" onClick={stopClick} onKeyDown={stopClick} style={CHECK_CELL_STYLE}>
        <input type="checkbox" aria-label="Select row" checked={selected} onChange={() => onToggle(row.id)} style={CHECKBOX_STYLE} />
      </div>
      {columns.map((column) => (
        // biome-ignore lint/a11y/useSemanticElements: cells of the div grid, as above
        <div
          key={column.id}
          role="cell"
          style={{ padding: '0 var(--mantine-spacing-sm)', minWidth: 0, overflow: 'hidden', textAlign: column.align ?? 'left' }}
        >
          {column.render(row)}
        </div>
      ))}
    </div>
  );
}
const GridRow = memo(GridRowView) as typeof GridRowView;

/** The latest value of a callback behind a stable function, so memoized rows do not re-render when a parent passes a new arrow. */
function useStableCallback<A extends unknown[]>(callback: (...args: A) => void): (...args: A) => void {
  const ref = useRef(callback);
  ref.current = callback;
  return useCallback((...args: A) => ref.current(...args), []);
}

/** A div grid rather than <table>: only visible rows exist in the DOM, so 5,000 rows scroll smoothly. */
export function RecordGrid<T extends { id: string }>(props: RecordGridProps<T>) {
  const { rows, columns, selected } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: OVERSCAN });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1]?.index ?? 0;
  const { onNeedMore } = props;
  useEffect(() => {
    if (rows.length > 0 && last >= rows.length - 40) onNeedMore();
  }, [last, rows.length, onNeedMore]);

  const template = `44px ${columns.map((c) => c.width).join(' ')}`;
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggleAll = () => props.onSelectedChange(allSelected ? new Set() : new Set(rows.map((r) => r.id)));
  const toggle = useStableCallback((id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    props.onSelectedChange(next);
  });
  const open = useStableCallback((row: T) => props.onOpen(row));
  const minWidth = columns.reduce((sum, c) => sum + (c.width.endsWith('px') ? Number.parseInt(c.width, 10) : 160), 44);

  return (
    <Box
      ref={scrollRef}
      style={{ height: props.height, overflow: 'auto', border: '1px solid var(--lp-border)', borderRadius: 12, background: 'var(--mantine-color-body)' }}
    >
      <Box role="table" aria-label={props.label} aria-rowcount={props.total} style={{ minWidth }}>
        <Box role="row" className="lp-grid-header" style={{ display: 'grid', gridTemplateColumns: template, alignItems: 'center', height: 38 }}>
          <Box px="sm" role="columnheader" style={{ display: 'flex', alignItems: 'center' }}>
            <HeaderCheckbox checked={allSelected} indeterminate={!allSelected && selected.size > 0} onChange={toggleAll} />
          </Box>
          {columns.map((column) => (
            <HeaderCell key={column.id} column={column} sort={props.sort} onSort={props.onSort} />
          ))}
        </Box>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index] as T;
            return (
              <GridRow key={row.id} row={row} columns={columns} template={template} start={item.start} selected={selected.has(row.id)} onToggle={toggle} onOpen={open} />
            );
          })}
        </div>
      </Box>
    </Box>
  );
}

function HeaderCell<T>({ column, sort, onSort }: { column: GridColumn<T>; sort: string | null; onSort: (sort: string | null) => void }) {
  const label = (
    <Text size="xs" fw={600} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.04em' }} truncate>
      {column.label}
    </Text>
  );
  if (!column.sortKey) {
    return (
      <Box role="columnheader" px="sm" style={{ textAlign: column.align ?? 'left' }}>
        {label}
      </Box>
    );
  }
  const key = column.sortKey;
  const state = sort === key ? 'asc' : sort === `-${key}` ? 'desc' : null;
  const next = state === null ? key : state === 'asc' ? `-${key}` : null;
  const Icon = state === 'asc' ? IconArrowUp : state === 'desc' ? IconArrowDown : IconSelector;
  return (
    <Box role="columnheader" px="sm" aria-sort={state === 'asc' ? 'ascending' : state === 'desc' ? 'descending' : 'none'}>
      <UnstyledButton onClick={() => onSort(next)} data-testid={`sort-${column.id}`}>
        <Group gap={4} wrap="nowrap">
          {label}
          <Icon size={12} style={{ opacity: state ? 1 : 0.4 }} />
        </Group>
      </UnstyledButton>
    </Box>
  );
}
