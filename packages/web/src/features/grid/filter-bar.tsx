import type { FilterCondition, FilterGroup, FilterOperator, GridColumnView } from '@lpdesk/contracts';
import { ActionIcon, Button, Group, SegmentedControl, Select, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { parseMoney } from './money';

const OPS: { value: FilterOperator; label: string }[] = [
  { value: 'eq', label: 'is' },
  { value: 'neq', label: 'is not' },
  { value: 'contains', label: 'contains' },
  { value: 'not_contains', label: 'does not contain' },
  { value: 'gt', label: '>' },
  { value: 'gte', label: '≥' },
  { value: 'lt', label: '<' },
  { value: 'lte', label: '≤' },
  { value: 'is_empty', label: 'is empty' },
  { value: 'is_not_empty', label: 'is not empty' },
];

/** The typed text as the filter value the server and `matchesFilter` compare with. */
export function filterValue(column: GridColumnView | undefined, text: string): FilterCondition['value'] {
  if (!column) return text;
  if (column.type === 'money') return parseMoney(text) ?? text;
  if (column.type === 'number') return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
  if (column.type === 'boolean') return /^(true|yes|1)$/i.test(text.trim());
  if (column.type === 'select' || column.type === 'stage' || column.type === 'user') {
    return column.options?.find((o) => o.label.toLocaleLowerCase() === text.trim().toLocaleLowerCase())?.value ?? text;
  }
  return text;
}

/** What the value input shows back for a stored value. */
function valueText(column: GridColumnView | undefined, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (column?.type === 'money' && typeof value === 'number') return String(value / 100);
  const label = column?.options?.find((o) => o.value === value)?.label;
  return label ?? String(value);
}

/** Field, operator, value rows building the view's FilterGroup; the grid applies it as you type. */
export function FilterBar({ columns, value, onChange }: { columns: GridColumnView[]; value: FilterGroup | undefined; onChange: (next: FilterGroup | undefined) => void }) {
  const group: FilterGroup = value ?? { match: 'all', conditions: [] };
  const byField = new Map(columns.map((c) => [c.field, c]));
  const fieldOptions = columns.filter((c) => c.type !== 'contacts').map((c) => ({ value: c.field, label: c.label }));
  const set = (conditions: FilterCondition[], match = group.match) => onChange(conditions.length ? { match, conditions } : undefined);
  const update = (index: number, patch: Partial<FilterCondition>) => set(group.conditions.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  return (
    <Group gap="xs" data-testid="grid-filter-bar" wrap="wrap">
      {group.conditions.length > 1 && (
        <SegmentedControl size="xs" data={[{ value: 'all', label: 'All' }, { value: 'any', label: 'Any' }]} value={group.match} onChange={(m) => set(group.conditions, m as 'all' | 'any')} />
      )}
      {group.conditions.map((condition, index) => {
        const column = byField.get(condition.field);
        const needsValue = condition.op !== 'is_empty' && condition.op !== 'is_not_empty';
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no id; order is their identity
          <Group key={index} gap={4} wrap="nowrap" data-testid="grid-filter-row">
            <Select size="xs" w={170} data={fieldOptions} value={condition.field} searchable aria-label="Filter field" onChange={(field) => field && update(index, { field, value: '' })} />
            <Select size="xs" w={130} data={OPS} value={condition.op} aria-label="Filter operator" onChange={(op) => op && update(index, { op: op as FilterOperator })} />
            {needsValue &&
              (column?.type === 'stage' || column?.type === 'select' || column?.type === 'user' ? (
                <Select size="xs" w={150} data={column.options ?? []} value={typeof condition.value === 'string' ? condition.value : null} aria-label="Filter value" searchable onChange={(v) => update(index, { value: v ?? '' })} />
              ) : (
                <TextInput
                  size="xs"
                  w={150}
                  aria-label="Filter value"
                  placeholder={column?.type === 'money' ? 'e.g. 1M' : 'value'}
                  defaultValue={valueText(column, condition.value)}
                  onChange={(event) => update(index, { value: filterValue(column, event.currentTarget.value) })}
                />
              ))}
            <ActionIcon variant="subtle" color="gray" aria-label="Remove filter" onClick={() => set(group.conditions.filter((_, i) => i !== index))}>
              <IconX size={14} />
            </ActionIcon>
          </Group>
        );
      })}
      <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} data-testid="grid-add-filter" onClick={() => set([...group.conditions, { field: 'name', op: 'contains', value: '' }])}>
        Add filter
      </Button>
    </Group>
  );
}
