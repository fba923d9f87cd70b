import { Alert, Button, Card, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMail } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { Empty, ListSkeleton, SectionTitle } from '../../ui/layout';
import { CaptureBlockSwitch } from './capture-block-switch';
import { type EmailLinkEntityType, type EmailLinkView, useCaptureBlock, useEntityThreads, useLinkThread } from './email-api';
import { EmailThread } from './email-thread';
import { useEmailTimeline } from './email-timeline';

const PAGE = 20;

interface Unlinked {
  threadId: string;
  subject: string;
}

/** A thread this page just unlinked from its record leaves the list; this keeps a way back until the page changes. */
function UnlinkedNotice({ item, entityType, entityId, onDone }: { item: Unlinked; entityType: EmailLinkEntityType; entityId: string; onDone(): void }) {
  const link = useLinkThread();
  return (
    <Alert color="gray" variant="light" p="xs" data-testid="email-unlinked-notice">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
          “{item.subject || '(no subject)'}” is no longer linked here.
        </Text>
        <Group gap={4}>
          <Button
            size="compact-xs"
            variant="light"
            loading={link.isPending}
            onClick={() =>
              link.mutate(
                { threadId: item.threadId, link: { entityType, entityId } },
                { onSuccess: onDone, onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }) },
              )
            }
            data-testid="email-link-again"
          >
            Link again
          </Button>
          <Button size="compact-xs" variant="subtle" color="gray" onClick={onDone}>
            Dismiss
          </Button>
        </Group>
      </Group>
    </Alert>
  );
}

/**
 * Captured email on a contact or organization page: the threads linked to the record (newest activity
 * first), each expandable to its messages, with link chips and "Do not capture email".
 */
export function EmailPanel({ entityType, entityId, name }: { entityType: EmailLinkEntityType; entityId: string; name: string }) {
  const [limit, setLimit] = useState(PAGE);
  const threads = useEntityThreads(entityId, limit);
  const block = useCaptureBlock(entityType, entityId);
  const timeline = useEmailTimeline();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [unlinked, setUnlinked] = useState<Unlinked[]>([]);
  const focus = timeline?.focus ?? null;
  useEffect(() => {
    if (focus) setExpanded((current) => new Set(current).add(focus.threadId));
  }, [focus]);
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const onUnlinked = (threadId: string, subject: string | null) => (link: EmailLinkView) => {
    if (link.entityId === entityId) setUnlinked((current) => [...current.filter((u) => u.threadId !== threadId), { threadId, subject: subject ?? '' }]);
  };
  const list = threads.data?.threads ?? [];
  const total = threads.data?.total ?? null;
  const forbidden = threads.error instanceof ApiError && (threads.error.status === 403 || threads.error.status === 404);
  return (
    <Card padding="lg" mt="lg" data-testid="email-panel">
      <SectionTitle right={<CaptureBlockSwitch entityType={entityType} entityId={entityId} name={name} />}>Email</SectionTitle>
      {block.data?.blocked && (
        <Text size="sm" c="dimmed" mb="sm" data-testid="email-capture-blocked">
          Email is not captured for this {entityType}
          {block.data.blockedBy ? ` (turned off by ${block.data.blockedBy})` : ''}.
        </Text>
      )}
      <Stack gap="sm">
        {unlinked.map((item) => (
          <UnlinkedNotice
            key={item.threadId}
            item={item}
            entityType={entityType}
            entityId={entityId}
            onDone={() => setUnlinked((current) => current.filter((u) => u.threadId !== item.threadId))}
          />
        ))}
        {threads.isPending ? (
          <ListSkeleton rows={3} height={44} />
        ) : threads.isError ? (
          <Alert color={forbidden ? 'gray' : 'red'} variant="light">
            {forbidden ? 'Captured email is not available here.' : errorMessage(threads.error)}
          </Alert>
        ) : list.length === 0 ? (
          <Empty icon={<IconMail size={20} />} title="No email yet" description={`Mail from and to ${name} shows here once a team mailbox captures it.`} />
        ) : (
          list.map((thread) => (
            <EmailThread
              key={thread.id}
              thread={thread}
              expanded={expanded.has(thread.id)}
              onToggle={() => toggle(thread.id)}
              focusNonce={focus?.threadId === thread.id ? focus.nonce : undefined}
              onUnlinked={onUnlinked(thread.id, thread.subject)}
            />
          ))
        )}
        {total !== null && total > list.length && (
          <Button variant="default" size="xs" onClick={() => setLimit((current) => Math.min(current + PAGE, 100))} disabled={limit >= 100}>
            Show more ({total - list.length} older)
          </Button>
        )}
      </Stack>
    </Card>
  );
}
