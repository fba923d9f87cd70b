import { Box, Button, Center, Group, Loader, ScrollArea, Stack, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import type { NotificationKind, NotificationView } from '@lpdesk/contracts';
import { IconAlarm, IconAt, IconCalendarDue, IconUserCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { formatRelative } from '../../ui/format';
import { useMarkAllRead, useMarkRead, useNotificationList } from './hooks';
import { notificationTarget } from './notification-target';

const PAGE = 20;

const KIND_ICONS: Record<NotificationKind, { icon: typeof IconAt; color: string; label: string }> = {
  task_due: { icon: IconCalendarDue, color: 'blue', label: 'Due today' },
  task_overdue: { icon: IconAlarm, color: 'red', label: 'Overdue' },
  task_assigned: { icon: IconUserCheck, color: 'teal', label: 'Assigned to you' },
  mention: { icon: IconAt, color: 'grape', label: 'Mention' },
};

function NotificationItem({ notification, onOpen }: { notification: NotificationView; onOpen: (n: NotificationView) => void }) {
  const kind = KIND_ICONS[notification.kind];
  const unread = notification.readAt === null;
  return (
    <UnstyledButton
      onClick={() => onOpen(notification)}
      data-testid="notification-item"
      data-unread={unread || undefined}
      aria-label={`${unread ? 'Unread: ' : ''}${notification.text}`}
      className="lp-notification-item"
      px="sm"
      py={8}
      style={{ borderRadius: 8, display: 'block', width: '100%', background: unread ? 'var(--mantine-color-blue-light)' : undefined }}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" color={kind.color} size={28} radius="xl" aria-label={kind.label}>
          <kind.icon size={16} />
        </ThemeIcon>
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" fw={unread ? 600 : 400} style={{ overflowWrap: 'anywhere' }}>
            {notification.text}
          </Text>
          <Text size="xs" c="dimmed">
            {kind.label} · {formatRelative(notification.createdAt)}
          </Text>
        </Box>
        {unread && <Box mt={8} w={8} h={8} style={{ borderRadius: '50%', background: 'var(--mantine-color-blue-filled)', flexShrink: 0 }} aria-hidden />}
      </Group>
    </UnstyledButton>
  );
}

/** Newest first, unread highlighted; a click marks it read and opens the record. */
export function NotificationList({ unread, onNavigate }: { unread: number; onNavigate?: () => void }) {
  const [limit, setLimit] = useState(PAGE);
  const list = useNotificationList(limit, true);
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  const navigate = useNavigate();
  const open = (notification: NotificationView) => {
    if (notification.readAt === null) markRead.mutate(notification.id);
    onNavigate?.();
    void navigate(notificationTarget(notification));
  };
  const rows = list.data?.data ?? [];
  return (
    <Stack gap={0}>
      <Group justify="space-between" px="sm" py={8} style={{ borderBottom: '1px solid var(--lp-border)' }}>
        <Text fw={600} size="sm">
          Notifications
        </Text>
        <Button
          variant="subtle"
          size="compact-xs"
          disabled={unread === 0}
          loading={markAllRead.isPending}
          onClick={() => markAllRead.mutate()}
          data-testid="notifications-mark-all"
        >
          Mark all read
        </Button>
      </Group>
      {list.isPending ? (
        <Center py="lg">
          <Loader size="sm" />
        </Center>
      ) : rows.length === 0 ? (
        <Text c="dimmed" size="sm" ta="center" py="xl" px="md">
          Nothing yet. Assignments, mentions and due tasks show up here.
        </Text>
      ) : (
        <ScrollArea.Autosize mah="min(70vh, 480px)" type="auto">
          <Stack gap={2} p={4}>
            {rows.map((n) => (
              <NotificationItem key={n.id} notification={n} onOpen={open} />
            ))}
            {(list.data?.total ?? 0) > rows.length && (
              <Button variant="subtle" size="xs" onClick={() => setLimit((l) => l + PAGE)} loading={list.isFetching}>
                Show more
              </Button>
            )}
          </Stack>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}
