import { Badge, Button, Collapse, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlayerPause, IconPlayerPlay, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useTeam } from '../../api/hooks';
import { formatDateTime, formatRelative } from '../../ui/format';
import { ConfirmDialog } from '../records/confirm-dialog';
import { EditMailboxModal } from './edit-mailbox-modal';
import { type MailboxView, useDeleteMailbox, useSyncMailbox, useUpdateMailbox } from './email-api';
import { runCounts, runHasProblems } from './email-format';
import { MailboxRuns, RunSummary } from './mailbox-runs';

const KIND_LABEL: Record<MailboxView['kind'], string> = { imap: 'IMAP', gmail: 'Gmail API', mbox: 'mbox import' };

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
      <Text span c="dimmed" inherit>
        {label}:
      </Text>{' '}
      {children}
    </Text>
  );
}

/** One team mailbox: its settings (never the secret), how fresh its mail is, its last run, and what an admin can do. */
export function MailboxCard({ mailbox }: { mailbox: MailboxView }) {
  const team = useTeam();
  const sync = useSyncMailbox();
  const update = useUpdateMailbox();
  const remove = useDeleteMailbox();
  const [showRuns, setShowRuns] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [editing, setEditing] = useState(false);
  const owner = mailbox.ownerUserId ? (team.data?.find((member) => member.id === mailbox.ownerUserId)?.name ?? 'a former member') : null;
  const run = mailbox.lastRun;
  const failing = run ? runHasProblems(run) : false;
  const syncNow = () =>
    sync.mutate(mailbox.id, {
      onSuccess: (result) =>
        notifications.show({
          color: runHasProblems(result) ? 'red' : 'teal',
          title: `${mailbox.label}: ${result.status === 'failed' ? 'sync failed' : 'synced'}`,
          message: result.errorMessages[0] ?? runCounts(result),
        }),
      onError: (error) => notifications.show({ color: 'red', title: `${mailbox.label}: sync did not run`, message: errorMessage(error) }),
    });
  const setPaused = (paused: boolean) =>
    update.mutate({ id: mailbox.id, changes: { paused } }, { onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }) });
  const connection = mailbox.kind === 'imap' && mailbox.host ? `${mailbox.host}:${mailbox.port ?? ''}${mailbox.secure ? ' (TLS)' : ' (STARTTLS)'}` : null;
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      data-testid="mailbox-row"
      data-mailbox-id={mailbox.id}
      data-failing={failing ? 'true' : 'false'}
      style={failing ? { borderColor: 'var(--mantine-color-red-5)' } : undefined}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
          <div style={{ minWidth: 0, flex: '1 1 14rem' }}>
            <Group gap={6} wrap="wrap">
              <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {mailbox.label}
              </Text>
              <Badge size="xs" variant="default">
                {KIND_LABEL[mailbox.kind]}
              </Badge>
              {mailbox.paused && (
                <Badge size="xs" variant="light" color="gray" data-testid="mailbox-paused">
                  paused
                </Badge>
              )}
              {!mailbox.hasCredentials && mailbox.kind !== 'mbox' && (
                <Badge size="xs" variant="light" color="red">
                  no credentials
                </Badge>
              )}
            </Group>
            {(mailbox.address ?? mailbox.username) && (
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {mailbox.address ?? mailbox.username}
              </Text>
            )}
          </div>
          <Group gap={6} wrap="wrap">
            {mailbox.kind !== 'mbox' && (
              <Button size="xs" leftSection={<IconRefresh size={14} />} loading={sync.isPending} onClick={syncNow} data-testid="mailbox-sync-now">
                Sync now
              </Button>
            )}
            {mailbox.kind !== 'mbox' && (
              <Button
                size="xs"
                variant="default"
                leftSection={mailbox.paused ? <IconPlayerPlay size={14} /> : <IconPlayerPause size={14} />}
                loading={update.isPending}
                onClick={() => setPaused(!mailbox.paused)}
                data-testid="mailbox-pause"
              >
                {mailbox.paused ? 'Resume' : 'Pause'}
              </Button>
            )}
            <Button size="xs" variant="default" leftSection={<IconPencil size={14} />} onClick={() => setEditing(true)} data-testid="mailbox-edit">
              Edit
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={14} />}
              onClick={() => setConfirmingDelete(true)}
              data-testid="mailbox-delete"
            >
              Delete
            </Button>
          </Group>
        </Group>
        <Stack gap={2}>
          {connection && <Fact label="Server">{connection}</Fact>}
          {mailbox.username && mailbox.username !== mailbox.address && <Fact label="Username">{mailbox.username}</Fact>}
          <Fact label="Folders">{mailbox.folders.length ? mailbox.folders.join(', ') : 'inbox and Sent'}</Fact>
          <Fact label="Owner">{owner ?? '—'}</Fact>
          <Fact label="Messages">{mailbox.messageCount.toLocaleString()}</Fact>
          <Fact label="Last success">
            <span title={mailbox.lastSuccessAt ? formatDateTime(mailbox.lastSuccessAt) : undefined}>
              {mailbox.lastSuccessAt ? formatRelative(mailbox.lastSuccessAt) : 'never'}
            </span>
          </Fact>
        </Stack>
        <div data-testid="mailbox-last-run">
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={2}>
            Last run
          </Text>
          {run ? (
            <RunSummary run={run} />
          ) : (
            <Text size="xs" c="dimmed">
              Not synced yet.
            </Text>
          )}
        </div>
        <div>
          <Button size="compact-xs" variant="subtle" onClick={() => setShowRuns((open) => !open)} aria-expanded={showRuns} data-testid="mailbox-show-runs">
            {showRuns ? 'Hide run history' : 'Run history'}
          </Button>
          <Collapse expanded={showRuns}>{showRuns && <MailboxRuns mailboxId={mailbox.id} />}</Collapse>
        </div>
      </Stack>
      {editing && <EditMailboxModal mailbox={mailbox} onClose={() => setEditing(false)} />}
      {confirmingDelete && (
        <ConfirmDialog
          title={`Delete ${mailbox.label}?`}
          confirmLabel="Delete mailbox"
          loading={remove.isPending}
          onCancel={() => setConfirmingDelete(false)}
          onConfirm={() =>
            remove.mutate(mailbox.id, {
              onSuccess: () => {
                setConfirmingDelete(false);
                notifications.show({ color: 'teal', message: `${mailbox.label} deleted` });
              },
              onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
            })
          }
          testId="mailbox-delete-confirm"
        >
          <Text size="sm">LP Desk stops syncing this mailbox and forgets its stored password or token. Mail already captured stays on the timelines.</Text>
        </ConfirmDialog>
      )}
    </Paper>
  );
}
