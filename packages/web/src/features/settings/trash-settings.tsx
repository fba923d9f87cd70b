import { Button, Card, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { type Collection, useList, useRestore } from '../../api/hooks';
import { formatRelative } from '../../ui/format';
import { Empty, ListSkeleton, SectionTitle } from '../../ui/layout';

type TrashCollection = Extract<Collection, 'contacts' | 'organizations' | 'commitments' | 'communications' | 'tasks' | 'tags' | 'custom-fields' | 'funds'>;

interface Trashed {
  id: string;
  deletedAt: string | null;
  name?: string;
  fullName?: string;
  title?: string;
  subject?: string | null;
  label?: string;
  kind?: string;
  organization?: { name: string } | null;
  fund?: { name: string } | null;
}

function nameOf(row: Trashed): string {
  if (row.organization && row.fund) return `${row.organization.name} · ${row.fund.name}`;
  return row.fullName ?? row.name ?? row.title ?? row.subject ?? row.label ?? row.kind ?? row.id;
}

const OPTIONS: { value: TrashCollection; label: string }[] = [
  { value: 'contacts', label: 'Contacts' },
  { value: 'organizations', label: 'Organizations' },
  { value: 'commitments', label: 'Commitments' },
  { value: 'communications', label: 'Communications' },
  { value: 'tasks', label: 'Tasks' },
  { value: 'tags', label: 'Tags' },
  { value: 'custom-fields', label: 'Custom fields' },
];

export function TrashSettings() {
  const [collection, setCollection] = useState<TrashCollection>('contacts');
  const list = useList<Trashed>(collection, {
    deleted: 'only',
    limit: 200,
    sort: collection === 'contacts' || collection === 'organizations' ? '-updatedAt' : undefined,
  });
  const restore = useRestore(collection);
  return (
    <Card>
      <SectionTitle>Trash</SectionTitle>
      <Text size="sm" c="dimmed" mb="md">
        Nothing is deleted for good from here. Restore brings a record back with its history.
      </Text>
      <SegmentedControl mb="md" value={collection} onChange={(v) => setCollection(v as TrashCollection)} data={OPTIONS} data-testid="trash-collection" />
      {list.isPending ? (
        <ListSkeleton rows={4} />
      ) : (list.data?.data ?? []).length === 0 ? (
        <Empty icon={<IconTrash size={20} />} title="Trash is empty" />
      ) : (
        <Table verticalSpacing="sm" data-testid="trash-table">
          <Table.Tbody>
            {(list.data?.data ?? []).map((row) => (
              <Table.Tr key={row.id} data-testid="trash-row">
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {nameOf(row)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    trashed {formatRelative(row.deletedAt)}
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
                          onSuccess: () => notifications.show({ message: `${nameOf(row)} restored`, color: 'teal' }),
                          onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
                        })
                      }
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
