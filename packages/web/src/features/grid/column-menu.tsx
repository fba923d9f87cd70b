import type { GridColumnView, ViewState } from '@lpdesk/contracts';
import { Button, Checkbox, Menu, ScrollArea, Stack } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';

/** Show or hide columns; the choice lives in the view state (`columns[].hidden`). */
export function ColumnMenu({ columns, state, setPartial }: { columns: GridColumnView[]; state: ViewState; setPartial: (patch: Partial<ViewState>) => void }) {
  const hidden = new Set(state.columns.filter((c) => c.hidden).map((c) => c.field));
  const toggle = (field: string) => {
    const known = new Map(state.columns.map((c) => [c.field, c]));
    const next = columns.map((column) => {
      const saved = known.get(column.field) ?? { field: column.field };
      if (column.field !== field) return saved;
      const { hidden: _was, ...rest } = saved;
      return hidden.has(field) ? rest : { ...rest, hidden: true };
    });
    // Keep the saved order: fields already known first in their order, new ones after.
    const order = new Map(state.columns.map((c, i) => [c.field, i]));
    next.sort((a, b) => (order.get(a.field) ?? 1e9) - (order.get(b.field) ?? 1e9));
    setPartial({ columns: next });
  };
  return (
    <Menu closeOnItemClick={false} position="bottom-end" width={240}>
      <Menu.Target>
        <Button size="xs" variant="default" leftSection={<IconColumns size={14} />} data-testid="grid-columns">
          Columns
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Show columns</Menu.Label>
        <ScrollArea.Autosize mah={380}>
          <Stack gap={6} p={8}>
            {columns
              .filter((c) => c.field !== 'name')
              .map((column) => (
                <Checkbox key={column.field} size="xs" label={column.label} checked={!hidden.has(column.field)} onChange={() => toggle(column.field)} />
              ))}
          </Stack>
        </ScrollArea.Autosize>
      </Menu.Dropdown>
    </Menu>
  );
}
