import type { StageMetric } from '@lpdesk/contracts';
import { Box, Group, Progress, SimpleGrid, Text, Tooltip } from '@mantine/core';
import { formatMoneyShort } from '../../ui/format';
import { STAGE_META } from '../../ui/stages';

/**
 * Pipeline by stage: lead to closed, as one bar and one figure per stage. Each amount is the stage
 * amount of docs/metrics.md (committed in Committed and Closed, expected elsewhere), the same number
 * the pipeline column shows. Declined is not pipeline; it is noted under the bar.
 */
export function StageBar({ stages, declined, currency }: { stages: StageMetric[]; declined: StageMetric; currency: string }) {
  const total = stages.reduce((sum, s) => sum + s.amount, 0);
  return (
    <Box data-testid="stage-bar">
      <Progress.Root size={14} radius="xl">
        {total === 0 ? (
          <Progress.Section value={100} color="gray.3" />
        ) : (
          stages
            .filter((s) => s.amount > 0)
            .map((s) => (
              <Tooltip key={s.stage} label={`${STAGE_META[s.stage].label}: ${formatMoneyShort(s.amount, currency)} · ${s.count}`}>
                <Progress.Section value={(s.amount / total) * 100} color={`${STAGE_META[s.stage].color}.5`} />
              </Tooltip>
            ))
        )}
      </Progress.Root>
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} mt="md" spacing="sm">
        {stages.map((s) => (
          <Box key={s.stage} data-testid={`stage-${s.stage}`}>
            <Group gap={6} wrap="nowrap">
              <Box w={8} h={8} style={{ borderRadius: 8, background: `var(--mantine-color-${STAGE_META[s.stage].color}-5)`, flexShrink: 0 }} />
              <Text size="xs" c="dimmed" truncate>
                {STAGE_META[s.stage].label}
              </Text>
            </Group>
            <Text size="sm" fw={650} className="lp-num" mt={2} data-testid={`stage-amount-${s.stage}`}>
              {formatMoneyShort(s.amount, currency)}
            </Text>
            <Text size="xs" c="dimmed">
              {s.count} {s.count === 1 ? 'investor' : 'investors'}
            </Text>
          </Box>
        ))}
      </SimpleGrid>
      {declined.count > 0 && (
        <Text size="xs" c="dimmed" mt="sm" data-testid="stage-declined">
          Not in the pipeline: {declined.count} declined ({formatMoneyShort(declined.amount, currency)} expected).
        </Text>
      )}
    </Box>
  );
}
