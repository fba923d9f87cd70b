import { Box, Center, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBuildingBank } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <ThemeIcon size={size} radius="md" variant="gradient" gradient={{ from: 'indigo.6', to: 'violet.5', deg: 135 }}>
      <IconBuildingBank size={size * 0.58} stroke={1.8} />
    </ThemeIcon>
  );
}

export function AuthLayout({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  return (
    <Center mih="100vh" p="md" style={{ background: 'var(--lp-auth-bg)' }}>
      <Box w="100%" maw={420}>
        <Group gap="xs" justify="center" mb="lg">
          <BrandMark />
          <Text fw={700} size="lg">
            LP Desk
          </Text>
        </Group>
        <Paper withBorder shadow="sm" radius="lg" p="xl">
          <Stack gap={4} mb="lg">
            <Title order={3}>{title}</Title>
            <Text c="dimmed" size="sm">
              {subtitle}
            </Text>
          </Stack>
          {children}
        </Paper>
      </Box>
    </Center>
  );
}
