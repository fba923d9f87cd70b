import { Badge, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconShare, IconX } from '@tabler/icons-react';
import type { IdentityEvidence } from './identity-api';
import { percent } from './identity-api';

const DIRECTION = {
  for: { label: 'For', color: 'teal', icon: IconCheck },
  against: { label: 'Against', color: 'red', icon: IconX },
  shared: { label: 'Shared', color: 'gray', icon: IconShare },
} as const;

/** Evidence for, against and shared (recognised as shared, never merges on its own), strongest first. */
export function EvidenceList({ evidence }: { evidence: IdentityEvidence[] }) {
  if (evidence.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No evidence recorded.
      </Text>
    );
  const order = { for: 0, against: 1, shared: 2 } as const;
  const sorted = [...evidence].sort((x, y) => order[x.direction] - order[y.direction] || y.confidence - x.confidence);
  return (
    <Stack gap={6} data-testid="identity-evidence">
      {sorted.map((item, index) => {
        const style = DIRECTION[item.direction];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: evidence has no id and the list is rebuilt as a whole
          <Group key={index} gap="xs" wrap="nowrap" align="flex-start" data-direction={item.direction}>
            <Badge color={style.color} variant="light" size="sm" radius="sm" leftSection={<style.icon size={11} />} style={{ flexShrink: 0, minWidth: 78 }}>
              {style.label}
            </Badge>
            <Text size="sm" style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
              {item.reason}
            </Text>
            <Text size="xs" c="dimmed" className="lp-num" style={{ flexShrink: 0 }} title={item.rule}>
              {percent(item.confidence)}
            </Text>
          </Group>
        );
      })}
    </Stack>
  );
}

export function ConflictList({ conflicts }: { conflicts: string[] }) {
  if (conflicts.length === 0) return null;
  return (
    <Stack gap={4} data-testid="identity-conflicts">
      {conflicts.map((conflict) => (
        <Group key={conflict} gap={6} wrap="nowrap" align="flex-start">
          <IconAlertTriangle size={15} color="var(--mantine-color-orange-6)" style={{ flexShrink: 0, marginTop: 2 }} />
          <Text size="sm">{conflict}</Text>
        </Group>
      ))}
    </Stack>
  );
}
