import { isPipelineStage } from '@lpdesk/contracts';
import { Box, Group, Progress, SimpleGrid, Text, Tooltip } from '@mantine/core';
import type { Dashboard } from '../../api/types';
import { formatMoneyShort } from '../../ui/format';
import { STAGE_META } from '../../ui/stages';

/** Money per stage as one bar; declined is listed but left out of the bar since it is not pipeline. */
export function StageBar({ stages, currency }: { stages: Dashboard['stages']; currency: string }) {
  const inBar = stages.filter((s) => isPipelineStage(s.stage));
  const total = inBar.reduce((sum, s) => sum + s.amount, 0);
  return (
    <Box data-testid="stage-bar">
      <Progress.Root size={14} radius="xl">
        {total === 0 ? (
          <Progress.Section value={100} color="gray.3" />
        ) : (
          inBar
            .filter((s) => s.amount > 0)
            .map((s) => (
              <Tooltip key={s.stage} label={`${STAGE_META[s.stage].label}: ${formatMoneyShort(s.amount, currency)} · ${s.count}`}>
                <Progress.Section value={(s.amount / total) * 100} color={`${STAGE_META[s.stage].color}.5`} />
              </Tooltip>
            ))
        )}
      </Progress.Root>
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 8 }} mt="md" spacing="sm">
        {stages.map((s) => (
          <Box key={s.stage}>
            <Group gap={6} wrap="nowrap">
              <Box w={8} h={8} style={{ borderRadius: 8, background: `var(--mantine-color-${STAGE_META[s.stage].color}-5)`, flexShrink: 0 }} />
              <Text size="xs" c="dimmed" truncate>
                {STAGE_META[s.stage].label}
              </Text>
            </Group>
            <Text size="sm" fw={650} className="lp-num" mt={2}>
              {formatMoneyShort(s.amount, currency)}
            </Text>
            <Text size="xs" c="dimmed">
              {s.count} {s.count === 1 ? 'investor' : 'investors'}
            </Text>
          </Box>
        ))}
      </SimpleGrid>
    </Box>
  );
}
