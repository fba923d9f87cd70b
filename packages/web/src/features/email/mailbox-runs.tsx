import { Badge, Group, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { formatDateTime, formatRelative } from '../../ui/format';
import { type EmailSyncRunView, useMailboxRuns } from './email-api';
import { formatDuration, runCounts, runHasProblems } from './email-format';
import { ListSkeleton } from '../../ui/layout';

const STATUS_COLOR: Record<EmailSyncRunView['status'], string> = { running: 'violet', succeeded: 'teal', failed: 'red' };

export function RunStatusBadge({ run }: { run: EmailSyncRunView }) {
  const color = run.status === 'succeeded' && run.errors > 0 ? 'orange' : STATUS_COLOR[run.status];
  return (
    <Badge size="sm" variant="light" color={color} style={{ flexShrink: 0, overflow: 'visible' }} data-testid="mailbox-run-status">
      {run.status === 'succeeded' && run.errors > 0 ? 'with errors' : run.status}
    </Badge>
  );
}

/** What went wrong in a run, in red, each message whole (they name the folder or the server's answer). */
export function RunErrors({ run }: { run: EmailSyncRunView }) {
  if (run.errorMessages.length === 0) return null;
  return (
    <Stack gap={2} data-testid="mailbox-run-errors">
      {run.errorMessages.map((message, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a run's messages never reorder, and two can be alike
        <Text key={index} size="xs" c="red.7" style={{ overflowWrap: 'anywhere' }}>
          {message}
        </Text>
      ))}
    </Stack>
  );
}

/** One line for a run: when, by what, the counts and how long it took. */
export function RunSummary({ run }: { run: EmailSyncRunView }) {
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="wrap">
        <RunStatusBadge run={run} />
        <Text size="xs" c="dimmed" title={formatDateTime(run.startedAt)}>
          {formatRelative(run.startedAt)} · {run.trigger} · {formatDuration(run.durationMs)}
        </Text>
      </Group>
      <Text size="xs" c={runHasProblems(run) ? 'red.7' : undefined} data-testid="mailbox-run-counts">
        {runCounts(run)}
      </Text>
      <RunErrors run={run} />
    </Stack>
  );
}

/** The last runs of a mailbox (GET …/runs), newest first; wide tables scroll inside their own box on phones. */
export function MailboxRuns({ mailboxId }: { mailboxId: string }) {
  const runs = useMailboxRuns(mailboxId, 20);
  if (runs.isPending) return <ListSkeleton rows={3} height={24} />;
  if (runs.isError)
    return (
      <Text size="sm" c="red">
        {runs.error.message}
      </Text>
    );
  const rows = runs.data.data;
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No runs yet.
      </Text>
    );
  return (
    <ScrollArea type="auto" offsetScrollbars data-testid="mailbox-runs">
      <Table verticalSpacing={4} fz="xs" miw={560}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Fetched</Table.Th>
            <Table.Th>Stored</Table.Th>
            <Table.Th>Matched</Table.Th>
            <Table.Th>Duplicates</Table.Th>
            <Table.Th>Errors</Table.Th>
            <Table.Th>Duration</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((run) => (
            <Table.Tr key={run.id}>
              <Table.Td>
                <Text size="xs" className="lp-num">
                  {formatDateTime(run.startedAt)}
                </Text>
                <Text size="xs" c="dimmed">
                  {run.trigger}
                  {run.folders.some((f) => f.reset) ? ' · folder re-read (UIDVALIDITY changed)' : ''}
                </Text>
                <RunErrors run={run} />
              </Table.Td>
              {/* The status must stay whole; the started column (with the errors) gives way instead. */}
              <Table.Td style={{ width: 110, whiteSpace: 'nowrap' }}>
                <RunStatusBadge run={run} />
              </Table.Td>
              <Table.Td className="lp-num">{run.fetched}</Table.Td>
              <Table.Td className="lp-num">{run.stored}</Table.Td>
              <Table.Td className="lp-num">{run.matched}</Table.Td>
              <Table.Td className="lp-num">{run.duplicates}</Table.Td>
              <Table.Td className="lp-num" c={run.errors ? 'red.7' : undefined}>
                {run.errors}
              </Table.Td>
              <Table.Td className="lp-num">{formatDuration(run.durationMs)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
