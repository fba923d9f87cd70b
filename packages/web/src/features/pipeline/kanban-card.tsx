import { useDraggable } from '@dnd-kit/core';
import { CSS } from '@dnd-kit/utilities';
import { Avatar, Badge, Card, Group, Stack, Text, Tooltip } from '@mantine/core';
import { pipelineAmount } from '@lpdesk/contracts';
import type { Commitment } from '../../api/types';
import { formatMoneyShort, formatRelative, initials } from '../../ui/format';

const PRIORITY_COLOR: Record<string, string> = { high: 'red', medium: 'yellow', low: 'gray' };

export function KanbanCardBody({ commitment, dragging = false }: { commitment: Commitment; dragging?: boolean }) {
  const c = commitment;
  return (
    <Card padding="sm" radius="md" shadow={dragging ? 'lg' : 'xs'} withBorder style={{ transform: dragging ? 'rotate(1.5deg)' : undefined }}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text size="sm" fw={600} truncate>
            {c.organization?.name ?? 'Unknown investor'}
          </Text>
          {c.priority && (
            <Badge size="xs" variant="dot" color={PRIORITY_COLOR[c.priority] ?? 'gray'} style={{ flexShrink: 0 }}>
              {c.priority}
            </Badge>
          )}
        </Group>
        <Group justify="space-between" wrap="nowrap">
          <Text size="md" fw={650} className="lp-num">
            {formatMoneyShort(pipelineAmount(c), c.currency)}
          </Text>
          <Text size="xs" c="dimmed" className="lp-num">
            {c.effectiveProbability}%
          </Text>
        </Group>
        {c.nextStep && (
          <Text size="xs" c="dimmed" className="lp-clamp-2">
            {c.nextStep}
          </Text>
        )}
        <Group justify="space-between" wrap="nowrap">
          <Text size="xs" c="dimmed" truncate>
            {c.primaryContact?.name ?? '—'}
          </Text>
          <Group gap={6} wrap="nowrap">
            <Text size="xs" c="dimmed">
              {formatRelative(c.stageChangedAt).replace(' ago', '')}
            </Text>
            {c.owner && (
              <Tooltip label={c.owner.name}>
                <Avatar size={20} radius="xl" color="indigo">
                  <Text fz={9} fw={700}>
                    {initials(c.owner.name)}
                  </Text>
                </Avatar>
              </Tooltip>
            )}
          </Group>
        </Group>
      </Stack>
    </Card>
  );
}

export function KanbanCard({ commitment, onOpen }: { commitment: Commitment; onOpen: (c: Commitment) => void }) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: commitment.id, data: { stage: commitment.stage } });
  return (
    // biome-ignore lint/a11y/useSemanticElements: dnd-kit's draggable holds block content (a card), which a <button> may not
    <div
      ref={setNodeRef}
      className="lp-kanban-card"
      data-testid="kanban-card"
      data-card-name={commitment.organization?.name ?? ''}
      data-stage={commitment.stage}
      style={{ transform: CSS.Translate.toString(transform), opacity: isDragging ? 0.35 : 1 }}
      {...listeners}
      {...attributes}
      role="button"
      tabIndex={0}
      aria-roledescription="Pipeline card"
      aria-label={`${commitment.organization?.name ?? 'Investor'}, ${formatMoneyShort(pipelineAmount(commitment), commitment.currency)}. Press space to pick up and move between stages.`}
      onClick={() => onOpen(commitment)}
      onKeyDown={(event) => {
        listeners?.onKeyDown?.(event);
        if (event.key === 'Enter' && !event.defaultPrevented) onOpen(commitment);
      }}
    >
      <KanbanCardBody commitment={commitment} />
    </div>
  );
}
