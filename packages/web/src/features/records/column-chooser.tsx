import { Button, Checkbox, Menu, Stack } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { IconColumns } from '@tabler/icons-react';
import type { GridColumn } from './record-grid';

/** Visible column ids per list, remembered in this browser. */
export function useVisibleColumns<T>(storageKey: string, columns: GridColumn<T>[]) {
  const defaults = columns.filter((c) => !c.hiddenByDefault).map((c) => c.id);
  const [hidden, setHidden] = useLocalStorage<string[]>({
    key: `lpdesk.columns.${storageKey}`,
    defaultValue: columns.filter((c) => c.hiddenByDefault).map((c) => c.id),
  });
  const visible = columns.filter((c) => !hidden.includes(c.id));
  const toggle = (id: string) => setHidden((current) => (current.includes(id) ? current.filter((h) => h !== id) : [...current, id]));
  return { visible: visible.length > 0 ? visible : columns.filter((c) => defaults.includes(c.id)), hidden, toggle };
}

export function ColumnChooser<T>({ columns, hidden, onToggle }: { columns: GridColumn<T>[]; hidden: string[]; onToggle: (id: string) => void }) {
  return (
    <Menu closeOnItemClick={false} position="bottom-end" width={220}>
      <Menu.Target>
        <Button variant="default" leftSection={<IconColumns size={16} />} data-testid="column-chooser">
          Columns
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Show columns</Menu.Label>
        <Stack gap={6} p={8} mah={360} style={{ overflowY: 'auto' }}>
          {columns.map((column) => (
            <Checkbox key={column.id} size="xs" label={column.label} checked={!hidden.includes(column.id)} onChange={() => onToggle(column.id)} />
          ))}
        </Stack>
      </Menu.Dropdown>
    </Menu>
  );
}
