import { useDraggable } from '@dnd-kit/core';
import { CSS } from '@dnd-kit/utilities';
import { isCommittedStage, stageAmount } from '@lpdesk/contracts';
import { Avatar, Box, Card, Group, Stack, Text, Tooltip } from '@mantine/core';
import type { Commitment } from '../../api/types';
import { formatMoneyShort, formatRelative, initials } from '../../ui/format';

const PRIORITY_COLOR: Record<string, string> = { high: 'red', medium: 'yellow', low: 'gray' };

/** The full name, amount and next step, for the hover tooltip and screen readers. */
function cardSummary(c: Commitment): string {
  const amount = formatMoneyShort(stageAmount(c), c.currency);
  return [c.organization?.name ?? 'Unknown investor', `${amount} · ${c.effectiveProbability}%`, c.nextStep, c.owner ? `Owner: ${c.owner.name}` : null].filter(Boolean).join('\n');
}

/**
 * A compact card: the name on up to two lines (the whole name on hover), the stage amount, the
 * probability, the owner's initials. Columns are narrow so that eight fit a laptop screen.
 */
export function KanbanCardBody({ commitment, dragging = false }: { commitment: Commitment; dragging?: boolean }) {
  const c = commitment;
  const name = c.organization?.name ?? 'Unknown investor';
  // Only rows from before a committed amount was required lack one (docs/metrics.md).
  const committedUnknown = isCommittedStage(c.stage) && c.committedAmount === null;
  return (
    <Card padding={8} radius="md" shadow={dragging ? 'lg' : 'xs'} withBorder style={{ transform: dragging ? 'rotate(1.5deg)' : undefined }} title={cardSummary(c)}>
      <Stack gap={4}>
        {/* The name has the card's whole width and up to three lines: long names wrap at word breaks instead of being cut. */}
        <Text size="13px" fw={600} lh={1.25} lineClamp={3} className="lp-kanban-name" data-testid="card-name">
          {name}
        </Text>
        <Group justify="space-between" wrap="nowrap" gap={4}>
          <Text size="sm" fw={650} className="lp-num" data-testid="card-amount">
            {committedUnknown ? 'amount?' : formatMoneyShort(stageAmount(c), c.currency)}
          </Text>
          <Group gap={4} wrap="nowrap">
            <Text size="xs" c="dimmed" className="lp-num">
              {c.effectiveProbability}%
            </Text>
            {c.priority && (
              <Box
                w={7}
                h={7}
                aria-label={`${c.priority} priority`}
                style={{ borderRadius: 8, flexShrink: 0, background: `var(--mantine-color-${PRIORITY_COLOR[c.priority] ?? 'gray'}-6)` }}
              />
            )}
          </Group>
        </Group>
        {c.nextStep && (
          <Text size="xs" c="dimmed" lineClamp={1}>
            {c.nextStep}
          </Text>
        )}
        <Group justify="space-between" wrap="nowrap" gap={4}>
          <Text size="xs" c="dimmed" truncate>
            {formatRelative(c.stageChangedAt).replace(' ago', '')}
          </Text>
          {c.owner && (
            <Tooltip label={c.owner.name}>
              <Avatar size={18} radius="xl" color="indigo">
                <Text fz={8} fw={700}>
                  {initials(c.owner.name)}
                </Text>
              </Avatar>
            </Tooltip>
          )}
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
      aria-label={`${commitment.organization?.name ?? 'Investor'}, ${formatMoneyShort(stageAmount(commitment), commitment.currency)}. Press space to pick up and move between stages.`}
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
