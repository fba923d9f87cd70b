import type { Stage } from '@lpdesk/contracts';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dispatch } from 'react';
import { api, errorMessage } from '../../api/client';
import type { Commitment } from '../../api/types';
import { stageLabel } from '../../ui/stages';
import { teamNow } from '../../ui/team-time';
import type { BoardAction } from './kanban-logic';

export interface MoveDetails {
  /** Why the investor declined (moving to declined). */
  reason?: string;
  /** How much was committed (moving to committed or closed). */
  committedAmount?: number;
}

/** Optimistic stage move: the card moves at once, then is confirmed by the server or put back. */
export function useStageMove(dispatch: Dispatch<BoardAction>) {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: ({ card, to, details }: { card: Commitment; to: Stage; details: MoveDetails }) =>
      api.post<{ data: Commitment }>(`/api/commitments/${card.id}/stage`, { stage: to, ...details }).then((r) => r.data),
  });
  return (card: Commitment, to: Stage, details: MoveDetails = {}) => {
    dispatch({ type: 'move', id: card.id, to, reason: details.reason ?? null, committedAmount: details.committedAmount ?? null, at: teamNow().toISOString() });
    mutation.mutate(
      { card, to, details },
      {
        onSuccess: (saved) => {
          dispatch({ type: 'commit', id: card.id, saved });
          void client.invalidateQueries({ queryKey: ['reports'] });
          void client.invalidateQueries({ queryKey: ['organizations'] });
          void client.invalidateQueries({ queryKey: ['contacts'] });
          void client.invalidateQueries({ queryKey: ['commitments'] });
        },
        onError: (error) => {
          dispatch({ type: 'rollback', id: card.id });
          notifications.show({ color: 'red', title: `Could not move ${card.organization?.name ?? 'card'} to ${stageLabel(to)}`, message: errorMessage(error) });
        },
      },
    );
  };
}
