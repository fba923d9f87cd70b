import { Badge, Button, Card, Code, Group, SegmentedControl, Stack, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { JOB_STATUSES, type JobScheduleView, type JobStatus, type JobView, type ListEnvelope, RETRYABLE_JOB_STATUSES, type SubscriptionView } from '@lpdesk/contracts';
import { IconBroadcast, IconCalendarRepeat, IconClockPlay } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { formatDateTime, formatRelative, humanize } from '../../ui/format';
import { teamNow } from '../../ui/team-time';
import { Empty, ListSkeleton, SectionTitle } from '../../ui/layout';

const STATUS_COLORS: Record<JobStatus, string> = { queued: 'blue', running: 'violet', succeeded: 'teal', failed: 'orange', dead: 'red' };
const FILTERS = [{ value: 'all', label: 'All' }, ...JOB_STATUSES.map((status) => ({ value: status, label: humanize(status) }))];
/** Jobs move on their own: look again every few seconds while the screen is open. */
const REFRESH_MS = 5_000;

function ErrorText({ text }: { text: string | null }) {
  if (!text) return <Text size="xs" c="dimmed">—</Text>;
  return (
    <Tooltip label={text} multiline w={360} withinPortal>
      <Text size="xs" c="red.7" lineClamp={2} style={{ wordBreak: 'break-word' }}>
        {text}
      </Text>
    </Tooltip>
  );
}

/** A retry time already passed means the next look (within seconds) tries again. */
function nextTry(retryAt: string | null): string {
  if (!retryAt) return '—';
  return Date.parse(retryAt) <= teamNow().getTime() ? 'due now' : formatRelative(retryAt);
}

export function JobsSettings() {
  return (
    <Stack>
      <JobsTable />
      <SchedulesTable />
      <SubscribersTable />
    </Stack>
  );
}

function JobsTable() {
  const client = useQueryClient();
  const [status, setStatus] = useState<string>('all');
  const [limit, setLimit] = useState(50);
  const params = { status: status === 'all' ? undefined : status, limit };
  const jobs = useQuery({
    queryKey: ['jobs', 'list', params],
    queryFn: ({ signal }) => api.get<ListEnvelope<JobView>>('/api/jobs', params, signal),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
  });
  const retry = useMutation({
    mutationFn: (id: string) => api.post<{ data: JobView }>(`/api/jobs/${id}/retry`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['jobs'] }),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const rows = jobs.data?.data ?? [];
  return (
    <Card>
      <SectionTitle>Jobs</SectionTitle>
      <Text size="sm" c="dimmed" mb="md">
        Background work with retries: scheduled maintenance, and later email sync, indexing and automations. A job that fails is tried again with a growing
        wait; after its last attempt it is dead until someone retries it.
      </Text>
      <SegmentedControl
        mb="md"
        size="xs"
        aria-label="Job status"
        data={FILTERS}
        value={status}
        onChange={(value) => {
          setStatus(value);
          setLimit(50);
        }}
      />
      {jobs.isPending ? (
        <ListSkeleton rows={4} />
      ) : rows.length === 0 ? (
        <Empty icon={<IconClockPlay size={20} />} title={status === 'all' ? 'No jobs yet' : `No ${status} jobs`} />
      ) : (
        <Stack gap="sm">
          <Table verticalSpacing="xs" data-testid="jobs-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Attempts</Table.Th>
                <Table.Th>Run at</Table.Th>
                <Table.Th>Last error</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((job) => (
                <Table.Tr key={job.id}>
                  <Table.Td>
                    <Code>{job.kind}</Code>
                    <Text size="xs" c="dimmed">
                      queued {formatRelative(job.createdAt)}
                    </Text>
                  </Table.Td>
                  {/* The status must stay whole; the kind and error columns give way instead. */}
                  <Table.Td style={{ width: 110, whiteSpace: 'nowrap' }}>
                    <Badge size="sm" variant="light" color={STATUS_COLORS[job.status]}>
                      {job.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {job.attempts} / {job.maxAttempts}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{formatDateTime(job.finishedAt ?? job.runAt)}</Text>
                    {job.finishedAt && (
                      <Text size="xs" c="dimmed">
                        finished
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td maw={320}>
                    <ErrorText text={job.lastError} />
                  </Table.Td>
                  <Table.Td ta="right">
                    {RETRYABLE_JOB_STATUSES.includes(job.status) && (
                      <Button size="xs" variant="light" loading={retry.isPending && retry.variables === job.id} onClick={() => retry.mutate(job.id)}>
                        Retry
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {jobs.data && jobs.data.total > rows.length && (
            <Button variant="default" onClick={() => setLimit((l) => Math.min(l + 100, 500))}>
              Show more ({jobs.data.total - rows.length} older)
            </Button>
          )}
        </Stack>
      )}
    </Card>
  );
}

function SchedulesTable() {
  const schedules = useQuery({
    queryKey: ['jobs', 'schedules'],
    queryFn: ({ signal }) => api.get<{ data: JobScheduleView[] }>('/api/job-schedules', undefined, signal).then((r) => r.data),
    refetchInterval: REFRESH_MS,
  });
  const rows = schedules.data ?? [];
  return (
    <Card>
      <SectionTitle>Schedules</SectionTitle>
      <Text size="sm" c="dimmed" mb="md">
        Recurring work. Each run is queued as a job above when it falls due; times are cron in UTC. A server or worker that was down catches up with one run.
      </Text>
      {schedules.isPending ? (
        <ListSkeleton rows={2} />
      ) : rows.length === 0 ? (
        <Empty icon={<IconCalendarRepeat size={20} />} title="No schedules yet" />
      ) : (
        <Table verticalSpacing="xs" data-testid="schedules-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Job</Table.Th>
              <Table.Th>Cron (UTC)</Table.Th>
              <Table.Th>Next run</Table.Th>
              <Table.Th>Last run</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((schedule) => (
              <Table.Tr key={schedule.name}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Code>{schedule.kind}</Code>
                    {!schedule.enabled && (
                      <Badge size="xs" variant="light" color="gray">
                        paused
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Code>{schedule.cron}</Code>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{schedule.enabled ? formatDateTime(schedule.nextRunAt) : '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{schedule.lastRunAt ? formatDateTime(schedule.lastRunAt) : 'never'}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

function SubscribersTable() {
  const subscriptions = useQuery({
    queryKey: ['jobs', 'subscriptions'],
    queryFn: ({ signal }) => api.get<{ data: SubscriptionView[] }>('/api/subscriptions', undefined, signal).then((r) => r.data),
    refetchInterval: REFRESH_MS,
  });
  const rows = subscriptions.data ?? [];
  return (
    <Card>
      <SectionTitle>Event subscribers</SectionTitle>
      <Text size="sm" c="dimmed" mb="md">
        Each follows every change in order. Lag is how many changes it has still to process; one that keeps failing is retried and shows its last error here.
      </Text>
      {subscriptions.isPending ? (
        <ListSkeleton rows={2} />
      ) : rows.length === 0 ? (
        <Empty icon={<IconBroadcast size={20} />} title="No event subscribers yet" />
      ) : (
        <Table verticalSpacing="xs" data-testid="subscribers-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Subscriber</Table.Th>
              <Table.Th>Lag</Table.Th>
              <Table.Th>Failures</Table.Th>
              <Table.Th>Last error</Table.Th>
              <Table.Th>Next try</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((subscription) => (
              <Table.Tr key={subscription.name}>
                <Table.Td>
                  <Code>{subscription.name}</Code>
                </Table.Td>
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm">{subscription.lag}</Text>
                    {subscription.lag === 0 && (
                      <Badge size="xs" variant="light" color="teal">
                        up to date
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{subscription.attempts}</Text>
                </Table.Td>
                <Table.Td maw={320}>
                  <ErrorText text={subscription.lastError} />
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{nextTry(subscription.retryAt)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
