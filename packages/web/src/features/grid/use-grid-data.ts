import type { BatchConflict, GridView } from '@lpdesk/contracts';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, errorMessage } from '../../api/client';
import { type CellChange, toBatch, UndoStack } from './undo';

export const gridKey = (fundIds: string[] | undefined, q: string | undefined) => ['grid', fundIds?.join(',') ?? '', q ?? ''] as const;

/** A conflict waiting for the person's answer, with the rest of its batch held back until all are answered. */
export interface PendingConflict {
  conflicts: BatchConflict[];
  step: CellChange[];
  mode: SendMode;
}

/** `edit` adds an undo step; `undo`/`redo` move one; `retry` (a conflict answered) leaves the stack alone. */
type SendMode = 'edit' | 'undo' | 'redo' | 'retry';

function conflictsOf(error: unknown): BatchConflict[] | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const details = error.details as { conflicts?: unknown } | undefined;
  return Array.isArray(details?.conflicts) ? (details.conflicts as BatchConflict[]) : null;
}

/**
 * The grid's rows and every write to them. Edits show at once (optimistic), go to POST /api/batch with
 * the value we saw as `expected`, and are undone locally if the server refuses; a 409 keeps the batch
 * aside for the conflict dialog.
 */
export function useGridData(fundIds: string[] | undefined, q: string | undefined) {
  const client = useQueryClient();
  const key = gridKey(fundIds, q);
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<{ data: GridView }>('/api/grid', { fundIds: fundIds?.join(','), q }, signal).then((r) => r.data),
    staleTime: 5_000,
  });
  const [conflict, setConflict] = useState<PendingConflict | null>(null);
  const undo = useRef(new UndoStack());
  // The undo stack lives in a ref; a tick re-renders so Undo/Redo buttons follow it.
  const [, setTick] = useState(0);

  const patchCells = useCallback(
    (changes: { entityId: string; field: string; value: unknown }[]) =>
      client.setQueryData<GridView>(key, (current) => {
        if (!current) return current;
        const byRow = new Map<string, Record<string, unknown>>();
        for (const change of changes) byRow.set(change.entityId, { ...(byRow.get(change.entityId) ?? {}), [change.field]: change.value });
        return { ...current, rows: current.rows.map((row) => (byRow.has(row.organizationId) ? { ...row, cells: { ...row.cells, ...byRow.get(row.organizationId) } } : row)) };
      }),
    // biome-ignore lint/correctness/useExhaustiveDependencies: the key is derived from fundIds and q
    [client, key[1], key[2]],
  );

  const refetch = useCallback(() => client.invalidateQueries({ queryKey: ['grid'] }), [client]);

  const send = useCallback(
    async (step: CellChange[], mode: SendMode = 'edit'): Promise<boolean> => {
      if (step.length === 0) return true;
      patchCells(step);
      try {
        await api.post('/api/batch', toBatch(step));
        if (mode === 'edit') undo.current.push(step);
        if (mode === 'undo') undo.current.commitUndo();
        if (mode === 'redo') undo.current.commitRedo();
        setTick((n) => n + 1);
        return true;
      } catch (error) {
        // The batch is all or nothing: put every cell back.
        patchCells(step.map((change) => ({ ...change, value: change.before })));
        const conflicts = conflictsOf(error);
        if (conflicts) setConflict({ conflicts, step, mode });
        else notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(error) });
        return false;
      }
    },
    [patchCells],
  );

  /** The person answered every conflict: `overwrite` lists the cells to write anyway. */
  const resolve = useCallback(
    async (overwrite: Set<string>) => {
      if (!conflict) return;
      const cellId = (c: { entityId: string; field: string }) => `${c.entityId}:${c.field}`;
      const current = new Map(conflict.conflicts.map((c) => [cellId(c), c.current]));
      setConflict(null);
      // Theirs stays: show it now.
      patchCells(conflict.conflicts.filter((c) => !overwrite.has(cellId(c))).map((c) => ({ entityId: c.entityId, field: c.field, value: c.current })));
      const retry = conflict.step
        .filter((change) => !current.has(cellId(change)) || overwrite.has(cellId(change)))
        .map((change) => (current.has(cellId(change)) ? { ...change, before: current.get(cellId(change)) } : change));
      // An answered undo or redo still counts as that step; an answered edit becomes one.
      if (conflict.mode === 'undo') undo.current.commitUndo();
      if (conflict.mode === 'redo') undo.current.commitRedo();
      if (retry.length > 0) await send(retry, conflict.mode === 'edit' ? 'edit' : 'retry');
      void refetch();
    },
    [conflict, patchCells, send, refetch],
  );

  const undoLast = useCallback(async () => {
    const step = undo.current.peekUndo();
    if (!step) return notifications.show({ message: 'Nothing to undo' });
    await send(step, 'undo');
  }, [send]);

  const redoLast = useCallback(async () => {
    const step = undo.current.peekRedo();
    if (!step) return notifications.show({ message: 'Nothing to redo' });
    await send(step, 'redo');
  }, [send]);

  // A new fund set or search is a different grid: edits made on another one cannot be undone here.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on the key only
  useEffect(() => undo.current.clear(), [key[1], key[2]]);

  return { query, send, conflict, resolve, undo: undoLast, redo: redoLast, refetch, patchCells, canUndo: undo.current.canUndo, canRedo: undo.current.canRedo };
}
