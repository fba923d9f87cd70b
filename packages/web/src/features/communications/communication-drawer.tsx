import { Alert, Anchor, Badge, Button, Divider, Drawer, Group, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowForward, IconPencil, IconTrash } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { useRecord } from '../../api/hooks';
import type { Communication } from '../../api/types';
import { formatDate, formatDateTime, humanize } from '../../ui/format';
import { CapturedEmailThread } from '../email/captured-email-thread';
import { ConfirmDialog } from '../records/confirm-dialog';
import { useDrawerSize } from '../records/use-drawer-size';
import { COMMUNICATION_ICON } from '../records/timeline-view';
import { useTrashWithUndo } from '../records/use-trash-with-undo';
import { CommunicationBody } from './communication-body';
import { CommunicationFormModal } from './communication-form-modal';
import { CommunicationHistory } from './communication-history';
import { KIND_COLOR } from './communication-item';

/** Linked records; following a link leaves this URL, which closes the drawer. */
function RefLinks({ label, refs, path }: { label: string; refs: { id: string; name: string }[]; path: string | null }) {
  if (refs.length === 0) return null;
  return (
    <Group gap={6} align="baseline" wrap="nowrap">
      <Text size="sm" c="dimmed" w={110} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {refs.map((ref, i) => (
          <Fragment key={ref.id}>
            {i > 0 && ', '}
            {path ? (
              <Anchor component={Link} to={`${path}/${ref.id}`} size="sm">
                {ref.name}
              </Anchor>
            ) : (
              ref.name
            )}
          </Fragment>
        ))}
      </Text>
    </Group>
  );
}

function CommunicationDetail({ communication: c, onClose }: { communication: Communication; onClose: () => void }) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const trash = useTrashWithUndo('communications');
  const Icon = COMMUNICATION_ICON[c.kind];
  const title = c.subject || humanize(c.kind);
  return (
    <Stack gap="md" data-testid="communication-detail">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <ThemeIcon size={36} radius="xl" variant="light" color={KIND_COLOR[c.kind]}>
            <Icon size={18} />
          </ThemeIcon>
          <div style={{ minWidth: 0 }}>
            <Title order={4} style={{ overflowWrap: 'anywhere' }}>
              {title}
            </Title>
            <Text size="xs" c="dimmed">
              {formatDateTime(c.occurredAt)}
              {c.durationMinutes ? ` · ${c.durationMinutes} min` : ''}
              {c.author ? ` · logged by ${c.author.name}` : ''}
            </Text>
          </div>
        </Group>
        <Badge variant="light" color={KIND_COLOR[c.kind]}>
          {c.kind}
        </Badge>
      </Group>
      {c.deletedAt ? (
        <Alert color="red" variant="light">
          In the trash. Restore it from Settings → Trash.
        </Alert>
      ) : (
        <Group gap="xs">
          <Button size="xs" variant="default" leftSection={<IconPencil size={14} />} onClick={() => setEditing(true)} data-testid="edit-communication">
            Edit
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={14} />}
            onClick={() => setConfirming(true)}
            data-testid="delete-communication"
          >
            Delete
          </Button>
        </Group>
      )}
      <Stack gap={6}>
        <RefLinks label="Organizations" refs={c.organizations} path="/organizations" />
        <RefLinks label="People" refs={c.contacts} path="/contacts" />
        <RefLinks label="Team" refs={c.users} path={null} />
      </Stack>
      <Divider />
      {c.emailThreadId ? (
        // Captured email: the messages themselves (sandboxed HTML, attachments, links) rather than the text copy.
        <CapturedEmailThread threadId={c.emailThreadId} />
      ) : c.body ? (
        <CommunicationBody body={c.body} />
      ) : (
        <Text size="sm" c="dimmed">
          No notes.
        </Text>
      )}
      {c.outcome && (
        <Text size="sm">
          <b>Outcome:</b> {c.outcome}
        </Text>
      )}
      {c.nextAction && (
        <Group gap={6} wrap="nowrap">
          <IconArrowForward size={14} color="var(--mantine-color-orange-6)" />
          <Text size="sm">
            {c.nextAction}
            {c.nextActionDueOn ? ` · due ${formatDate(c.nextActionDueOn)}` : ''}
          </Text>
        </Group>
      )}
      <Divider label="History" labelPosition="left" />
      <CommunicationHistory id={c.id} />
      {editing && <CommunicationFormModal defaults={{}} communication={c} onClose={() => setEditing(false)} />}
      {confirming && (
        <ConfirmDialog
          title="Delete this communication?"
          confirmLabel="Move to trash"
          loading={trash.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            trash.run(c.id, `“${title}”`, () => {
              setConfirming(false);
              onClose();
            })
          }
        >
          <Text size="sm">
            “{title}” leaves the Communications feed and the timelines of {[...c.organizations, ...c.contacts].map((r) => r.name).join(', ') || 'its records'}.
            Tasks created from its next action stay in Tasks. You can restore it from Settings → Trash.
          </Text>
        </ConfirmDialog>
      )}
    </Stack>
  );
}

/** One communication in full, opened from the feed, a timeline or the palette. */
export function CommunicationDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const drawerSize = useDrawerSize('lg');
  const query = useRecord<Communication>('communications', id);
  return (
    <Drawer opened onClose={onClose} position="right" size={drawerSize} title="Communication" data-testid="communication-drawer">
      {query.isPending ? (
        <Skeleton height={200} />
      ) : query.isError ? (
        <Alert color="red">{errorMessage(query.error)}</Alert>
      ) : (
        <CommunicationDetail communication={query.data} onClose={onClose} />
      )}
    </Drawer>
  );
}
