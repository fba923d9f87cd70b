import type { CustomFieldType } from '@lpdesk/contracts';
import { Button, Popover, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';

const TYPES: { value: CustomFieldType; label: string }[] = [
  { value: 'text', label: 'Text' },
  { value: 'long_text', label: 'Long text' },
  { value: 'number', label: 'Number' },
  { value: 'money', label: 'Money' },
  { value: 'date', label: 'Date' },
  { value: 'boolean', label: 'Checkbox' },
  { value: 'select', label: 'Single select' },
  { value: 'multi_select', label: 'Multi select' },
  { value: 'url', label: 'URL' },
  { value: 'email', label: 'Email' },
];

/** A custom field key from its label: "LP Tier (2026)" → lp_tier_2026. */
export function keyFromLabel(label: string): string {
  const slug = label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 50);
  return /^[a-z]/.test(slug) ? slug : `f_${slug}`.slice(0, 50);
}

/** "+ Column": creates an organization custom field, which the grid then shows as a column. */
export function AddColumnButton({ onCreated }: { onCreated: () => void }) {
  const [opened, setOpened] = useState(false);
  const [label, setLabel] = useState('');
  const [type, setType] = useState<CustomFieldType>('text');
  const [options, setOptions] = useState('');
  const [busy, setBusy] = useState(false);
  const needsOptions = type === 'select' || type === 'multi_select';
  const submit = async () => {
    if (!label.trim()) return;
    setBusy(true);
    try {
      const opts = needsOptions ? [...new Set(options.split(',').map((o) => o.trim()).filter(Boolean))] : [];
      await api.post('/api/custom-fields', { entityType: 'organization', key: keyFromLabel(label), label: label.trim(), type, options: opts });
      notifications.show({ color: 'teal', message: `Column "${label.trim()}" added` });
      setOpened(false);
      setLabel('');
      setOptions('');
      onCreated();
    } catch (error) {
      notifications.show({ color: 'red', title: 'Column not added', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={260} trapFocus>
      <Popover.Target>
        <Button size="xs" variant="default" leftSection={<IconPlus size={14} />} onClick={() => setOpened((o) => !o)} data-testid="grid-add-column">
          Column
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <Stack gap="xs">
            <TextInput size="xs" label="Label" value={label} onChange={(e) => setLabel(e.currentTarget.value)} data-autofocus data-testid="grid-add-column-label" />
            <Select size="xs" label="Type" data={TYPES} value={type} onChange={(v) => v && setType(v as CustomFieldType)} allowDeselect={false} comboboxProps={{ withinPortal: false }} />
            {needsOptions && <TextInput size="xs" label="Options (comma separated)" value={options} onChange={(e) => setOptions(e.currentTarget.value)} />}
            <Button size="xs" type="submit" loading={busy} disabled={!label.trim() || (needsOptions && !options.trim())}>
              Add column
            </Button>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
