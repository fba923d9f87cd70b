import { organizationKindLabel } from '@lpdesk/contracts';
import { Badge, Button, Group, Popover, Select, Stack, TextInput } from '@mantine/core';
import { IconFilter, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useCustomFields, useTags } from '../../api/hooks';
import type { EntityType } from '../../api/types';
import { humanize } from '../../ui/format';
import { STAGE_OPTIONS } from '../../ui/stages';
import { useUserOptions } from './pickers';

export interface FilterValues {
  ownerId: string | null;
  tagId: string | null;
  stage: string | null;
  kind: string | null;
  customField: string | null;
}

interface FilterBarProps {
  entityType: EntityType;
  values: FilterValues;
  onChange: (patch: Partial<FilterValues>) => void;
  kinds?: string[];
}

export function RecordFilters({ entityType, values, onChange, kinds }: FilterBarProps) {
  const users = useUserOptions();
  const tags = useTags();
  const active = Object.values(values).filter(Boolean).length;
  return (
    <Group gap="xs" wrap="wrap">
      {kinds && (
        <Select
          size="sm"
          w={170}
          placeholder="Any kind"
          aria-label="Kind"
          clearable
          data={kinds.map((k) => ({ value: k, label: organizationKindLabel(k) }))}
          value={values.kind}
          onChange={(kind) => onChange({ kind })}
        />
      )}
      <Select
        size="sm"
        w={150}
        placeholder="Any owner"
        aria-label="Owner"
        clearable
        data={users}
        value={values.ownerId}
        onChange={(ownerId) => onChange({ ownerId })}
      />
      <Select
        size="sm"
        w={150}
        placeholder="Any tag"
        aria-label="Tag"
        clearable
        searchable
        data={(tags.data?.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
        value={values.tagId}
        onChange={(tagId) => onChange({ tagId })}
      />
      <Select
        size="sm"
        w={160}
        placeholder="Any stage"
        aria-label="Stage"
        clearable
        data={STAGE_OPTIONS}
        value={values.stage}
        onChange={(stage) => onChange({ stage })}
      />
      <CustomFieldFilter entityType={entityType} value={values.customField} onChange={(customField) => onChange({ customField })} />
      {active > 0 && (
        <Button
          variant="subtle"
          color="gray"
          size="sm"
          leftSection={<IconX size={14} />}
          onClick={() => onChange({ ownerId: null, tagId: null, stage: null, kind: null, customField: null })}
        >
          Clear {active}
        </Button>
      )}
    </Group>
  );
}

function CustomFieldFilter({ entityType, value, onChange }: { entityType: EntityType; value: string | null; onChange: (value: string | null) => void }) {
  const { fields } = useCustomFields(entityType);
  const [opened, setOpened] = useState(false);
  const [key, setKey] = useState<string | null>(value?.split(':')[0] ?? null);
  const [text, setText] = useState(value?.split(':').slice(1).join(':') ?? '');
  if (fields.length === 0) return null;
  const definition = fields.find((f) => f.key === key);
  const label = value ? `${fields.find((f) => f.key === value.split(':')[0])?.label ?? 'Field'}: ${value.split(':').slice(1).join(':')}` : 'Custom field';
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" width={260} shadow="md">
      <Popover.Target>
        <Button
          variant={value ? 'light' : 'default'}
          size="sm"
          leftSection={<IconFilter size={14} />}
          onClick={() => setOpened((o) => !o)}
          rightSection={value ? <Badge size="xs">1</Badge> : null}
        >
          {label}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Select
            label="Field"
            data={fields.map((f) => ({ value: f.key, label: f.label }))}
            value={key}
            onChange={setKey}
            comboboxProps={{ withinPortal: false }}
          />
          {definition && (definition.type === 'select' || definition.type === 'multi_select' || definition.type === 'boolean') ? (
            <Select
              label="Value"
              data={definition.type === 'boolean' ? ['true', 'false'] : definition.options}
              value={text || null}
              onChange={(v) => setText(v ?? '')}
              comboboxProps={{ withinPortal: false }}
            />
          ) : (
            <TextInput label="Value" value={text} onChange={(e) => setText(e.currentTarget.value)} />
          )}
          <Group justify="space-between">
            <Button
              variant="subtle"
              size="xs"
              color="gray"
              onClick={() => {
                onChange(null);
                setOpened(false);
              }}
            >
              Clear
            </Button>
            <Button
              size="xs"
              disabled={!key || !text.trim()}
              onClick={() => {
                onChange(`${key}:${text.trim()}`);
                setOpened(false);
              }}
            >
              Apply
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
