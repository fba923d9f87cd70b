import { Badge, Box, Collapse, Divider, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useEffect, useRef } from 'react';
import { formatDateTime, formatRelative } from '../../ui/format';
import type { EmailLinkView, EmailThreadView } from './email-api';
import { threadParticipants } from './email-format';
import { EmailMessage } from './email-message';
import { ThreadLinks } from './thread-links';

interface EmailThreadProps {
  thread: EmailThreadView;
  expanded: boolean;
  onToggle(): void;
  /** Changes when the timeline asks for this thread: scroll it into view. */
  focusNonce?: number | undefined;
  onUnlinked?: (link: EmailLinkView) => void;
}

/** Oldest first, whatever order the server sent (the contract promises it; a sort is cheap insurance). */
function inDateOrder(thread: EmailThreadView) {
  return [...thread.messages].sort((a, b) => (a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : 0));
}

/** One thread: subject, participants, last date and count; expanded, its messages oldest first. */
export function EmailThread({ thread, expanded, onToggle, focusNonce, onUnlinked }: EmailThreadProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusNonce) box.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [focusNonce]);
  const { names, more } = threadParticipants(thread);
  const messages = inDateOrder(thread);
  const withoutBody = messages.filter((m) => !m.hasBody).length;
  return (
    <Box ref={box} data-testid="email-thread" data-thread-id={thread.id} style={{ minWidth: 0, scrollMarginTop: 80 }}>
      <UnstyledButton onClick={onToggle} aria-expanded={expanded} w="100%" data-testid="email-thread-toggle">
        <Group gap={6} wrap="nowrap" align="flex-start">
          <Box mt={2} style={{ flexShrink: 0 }}>
            {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </Box>
          <Box style={{ minWidth: 0, flex: 1 }}>
            <Group gap={6} wrap="nowrap" justify="space-between">
              <Text size="sm" fw={600} truncate data-testid="email-thread-subject">
                {thread.subject || '(no subject)'}
              </Text>
              <Badge size="xs" variant="default" style={{ flexShrink: 0 }} title={`${thread.messages.length} messages`}>
                {thread.messages.length}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed" truncate>
              {names.join(', ')}
              {more ? ` +${more}` : ''}
            </Text>
            <Text size="xs" c="dimmed" title={formatDateTime(thread.lastAt)}>
              {formatRelative(thread.lastAt)}
            </Text>
          </Box>
        </Group>
      </UnstyledButton>
      <Box mt={6} ml={22}>
        <ThreadLinks threadId={thread.id} links={thread.links} onUnlinked={onUnlinked} />
      </Box>
      <Collapse expanded={expanded}>
        {expanded && (
          <Stack gap="sm" mt="sm" ml={{ base: 0, xs: 22 }}>
            {withoutBody > 0 && withoutBody < messages.length && (
              <Text size="xs" c="dimmed">
                {withoutBody} of {messages.length} messages were kept as headers only.
              </Text>
            )}
            {messages.map((message, index) => (
              <Fragment key={message.id}>
                {index > 0 && <Divider />}
                <EmailMessage message={message} />
              </Fragment>
            ))}
          </Stack>
        )}
      </Collapse>
    </Box>
  );
}
