import { Card, Group, Text, ThemeIcon } from '@mantine/core';
import type { ReactNode } from 'react';

export function KpiCard({ label, value, hint, icon, color, testId }: { label: string; value: string; hint?: ReactNode; icon: ReactNode; color: string; testId?: string }) {
  return (
    <Card padding="md" data-testid="kpi-card">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
            {label}
          </Text>
          <Text fz={{ base: 22, xs: 26 }} fw={700} className="lp-num" mt={4} style={{ letterSpacing: '-0.02em' }} data-testid={testId}>
            {value}
          </Text>
          {hint && (
            <Text size="xs" c="dimmed" mt={2} truncate>
              {hint}
            </Text>
          )}
        </div>
        {/* Two cards a row on a phone leave no room for the icon. */}
        <ThemeIcon variant="light" color={color} size={36} radius="md" visibleFrom="xs">
          {icon}
        </ThemeIcon>
      </Group>
    </Card>
  );
}
