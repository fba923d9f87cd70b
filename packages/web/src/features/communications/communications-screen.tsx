import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconMessagePlus, IconMessages } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { Communication } from '../../api/types';
import { Empty, ListSkeleton, PageHeader } from '../../ui/layout';
import { RemoteSelect, UserSelect } from '../records/pickers';
import { useInfiniteRecords } from '../records/use-infinite-records';
import { useComposers } from '../shell/composers';
import { CommunicationItem } from './communication-item';
import { KIND_OPTIONS } from './communication-form-modal';
import { teamNow } from '../../ui/team-time';

type Option = { value: string; label: string };

function dayLabel(iso: string): string {
  const day = dayjs(iso).startOf('day');
  const today = dayjs(teamNow()).startOf('day');
  if (day.isSame(today)) return 'Today';
  if (day.isSame(today.subtract(1, 'day'))) return 'Yesterday';
  return day.year() === today.year() ? day.format('dddd, MMMM D') : day.format('MMMM D, YYYY');
}

/** Consecutive items grouped under the day they happened (the feed is already newest first). */
export function groupByDay(items: Communication[]): { day: string; items: Communication[] }[] {
  const groups: { day: string; items: Communication[] }[] = [];
  for (const item of items) {
    const day = dayLabel(item.occurredAt);
    const last = groups[groups.length - 1];
    if (last && last.day === day) last.items.push(item);
    else groups.push({ day, items: [item] });
  }
  return groups;
}

export function CommunicationsScreen() {
  const { logCommunication } = useComposers();
  const [kind, setKind] = useState<string | null>(null);
  const [contact, setContact] = useState<Option | null>(null);
  const [organization, setOrganization] = useState<Option | null>(null);
  const [authorId, setAuthorId] = useState<string | null>(null);
  const [range, setRange] = useState<[string | null, string | null]>([null, null]);
  const feed = useInfiniteRecords<Communication>('communications', {
    kind: kind ?? undefined,
    contactId: contact?.value,
    organizationId: organization?.value,
    authorId: authorId ?? undefined,
    from: range[0] ? dayjs(range[0]).startOf('day').toISOString() : undefined,
    to: range[1] ? dayjs(range[1]).endOf('day').toISOString() : undefined,
  });
  const filtered = Boolean(kind || contact || organization || authorId || range[0]);
  return (
    <Stack gap="md">
      <PageHeader
        title="Communications"
        description="Every call, meeting, email and note with investors, newest first"
        actions={
          <Button leftSection={<IconMessagePlus size={16} />} onClick={() => logCommunication()} data-testid="new-communication">
            Log communication
          </Button>
        }
      />
      <Group gap="xs" align="flex-end">
        <Select w={140} placeholder="Any kind" aria-label="Kind" clearable data={KIND_OPTIONS} value={kind} onChange={setKind} />
        <div style={{ width: 200 }}>
          <RemoteSelect collection="contacts" label="" placeholder="Any person" value={contact} onChange={setContact} />
        </div>
        <div style={{ width: 200 }}>
          <RemoteSelect collection="organizations" label="" placeholder="Any organization" value={organization} onChange={setOrganization} />
        </div>
        <UserSelect w={160} placeholder="Any author" aria-label="Author" value={authorId} onChange={setAuthorId} />
        <DatePickerInput
          type="range"
          w={250}
          placeholder="Any date"
          aria-label="Date range"
          clearable
          valueFormat="MMM D, YYYY"
          value={range}
          onChange={(v) => setRange(v as [string | null, string | null])}
        />
      </Group>
      {feed.isPending ? (
        <ListSkeleton rows={6} height={84} />
      ) : feed.rows.length === 0 ? (
        <Empty
          icon={<IconMessages size={22} />}
          title={filtered ? 'Nothing matches these filters' : 'No communications yet'}
          description={filtered ? 'Widen the date range or clear a filter.' : 'Log calls, meetings and emails to build each investor’s history.'}
        />
      ) : (
        <Stack gap="lg">
          {groupByDay(feed.rows).map((group) => (
            <Stack key={group.day} gap="xs">
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.05em' }}>
                {group.day}
              </Text>
              {group.items.map((c) => (
                <CommunicationItem key={c.id} communication={c} />
              ))}
            </Stack>
          ))}
          {feed.hasNextPage && (
            <Button variant="default" onClick={() => feed.fetchNextPage()} loading={feed.isFetchingNextPage}>
              Load older
            </Button>
          )}
        </Stack>
      )}
    </Stack>
  );
}
