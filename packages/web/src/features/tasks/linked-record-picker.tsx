import { Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { RemoteSelect } from '../records/pickers';

export type LinkedRecord = { entityType: 'organization' | 'contact'; id: string; name: string };

/** Which investor a task is about: an organization or a person, searched by name. */
export function LinkedRecordPicker({
  value,
  kind,
  onKindChange,
  onChange,
  error,
}: {
  value: LinkedRecord | null;
  kind: 'organization' | 'contact';
  onKindChange: (kind: 'organization' | 'contact') => void;
  onChange: (value: LinkedRecord | null) => void;
  error?: string | undefined;
}) {
  return (
    <Stack gap={4}>
      <Group justify="space-between" align="flex-end">
        <Text size="sm" fw={500}>
          Investor
        </Text>
        <SegmentedControl
          size="xs"
          value={kind}
          onChange={(k) => {
            onKindChange(k as 'organization' | 'contact');
            onChange(null);
          }}
          data={[
            { value: 'organization', label: 'Organization' },
            { value: 'contact', label: 'Person' },
          ]}
          data-testid="task-link-kind"
        />
      </Group>
      <RemoteSelect
        collection={kind === 'organization' ? 'organizations' : 'contacts'}
        label=""
        placeholder={kind === 'organization' ? 'Search organizations… (optional)' : 'Search people… (optional)'}
        value={value ? { value: value.id, label: value.name } : null}
        onChange={(option) => onChange(option ? { entityType: kind, id: option.value, name: option.label } : null)}
        error={error}
        testId="task-link"
      />
    </Stack>
  );
}
