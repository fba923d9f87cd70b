import type { BatchConflict, GridColumnView } from '@lpdesk/contracts';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { formatCell } from './cell-values';
import type { PendingConflict } from './use-grid-data';

interface Revision {
  at: string;
  actorName: string | null;
  actorKind: string;
  before: unknown;
  after: unknown;
}

const cellId = (c: { entityId: string; field: string }) => `${c.entityId}:${c.field}`;

/** Who changed the cell last: the newest revision of its history. */
function ConflictLine({ conflict, column, rowName }: { conflict: BatchConflict; column: GridColumnView | undefined; rowName: string }) {
  const history = useQuery({
    queryKey: ['grid', 'cell-history', conflict.entityId, conflict.field],
    queryFn: () => api.get<{ data: Revision[] }>('/api/grid/cell-history', { organizationId: conflict.entityId, field: conflict.field }).then((r) => r.data),
  });
  const who = history.data?.[0]?.actorName ?? 'Someone';
  const theirs = column ? formatCell(column, conflict.current) : String(conflict.current ?? '');
  return (
    <Text size="sm" data-testid="grid-conflict-line">
      <b>{who}</b> changed this to <b>{theirs || '(empty)'}</b> — {rowName}, {column?.label ?? conflict.field}
    </Text>
  );
}

/**
 * A 409 from the batch: one question per conflicting cell, keep theirs or overwrite with mine. The
 * batch is sent again once every cell has an answer (without the cells where theirs is kept).
 */
export function ConflictDialog({ pending, columns, nameOf, onResolve }: { pending: PendingConflict; columns: Map<string, GridColumnView>; nameOf: (id: string) => string; onResolve: (overwrite: Set<string>) => void }) {
  const [index, setIndex] = useState(0);
  const [overwrite] = useState(() => new Set<string>());
  const conflict = pending.conflicts[index];
  if (!conflict) return null;
  const mine = pending.step.find((c) => cellId(c) === cellId(conflict));
  const column = columns.get(conflict.field);
  const answer = (write: boolean) => {
    if (write) overwrite.add(cellId(conflict));
    if (index + 1 < pending.conflicts.length) setIndex(index + 1);
    else onResolve(overwrite);
  };
  return (
    <Modal opened onClose={() => onResolve(new Set())} title="This cell changed while you were editing" data-testid="grid-conflict-dialog">
      <Stack gap="sm" data-testid="grid-conflict">
        <ConflictLine conflict={conflict} column={column} rowName={nameOf(conflict.entityId)} />
        <Text size="sm" c="dimmed">
          Yours: {column && mine ? formatCell(column, mine.value) || '(empty)' : String(mine?.value ?? '')}
          {pending.conflicts.length > 1 ? ` · ${index + 1} of ${pending.conflicts.length}` : ''}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => answer(false)} data-testid="grid-keep-theirs">
            Keep theirs
          </Button>
          <Button onClick={() => answer(true)} data-testid="grid-overwrite">
            Overwrite with mine
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
