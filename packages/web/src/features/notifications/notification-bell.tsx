import { ActionIcon, Indicator, Popover } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useState } from 'react';
import { useUnreadCount } from './hooks';
import { NotificationList } from './notification-list';

/** The bell in the app header: unread count at a glance, the list one click away. */
export function NotificationBell() {
  const [opened, setOpened] = useState(false);
  const unread = useUnreadCount().data ?? 0;
  const label = unread === 0 ? 'Notifications' : `Notifications: ${unread} unread`;
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width="min(380px, calc(100vw - 24px))" shadow="md" radius="md" withinPortal>
      <Popover.Target>
        <Indicator label={unread > 99 ? '99+' : unread} disabled={unread === 0} size={16} offset={6} color="red" data-testid="notification-count">
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label={label} onClick={() => setOpened((o) => !o)} data-testid="notification-bell">
            <IconBell size={20} stroke={1.7} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0}>{opened && <NotificationList unread={unread} onNavigate={() => setOpened(false)} />}</Popover.Dropdown>
    </Popover>
  );
}
