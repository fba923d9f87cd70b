import type { Metrics } from '@lpdesk/contracts';
import { Card, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { formatMoneyShort } from '../../ui/format';
import { SectionTitle } from '../../ui/layout';

/**
 * The investor's money per fund, from the same core query as Pipeline, Dashboard and LP Tracker
 * (docs/metrics.md), so its committed figure is the one those screens count for it.
 */
export function OrganizationTotals({ organizationId }: { organizationId: string }) {
  const metrics = useQuery({
    // Under 'reports' so every CRM change refreshes it, as it does the dashboard.
    queryKey: ['reports', 'metrics', { organizationId }],
    queryFn: ({ signal }) => api.get<{ data: Metrics }>('/api/reports/metrics', { organizationId }, signal).then((r) => r.data),
  });
  const funds = metrics.data?.funds ?? [];
  if (funds.length === 0) return null;
  return (
    <Card padding="md" data-testid="organization-totals">
      <SectionTitle>Totals</SectionTitle>
      <Stack gap="sm">
        {funds.map(({ fund, totals }) => {
          const figures = [
            { label: 'Committed', value: totals.committed, testId: 'org-committed' },
            { label: 'Funded', value: totals.funded, testId: 'org-funded' },
            { label: 'In pipeline', value: totals.expected, testId: 'org-expected' },
          ].filter((f) => f.value > 0 || f.label === 'Committed');
          return (
            <div key={fund.id} data-testid="organization-fund-totals" data-fund={fund.name}>
              <Text size="xs" c="dimmed" fw={600}>
                {fund.name}
              </Text>
              <Group gap="md" mt={2}>
                {figures.map((f) => (
                  <div key={f.label}>
                    <Text size="xs" c="dimmed">
                      {f.label}
                    </Text>
                    <Text size="sm" fw={650} className="lp-num" data-testid={f.testId}>
                      {formatMoneyShort(f.value, fund.currency)}
                    </Text>
                  </div>
                ))}
              </Group>
            </div>
          );
        })}
      </Stack>
    </Card>
  );
}
