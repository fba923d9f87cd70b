import {
  type Announcements,
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import type { Stage, StageMetric } from '@lpdesk/contracts';
import { Box, Button, Group, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import type { Commitment } from '../../api/types';
import { formatMoneyShort } from '../../ui/format';
import { STAGE_META, stageLabel } from '../../ui/stages';
import { KanbanCard, KanbanCardBody } from './kanban-card';
import { columnKeyboardCoordinates } from './keyboard';
import { groupByStage } from './kanban-logic';
import './kanban.css';

// Pointer first (precise for mouse); the keyboard has no pointer, so fall back to overlap.
const collisionDetection: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  return within.length > 0 ? within : rectIntersection(args);
};

interface BoardProps {
  items: Commitment[];
  /** Every column's count and amount over all matching commitments (the server's, moves in flight applied). */
  totals: readonly StageMetric[];
  currency: string;
  onMove: (card: Commitment, to: Stage) => void;
  onOpen: (card: Commitment) => void;
  onShowMore: (stage: Stage) => void;
}

export function KanbanBoard({ items, totals, currency, onMove, onOpen, onShowMore }: BoardProps) {
  const stages = totals.map((t) => t.stage);
  const groups = groupByStage(items, stages);
  const [active, setActive] = useState<Commitment | null>(null);
  const lastDragEnd = useRef(0);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnKeyboardCoordinates, keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space'] } }),
  );
  const nameOf = (id: string | number) => items.find((c) => c.id === id)?.organization?.name ?? 'card';
  const announcements: Announcements = {
    onDragStart: ({ active: a }) => `Picked up ${nameOf(a.id)}. Use left and right arrows to choose a stage, space to drop, escape to cancel.`,
    onDragOver: ({ active: a, over }) => (over ? `${nameOf(a.id)} is over ${stageLabel(String(over.id))}.` : `${nameOf(a.id)} is not over a stage.`),
    onDragEnd: ({ active: a, over }) => (over ? `${nameOf(a.id)} dropped in ${stageLabel(String(over.id))}.` : `${nameOf(a.id)} dropped.`),
    onDragCancel: ({ active: a }) => `Moving ${nameOf(a.id)} was cancelled.`,
  };

  const start = (event: DragStartEvent) => setActive(items.find((c) => c.id === event.active.id) ?? null);
  const end = (event: DragEndEvent) => {
    setActive(null);
    lastDragEnd.current = Date.now();
    const card = items.find((c) => c.id === event.active.id);
    const to = event.over?.id as Stage | undefined;
    if (card && to && to !== card.stage) onMove(card, to);
  };
  // A drop ends with a click on the card; only treat it as "open" when no drag just finished.
  const open = (card: Commitment) => {
    if (Date.now() - lastDragEnd.current > 250) onOpen(card);
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      onDragStart={start}
      onDragEnd={end}
      onDragCancel={() => setActive(null)}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable: 'To move a card between stages, press space to pick it up, arrow keys to choose a stage, and space again to drop it.',
        },
      }}
    >
      <div className="lp-kanban" data-testid="kanban">
        {totals.map((total) => (
          <KanbanColumn key={total.stage} total={total} cards={groups[total.stage]} currency={currency} onOpen={open} onShowMore={onShowMore} />
        ))}
      </div>
      <DragOverlay dropAnimation={{ duration: 150, easing: 'ease-out' }}>{active ? <KanbanCardBody commitment={active} dragging /> : null}</DragOverlay>
    </DndContext>
  );
}

interface ColumnProps {
  total: StageMetric;
  cards: Commitment[];
  currency: string;
  onOpen: (c: Commitment) => void;
  onShowMore: (stage: Stage) => void;
}

function KanbanColumn({ total, cards, currency, onOpen, onShowMore }: ColumnProps) {
  const { stage } = total;
  const { setNodeRef, isOver } = useDroppable({ id: stage });
  const meta = STAGE_META[stage];
  const hidden = total.count - cards.length;
  return (
    <Box
      ref={setNodeRef}
      data-testid={`column-${stage}`}
      aria-label={`${meta.label} column`}
      style={{
        background: 'var(--lp-column-bg)',
        borderRadius: 12,
        border: `1px solid ${isOver ? `var(--mantine-color-${meta.color}-5)` : 'transparent'}`,
        boxShadow: isOver ? `0 0 0 3px var(--mantine-color-${meta.color}-light)` : undefined,
        transition: 'box-shadow 120ms, border-color 120ms',
      }}
    >
      <Box px={8} pt={8} pb={4} style={{ borderTop: `3px solid var(--mantine-color-${meta.color}-5)`, borderRadius: '12px 12px 0 0' }}>
        <Group justify="space-between" wrap="nowrap" gap={4}>
          <Text size="sm" fw={650} truncate title={meta.label}>
            {meta.label}
          </Text>
          <Text size="xs" c="dimmed" fw={600} data-testid={`count-${stage}`}>
            {total.count}
          </Text>
        </Group>
        <Text size="xs" fw={600} c="dimmed" className="lp-num" data-testid={`total-${stage}`}>
          {formatMoneyShort(total.amount, currency)}
        </Text>
      </Box>
      <Stack gap={6} p={6} mih={120} style={{ maxHeight: 'calc(100vh - 300px)', overflowY: 'auto' }}>
        {cards.map((card) => (
          <KanbanCard key={card.id} commitment={card} onOpen={onOpen} />
        ))}
        {total.count === 0 && cards.length === 0 && (
          <Text size="xs" c="dimmed" ta="center" py="lg">
            Drop here
          </Text>
        )}
        {hidden > 0 && (
          <Button size="compact-xs" variant="subtle" onClick={() => onShowMore(stage)} data-testid={`show-more-${stage}`}>
            Show more ({hidden})
          </Button>
        )}
      </Stack>
    </Box>
  );
}
