import { Box, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useIntersection } from '@mantine/hooks';
import { type ComponentProps, useEffect } from 'react';
import { useCompactLayout } from '../../ui/responsive';
import { type GridColumn, RecordGrid } from './record-grid';

type GridProps<T extends { id: string }> = ComponentProps<typeof RecordGrid<T>>;

/** How many columns after the first (the record's name) a card shows: the key fields, not the whole row. */
const CARD_FIELDS = 4;

/**
 * The record grid on a wide screen, a list of cards on a phone: the same rows, columns, selection,
 * sort and "load more" either way, so the list screen needs no second code path.
 */
export function RecordCollection<T extends { id: string }>(props: GridProps<T>) {
  const compact = useCompactLayout();
  return compact ? <RecordCards {...props} /> : <RecordGrid {...props} />;
}

/**
 * One card per record: the first column as its title, the next few visible columns as labelled
 * fields. The page scrolls (no inner scroll box on a phone); nearing the end loads the next page.
 */
export function RecordCards<T extends { id: string }>(props: GridProps<T>) {
  const { rows, columns, selected, onSelectedChange, onNeedMore } = props;
  const [title, ...rest] = columns;
  const fields = rest.slice(0, CARD_FIELDS);
  const { ref: endRef, entry } = useIntersection<HTMLDivElement>({ rootMargin: '600px' });
  const nearEnd = Boolean(entry?.isIntersecting);
  useEffect(() => {
    if (nearEnd && rows.length > 0) onNeedMore();
  }, [nearEnd, rows.length, onNeedMore]);

  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelectedChange(next);
  };

  return (
    <Stack gap="xs" role="list" aria-label={props.label} data-testid="record-cards">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Checkbox
          size="xs"
          label="Select all loaded"
          checked={allSelected}
          indeterminate={!allSelected && selected.size > 0}
          onChange={() => onSelectedChange(allSelected ? new Set() : new Set(rows.map((r) => r.id)))}
        />
        <SortSelect columns={columns} sort={props.sort} onSort={props.onSort} />
      </Group>
      {rows.map((row) => (
        <Paper
          key={row.id}
          role="listitem"
          withBorder
          radius="md"
          p="sm"
          className="lp-record-card"
          data-selected={selected.has(row.id)}
          data-testid="record-card"
          onClick={() => props.onOpen(row)}
        >
          <Group gap="xs" wrap="nowrap" align="center" mb={fields.length > 0 ? 6 : 0}>
            <Box onClick={(e) => e.stopPropagation()} style={{ display: 'flex' }}>
              <Checkbox size="xs" aria-label="Select record" checked={selected.has(row.id)} onChange={() => toggle(row.id)} />
            </Box>
            <Box style={{ flex: 1, minWidth: 0 }}>{title?.render(row)}</Box>
          </Group>
          <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
            {fields.map((column) => (
              <Box key={column.id} style={{ minWidth: 0, overflow: 'hidden' }}>
                <Text size="xs" c="dimmed" truncate>
                  {column.label}
                </Text>
                {column.render(row)}
              </Box>
            ))}
          </SimpleGrid>
        </Paper>
      ))}
      <div ref={endRef} aria-hidden />
    </Stack>
  );
}

/** The grid sorts by its header cells; cards have none, so the sortable columns become a select. */
function SortSelect<T>({ columns, sort, onSort }: { columns: GridColumn<T>[]; sort: string | null; onSort: (sort: string | null) => void }) {
  const sortable = columns.filter((c): c is GridColumn<T> & { sortKey: string } => Boolean(c.sortKey));
  if (sortable.length === 0) return null;
  const options = [
    { value: '', label: 'Default order' },
    ...sortable.flatMap((c) => [
      { value: c.sortKey, label: `${c.label} ↑` },
      { value: `-${c.sortKey}`, label: `${c.label} ↓` },
    ]),
  ];
  return (
    <NativeSelect
      size="xs"
      aria-label="Sort by"
      data={options}
      value={sort ?? ''}
      onChange={(e) => onSort(e.currentTarget.value || null)}
      style={{ minWidth: 0, maxWidth: 170 }}
      data-testid="cards-sort"
    />
  );
}
