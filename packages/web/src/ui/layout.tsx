import { Box, Flex, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { EmptyState } from '@mantine/core';
import type { ReactNode } from 'react';
import { PresenceAvatars } from '../features/live/presence-avatars';

export function PageHeader({ title, description, actions }: { title: ReactNode; description?: ReactNode; actions?: ReactNode }) {
  return (
    // Side by side from 768 px up; on phones the actions go under the title instead of off-screen.
    <Flex justify="space-between" align={{ base: 'stretch', sm: 'flex-end' }} direction={{ base: 'column', sm: 'row' }} gap={{ base: 'sm', sm: 'md' }} mb="lg">
      <Box style={{ minWidth: 0 }}>
        <Group gap="md" wrap="nowrap" align="center">
          <Title order={2} fw={650} style={{ letterSpacing: '-0.02em', minWidth: 0 }}>
            {title}
          </Title>
          {/* Who else is on this screen (live presence); nothing when alone and connected. */}
          <PresenceAvatars />
        </Group>
        {description && (
          <Text c="dimmed" size="sm" mt={4}>
            {description}
          </Text>
        )}
      </Box>
      {actions && (
        <Group gap="xs" wrap="wrap">
          {actions}
        </Group>
      )}
    </Flex>
  );
}

export function Empty({ icon, title, description, action }: { icon?: ReactNode; title: string; description?: ReactNode; action?: ReactNode }) {
  return (
    <EmptyState icon={icon} title={title} description={description} withIndicatorBackground size="sm" py="xl">
      {action && <EmptyState.Actions>{action}</EmptyState.Actions>}
    </EmptyState>
  );
}

export function ListSkeleton({ rows = 8, height = 36 }: { rows?: number; height?: number }) {
  return (
    <Stack gap={8} data-testid="loading">
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders that never reorder
        <Skeleton key={i} height={height} radius="sm" />
      ))}
    </Stack>
  );
}

export function PageSkeleton() {
  return (
    <Stack gap="lg">
      <Skeleton height={32} width={240} radius="sm" />
      <Group grow>
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} height={96} radius="md" />
        ))}
      </Group>
      <ListSkeleton rows={6} />
    </Stack>
  );
}

export function SectionTitle({ children, right }: { children: ReactNode; right?: ReactNode }) {
  return (
    <Group justify="space-between" mb="xs">
      <Text fw={600} size="sm">
        {children}
      </Text>
      {right}
    </Group>
  );
}
