import { ActionIcon, Burger, Group, Text } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { BrandMark } from '../auth/auth-layout';
import { useCompactLayout } from '../../ui/responsive';
import { NotificationBell } from '../notifications/notification-bell';

/** The top bar phones get instead of the always-open sidebar: a burger for the navigation, notifications and the search. */
export function MobileHeader({ navOpened, onToggleNav }: { navOpened: boolean; onToggleNav: () => void }) {
  // One bell in the page at a time: this one on phones, the sidebar's from tablet width up.
  const compact = useCompactLayout();
  return (
    <Group h="100%" px="sm" gap="xs" wrap="nowrap" justify="space-between">
      <Group gap={8} wrap="nowrap">
        <Burger
          opened={navOpened}
          onClick={onToggleNav}
          size="sm"
          aria-label={navOpened ? 'Close navigation' : 'Open navigation'}
          aria-expanded={navOpened}
          aria-controls="lp-navbar"
          data-testid="nav-burger"
        />
        <BrandMark size={26} />
        <Text fw={700} size="md" style={{ letterSpacing: '-0.01em' }}>
          LP Desk
        </Text>
      </Group>
      <Group gap={4} wrap="nowrap">
        {compact && <NotificationBell />}
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          aria-label="Search contacts and organizations"
          onClick={() => void import('@mantine/spotlight').then((m) => m.spotlight.open())}
        >
          <IconSearch size={18} />
        </ActionIcon>
      </Group>
    </Group>
  );
}
