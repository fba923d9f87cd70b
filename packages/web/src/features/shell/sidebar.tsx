import { Badge, Box, Button, Group, Kbd, NavLink, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import {
  IconAddressBook,
  IconBuilding,
  IconChecklist,
  IconChartBar,
  IconCopy,
  IconFileSearch,
  IconLayoutDashboard,
  IconLayoutKanban,
  IconMessages,
  IconPlus,
  IconReportMoney,
  IconRobot,
  IconSearch,
  IconSettings,
  IconTable,
} from '@tabler/icons-react';
import { NavLink as RouterLink, useLocation } from 'react-router';
import { useCompactLayout } from '../../ui/responsive';
import { usePendingProposalCount } from '../agents/agents-api';
import { BrandMark } from '../auth/auth-layout';
import { useCurrentUser } from '../auth/session';
import { NotificationBell } from '../notifications/notification-bell';
import { useComposers } from './composers';
import { UserMenu } from './user-menu';

export const NAV_ITEMS = [
  { to: '/', label: 'Dashboard', icon: IconLayoutDashboard },
  { to: '/search', label: 'Search', icon: IconFileSearch },
  { to: '/pipeline', label: 'Pipeline', icon: IconLayoutKanban },
  { to: '/contacts', label: 'Contacts', icon: IconAddressBook },
  { to: '/organizations', label: 'Organizations', icon: IconBuilding },
  { to: '/communications', label: 'Communications', icon: IconMessages },
  { to: '/grid', label: 'Grid', icon: IconTable },
  { to: '/lp-tracker', label: 'LP Tracker', icon: IconReportMoney },
  { to: '/reports', label: 'Reports', icon: IconChartBar },
  { to: '/tasks', label: 'Tasks', icon: IconChecklist },
  { to: '/duplicates', label: 'Duplicates', icon: IconCopy },
  { to: '/settings', label: 'Settings', icon: IconSettings },
] as const;

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** `onAction` runs after search or New task is picked, so the phone's slide-in panel gets out of the way. */
export function Sidebar({ onAction }: { onAction?: () => void } = {}) {
  const location = useLocation();
  const { newTask } = useComposers();
  const compact = useCompactLayout();
  const active = (to: string) => (to === '/' ? location.pathname === '/' : location.pathname.startsWith(to));
  return (
    <Stack h="100%" gap={0} p="sm">
      {/* On phones the top bar already shows the brand. */}
      <Group gap={10} px={6} py={8} mb={6} visibleFrom="sm">
        <BrandMark size={28} />
        <Text fw={700} size="md" style={{ letterSpacing: '-0.01em' }}>
          LP Desk
        </Text>
        {/* On phones the bell lives in the top bar, always in reach; the sidebar is behind the burger. */}
        {!compact && (
          <Box ml="auto">
            <NotificationBell />
          </Box>
        )}
      </Group>
      <UnstyledButton
        onClick={() => {
          onAction?.();
          void import('@mantine/spotlight').then((m) => m.spotlight.open());
        }}
        aria-label="Search contacts and organizations"
        data-testid="open-search"
        px={10}
        py={7}
        mb="xs"
        style={{ border: '1px solid var(--lp-border)', borderRadius: 8, background: 'var(--mantine-color-body)' }}
      >
        <Group gap={8} wrap="nowrap">
          <IconSearch size={15} style={{ opacity: 0.6 }} />
          <Text size="sm" c="dimmed" style={{ flex: 1 }}>
            Search…
          </Text>
          <Kbd size="xs" visibleFrom="sm">
            {isMac ? '⌘' : 'Ctrl'} K
          </Kbd>
        </Group>
      </UnstyledButton>
      <Button
        variant="light"
        size="xs"
        leftSection={<IconPlus size={14} />}
        mb="md"
        onClick={() => {
          onAction?.();
          newTask();
        }}
        data-testid="shell-new-task"
      >
        New task
      </Button>
      <ScrollArea style={{ flex: 1 }} type="never">
        <nav aria-label="Main">
          <Stack gap={2}>
            {NAV_ITEMS.map((item) => (
              <NavLink
                key={item.to}
                component={RouterLink}
                to={item.to}
                label={item.label}
                active={active(item.to)}
                leftSection={<item.icon size={18} stroke={1.7} />}
                className="lp-nav-link"
                py={7}
                variant="light"
              />
            ))}
            <ProposalsNavLink active={active('/proposals')} />
          </Stack>
        </nav>
      </ScrollArea>
      <Box pt="sm" style={{ borderTop: '1px solid var(--lp-border)' }}>
        <UserMenu />
      </Box>
    </Stack>
  );
}

/** Agents' proposals wait for admins and managers: the link, with how many are pending, only for them. */
export function ProposalsNavLink({ active }: { active: boolean }) {
  const me = useCurrentUser();
  const reviewer = me.role === 'admin' || me.role === 'manager';
  const pending = usePendingProposalCount(reviewer);
  if (!reviewer) return null;
  const count = pending.data ?? 0;
  return (
    <NavLink
      component={RouterLink}
      to="/proposals"
      label="Proposals"
      active={active}
      leftSection={<IconRobot size={18} stroke={1.7} />}
      rightSection={
        count > 0 ? (
          <Badge size="sm" color="orange" variant="filled" circle={count < 10} data-testid="pending-proposals" aria-label={`${count} pending`}>
            {count}
          </Badge>
        ) : null
      }
      className="lp-nav-link"
      py={7}
      variant="light"
    />
  );
}
