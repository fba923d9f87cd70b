import type { Stage } from '@lpdesk/contracts';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dispatch } from 'react';
import { api, errorMessage } from '../../api/client';
import type { Commitment } from '../../api/types';
import { stageLabel } from '../../ui/stages';
import type { BoardAction } from './kanban-logic';
import { teamNow } from '../../ui/team-time';

/** Optimistic stage move: the card moves at once, then is confirmed by the server or put back. */
export function useStageMove(dispatch: Dispatch<BoardAction>) {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: ({ card, to, reason }: { card: Commitment; to: Stage; reason?: string }) =>
      api.post<{ data: Commitment }>(`/api/commitments/${card.id}/stage`, { stage: to, ...(reason ? { reason } : {}) }).then((r) => r.data),
  });
  return (card: Commitment, to: Stage, reason?: string) => {
    dispatch({ type: 'move', id: card.id, to, reason: reason ?? null, at: teamNow().toISOString() });
    mutation.mutate(
      { card, to, ...(reason ? { reason } : {}) },
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
