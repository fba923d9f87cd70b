import { Badge, Button, Card, Code, Collapse, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { api } from '../../api/client';
import type { ActivityEntry, ListEnvelope } from '../../api/types';
import { formatDateTime } from '../../ui/format';
import { ListSkeleton, SectionTitle } from '../../ui/layout';
import { useUserOptions } from '../records/pickers';

const ENTITY_TYPES = ['organization', 'contact', 'fund', 'commitment', 'communication', 'task', 'tag', 'custom_field', 'user', 'api_key', 'session'];

export function ActivitySettings() {
  const users = useUserOptions();
  const [actorId, setActorId] = useState<string | null>(null);
  const [entityType, setEntityType] = useState<string | null>(null);
  const [action, setAction] = useState('');
  // Entries carried over from the legacy tool's audit log (lpdesk import legacy) keep their old dates.
  const [historical, setHistorical] = useState<string | null>(null);
  const [debouncedAction] = useDebouncedValue(action.trim(), 300);
  const [limit, setLimit] = useState(50);
  const [open, setOpen] = useState<string | null>(null);
  const params = { actorId: actorId ?? undefined, entityType: entityType ?? undefined, action: debouncedAction || undefined, historical: historical ?? undefined, limit };
  const log = useQuery({
    queryKey: ['activity', params],
    queryFn: ({ signal }) => api.get<ListEnvelope<ActivityEntry>>('/api/activity', params, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <Card>
      <SectionTitle>Activity log</SectionTitle>
      <Group mb="md" gap="xs">
        <Select w={170} placeholder="Any actor" aria-label="Actor" clearable data={users} value={actorId} onChange={setActorId} />
        <Select w={170} placeholder="Any entity" aria-label="Entity" clearable data={ENTITY_TYPES} value={entityType} onChange={setEntityType} />
        <TextInput w={200} placeholder="Action, e.g. contact.update" aria-label="Action" value={action} onChange={(e) => setAction(e.currentTarget.value)} />
        <Select
          w={170}
          placeholder="Any source"
          aria-label="Source"
          data-testid="activity-source"
          clearable
          data={[
            { value: 'false', label: 'LP Desk' },
            { value: 'true', label: 'Legacy history' },
          ]}
          value={historical}
          onChange={setHistorical}
        />
      </Group>
      {log.isPending ? (
        <ListSkeleton rows={6} />
      ) : (
        <Stack gap="sm">
          <Table verticalSpacing="xs" highlightOnHover data-testid="activity-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>What happened</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Door</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(log.data?.data ?? []).map((entry) => {
                const rows = entry.changes;
                return (
                  <Fragment key={entry.id}>
                    <Table.Tr onClick={() => setOpen(open === entry.id ? null : entry.id)} style={{ cursor: rows.length ? 'pointer' : 'default' }}>
                      <Table.Td>
                        <Text size="xs">{formatDateTime(entry.at)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{entry.actorName ?? entry.actorKind}</Text>
                      </Table.Td>
                      <Table.Td data-testid="activity-summary">
                        <Text size="sm">{entry.summary}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Code>
                          {entry.entityType}.{entry.action}
                        </Code>
                      </Table.Td>
                      <Table.Td>
                        <Badge size="xs" variant="default">
                          {entry.door}
                        </Badge>
                        {entry.historical && (
                          <Badge size="xs" variant="light" color="gray" ml={4} title="Carried over from the legacy tool's audit log">
                            legacy
                          </Badge>
                        )}
                        {rows.length > 0 && (
                          <Text span size="xs" c="dimmed" ml={6}>
                            {rows.length} field{rows.length === 1 ? '' : 's'}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                    {rows.length > 0 && (
                      <Table.Tr style={{ borderBottom: open === entry.id ? undefined : 'none' }}>
                        <Table.Td colSpan={5} p={0}>
                          <Collapse expanded={open === entry.id}>
                            <Table m="xs" withTableBorder fz="xs">
                              <Table.Tbody>
                                {rows.map((r) => (
                                  <Table.Tr key={r.field}>
                                    <Table.Td w={180} fw={600}>
                                      {r.label}
                                    </Table.Td>
                                    <Table.Td c="red.7" style={{ wordBreak: 'break-word' }}>
                                      {r.before ?? '—'}
                                    </Table.Td>
                                    <Table.Td c="teal.7" style={{ wordBreak: 'break-word' }}>
                                      {r.after ?? '—'}
                                    </Table.Td>
                                  </Table.Tr>
                                ))}
                              </Table.Tbody>
                            </Table>
                          </Collapse>
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
          {log.data && log.data.total > log.data.data.length && (
            <Button variant="default" onClick={() => setLimit((l) => Math.min(l + 100, 500))}>
              Show more ({log.data.total - log.data.data.length} older)
            </Button>
          )}
        </Stack>
      )}
    </Card>
  );
}
