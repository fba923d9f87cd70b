import type { TrashEntityType, TrashEntry } from '@lpdesk/contracts';
import { Alert, Button, Card, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { type Collection, useRestore } from '../../api/hooks';
import type { ListEnvelope } from '../../api/types';
import { formatDateTime, formatRelative } from '../../ui/format';
import { Empty, ListSkeleton, SectionTitle } from '../../ui/layout';

/** Each tab: the entity type the trash lists, and the collection whose restore route brings it back. */
const TABS: { value: TrashEntityType; label: string; collection: Collection }[] = [
  { value: 'contact', label: 'Contacts', collection: 'contacts' },
  { value: 'organization', label: 'Organizations', collection: 'organizations' },
  { value: 'commitment', label: 'Commitments', collection: 'commitments' },
  { value: 'communication', label: 'Communications', collection: 'communications' },
  { value: 'task', label: 'Tasks', collection: 'tasks' },
  { value: 'tag', label: 'Tags', collection: 'tags' },
  { value: 'custom_field', label: 'Custom fields', collection: 'custom-fields' },
];

/** "Trashed 2 hours ago by Casey Partner" — when, and who, as the activity log recorded it. */
export function trashedLine(entry: Pick<TrashEntry, 'deletedAt' | 'deletedByName'>): string {
  return `Trashed ${formatRelative(entry.deletedAt)}${entry.deletedByName ? ` by ${entry.deletedByName}` : ''}`;
}

export function TrashSettings() {
  const [entityType, setEntityType] = useState<TrashEntityType>('contact');
  const tab = TABS.find((t) => t.value === entityType) ?? (TABS[0] as (typeof TABS)[number]);
  const params = { entityType, limit: 200 };
  // Under the collection's key, so trashing or restoring one of its records refreshes this list.
  const list = useQuery({
    queryKey: [tab.collection, 'trash', params],
    queryFn: ({ signal }) => api.get<ListEnvelope<TrashEntry>>('/api/trash', params, signal),
  });
  const restore = useRestore(tab.collection);
  const rows = list.data?.data ?? [];
  return (
    <Card>
      <SectionTitle>Trash</SectionTitle>
      <Text size="sm" c="dimmed" mb="md">
        Nothing is deleted for good from here. Restore brings a record back with its history and links.
      </Text>
      <SegmentedControl mb="md" value={entityType} onChange={(v) => setEntityType(v as TrashEntityType)} data={TABS} data-testid="trash-collection" />
      {list.isError ? (
        <Alert color="red">{errorMessage(list.error)}</Alert>
      ) : list.isPending ? (
        <ListSkeleton rows={4} />
      ) : rows.length === 0 ? (
        <Empty icon={<IconTrash size={20} />} title={`No ${tab.label.toLowerCase()} in the trash`} />
      ) : (
        <Table verticalSpacing="sm" data-testid="trash-table">
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.id} data-testid="trash-row">
                <Table.Td>
                  <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                    {row.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed" title={formatDateTime(row.deletedAt)} data-testid="trash-who">
                    {trashedLine(row)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Group justify="flex-end">
                    <Button
                      size="xs"
                      variant="light"
                      loading={restore.isPending && restore.variables === row.id}
                      onClick={() =>
                        restore.mutate(row.id, {
                          onSuccess: () => notifications.show({ message: `${row.name} restored`, color: 'teal' }),
                          onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
                        })
                      }
                      data-testid="restore-row"
                    >
                      Restore
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
