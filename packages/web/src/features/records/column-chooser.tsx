import type { ViewColumn } from '@lpdesk/contracts';
import { ActionIcon, Button, Checkbox, Group, Menu, Stack } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconColumns } from '@tabler/icons-react';
import type { GridColumn } from './record-grid';

/** Columns in the chosen order: named ones first as ordered, the rest (new custom fields) in their default place after. */
function inOrder<T>(columns: GridColumn<T>[], order: string[]): GridColumn<T>[] {
  if (order.length === 0) return columns;
  const rank = new Map(order.map((id, index) => [id, index]));
  return [...columns].sort((a, b) => (rank.get(a.id) ?? order.length + columns.indexOf(a)) - (rank.get(b.id) ?? order.length + columns.indexOf(b)));
}

/** Visible column ids and their order per list, remembered in this browser; a saved view may set both. */
export function useVisibleColumns<T>(storageKey: string, columns: GridColumn<T>[]) {
  const defaults = columns.filter((c) => !c.hiddenByDefault).map((c) => c.id);
  const [hidden, setHidden] = useLocalStorage<string[]>({
    key: `lpdesk.columns.${storageKey}`,
    defaultValue: columns.filter((c) => c.hiddenByDefault).map((c) => c.id),
  });
  const [order, setOrder] = useLocalStorage<string[]>({ key: `lpdesk.columnOrder.${storageKey}`, defaultValue: [] });
  const ordered = inOrder(columns, order);
  const visible = ordered.filter((c) => !hidden.includes(c.id));
  const toggle = (id: string) => setHidden((current) => (current.includes(id) ? current.filter((h) => h !== id) : [...current, id]));
  const move = (id: string, by: -1 | 1) => {
    const ids = ordered.map((c) => c.id);
    const from = ids.indexOf(id);
    const to = from + by;
    if (from < 0 || to < 0 || to >= ids.length) return;
    [ids[from], ids[to]] = [ids[to] as string, ids[from] as string];
    setOrder(ids);
  };
  /** The columns as a saved view keeps them: every column, in order, hidden ones marked. */
  const viewColumns: ViewColumn[] = ordered.map((c) => (hidden.includes(c.id) ? { field: c.id, hidden: true } : { field: c.id }));
  /** Apply a view's columns; columns it does not name keep their place and visibility. */
  const applyViewColumns = (viewed: ViewColumn[]) => {
    if (viewed.length === 0) return;
    const named = new Set(viewed.map((c) => c.field));
    setOrder(viewed.map((c) => c.field));
    setHidden((current) => [...current.filter((id) => !named.has(id)), ...viewed.filter((c) => c.hidden).map((c) => c.field)]);
  };
  return { visible: visible.length > 0 ? visible : ordered.filter((c) => defaults.includes(c.id)), ordered, hidden, order, toggle, move, viewColumns, applyViewColumns };
}

export function ColumnChooser<T>({
  columns,
  hidden,
  onToggle,
  onMove,
}: {
  columns: GridColumn<T>[];
  hidden: string[];
  onToggle: (id: string) => void;
  onMove?: (id: string, by: -1 | 1) => void;
}) {
  return (
    <Menu closeOnItemClick={false} position="bottom-end" width={onMove ? 260 : 220}>
      <Menu.Target>
        <Button variant="default" leftSection={<IconColumns size={16} />} data-testid="column-chooser">
          Columns
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{onMove ? 'Show and order columns' : 'Show columns'}</Menu.Label>
        <Stack gap={6} p={8} mah={360} style={{ overflowY: 'auto' }}>
          {columns.map((column, index) => (
            <Group key={column.id} gap={4} wrap="nowrap" justify="space-between">
              <Checkbox size="xs" label={column.label} checked={!hidden.includes(column.id)} onChange={() => onToggle(column.id)} />
              {onMove && (
                <Group gap={0} wrap="nowrap">
                  <ActionIcon size="xs" variant="subtle" color="gray" disabled={index === 0} aria-label={`Move ${column.label} up`} onClick={() => onMove(column.id, -1)}>
                    <IconArrowUp size={12} />
                  </ActionIcon>
                  <ActionIcon size="xs" variant="subtle" color="gray" disabled={index === columns.length - 1} aria-label={`Move ${column.label} down`} onClick={() => onMove(column.id, 1)}>
                    <IconArrowDown size={12} />
                  </ActionIcon>
                </Group>
              )}
            </Group>
          ))}
        </Stack>
      </Menu.Dropdown>
    </Menu>
  );
}
