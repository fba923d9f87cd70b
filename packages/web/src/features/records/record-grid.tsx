import { Box, Checkbox, Group, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useEffect, useRef } from 'react';

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

/** A div grid rather than <table>: only visible rows exist in the DOM, so 5,000 rows scroll smoothly. */
export function RecordGrid<T extends { id: string }>(props: RecordGridProps<T>) {
  const { rows, columns, selected } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1]?.index ?? 0;
  const { onNeedMore } = props;
  useEffect(() => {
    if (rows.length > 0 && last >= rows.length - 40) onNeedMore();
  }, [last, rows.length, onNeedMore]);

  const template = `44px ${columns.map((c) => c.width).join(' ')}`;
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggleAll = () => props.onSelectedChange(allSelected ? new Set() : new Set(rows.map((r) => r.id)));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    props.onSelectedChange(next);
  };
  const minWidth = columns.reduce((sum, c) => sum + (c.width.endsWith('px') ? Number.parseInt(c.width, 10) : 160), 44);

  return (
    <Box
      ref={scrollRef}
      style={{ height: props.height, overflow: 'auto', border: '1px solid var(--lp-border)', borderRadius: 12, background: 'var(--mantine-color-body)' }}
    >
      <Box role="table" aria-label={props.label} aria-rowcount={props.total} style={{ minWidth }}>
        <Box role="row" className="lp-grid-header" style={{ display: 'grid', gridTemplateColumns: template, alignItems: 'center', height: 38 }}>
          <Box px="sm" role="columnheader">
            <Checkbox
              size="xs"
              aria-label="Select all loaded rows"
              checked={allSelected}
              indeterminate={!allSelected && selected.size > 0}
              onChange={toggleAll}
            />
          </Box>
          {columns.map((column) => (
            <HeaderCell key={column.id} column={column} sort={props.sort} onSort={props.onSort} />
          ))}
        </Box>
        <Box style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index] as T;
            return (
              <Box
                key={row.id}
                role="row"
                className="lp-row"
                data-selected={selected.has(row.id)}
                data-testid="grid-row"
                onClick={() => props.onOpen(row)}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                  display: 'grid',
                  gridTemplateColumns: template,
                  alignItems: 'center',
                  cursor: 'pointer',
                }}
              >
                <Box px="sm" role="cell" onClick={(e) => e.stopPropagation()}>
                  <Checkbox size="xs" aria-label="Select row" checked={selected.has(row.id)} onChange={() => toggle(row.id)} />
                </Box>
                {columns.map((column) => (
                  <Box key={column.id} role="cell" px="sm" style={{ minWidth: 0, overflow: 'hidden', textAlign: column.align ?? 'left' }}>
                    {column.render(row)}
                  </Box>
                ))}
              </Box>
            );
          })}
        </Box>
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
