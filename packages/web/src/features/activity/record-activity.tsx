import { Button, Card, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Collection } from '../../api/hooks';
import type { ActivityEntry, ListEnvelope } from '../../api/types';
import { formatDateTime, formatRelative } from '../../ui/format';
import { SectionTitle } from '../../ui/layout';
import { useCurrentUser } from '../auth/session';

const PAGE = 8;
const ACTIVITY_ROLES: string[] = ['admin', 'manager'];

/**
 * The record's own history of changes, in sentences ("Casey changed Owner of Acme Capital from Jane to
 * Sam"). Keyed under the record's collection, so every save that refreshes the record refreshes this too.
 */
export function RecordActivityCard({ collection, entityId }: { collection: Collection; entityId: string }) {
  const [limit, setLimit] = useState(PAGE);
  // The activity log is for admins and managers (activity.read, docs/permissions.md).
  const allowed = ACTIVITY_ROLES.includes(useCurrentUser().role);
  const log = useQuery({
    enabled: allowed,
    retry: false,
    queryKey: [collection, 'activity', { entityId, limit }],
    queryFn: ({ signal }) => api.get<ListEnvelope<ActivityEntry>>('/api/activity', { entityId, limit }, signal),
    placeholderData: keepPreviousData,
  });
  const entries = log.data?.data ?? [];
  if (entries.length === 0) return null;
  return (
    <Card padding="lg" mt="md" data-testid="record-activity">
      <SectionTitle>Changes</SectionTitle>
      <Stack gap={8}>
        {entries.map((entry) => (
          <div key={entry.id}>
            <Text size="sm" data-testid="record-activity-entry">
              {entry.summary}
            </Text>
            <Text size="xs" c="dimmed" title={formatDateTime(entry.at)}>
              {formatRelative(entry.at)}
              {entry.historical ? ' · from the legacy audit log' : ''}
            </Text>
          </div>
        ))}
        {log.data && log.data.total > entries.length && (
          <Button size="xs" variant="subtle" onClick={() => setLimit((l) => l + PAGE * 4)}>
            Show older changes
          </Button>
        )}
      </Stack>
    </Card>
  );
}
