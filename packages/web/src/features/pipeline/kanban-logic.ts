import { effectiveProbability, isOpenStage, pipelineAmount, type Stage, stageMoveProblem } from '@lpdesk/contracts';
import type { Commitment } from '../../api/types';
import { ALL_STAGES } from '../../ui/stages';

// Pipeline rules (amounts, probabilities, allowed moves) come from contracts, the same ones the server applies.

export function groupByStage(items: Commitment[], stages: readonly Stage[] = ALL_STAGES): Record<Stage, Commitment[]> {
  const groups = Object.fromEntries(stages.map((s) => [s, [] as Commitment[]])) as Record<Stage, Commitment[]>;
  for (const item of items) groups[item.stage]?.push(item);
  // Biggest cheques first, then alphabetical, so a column reads like a priority list.
  for (const stage of stages) {
    groups[stage].sort((a, b) => pipelineAmount(b) - pipelineAmount(a) || (a.organization?.name ?? '').localeCompare(b.organization?.name ?? ''));
  }
  return groups;
}

export interface ColumnTotals {
  count: number;
  amount: number;
  weighted: number;
}

export function columnTotals(items: Commitment[]): ColumnTotals {
  return items.reduce<ColumnTotals>(
    (t, c) => ({ count: t.count + 1, amount: t.amount + pipelineAmount(c), weighted: t.weighted + (pipelineAmount(c) * c.effectiveProbability) / 100 }),
    { count: 0, amount: 0, weighted: 0 },
  );
}

/** Totals of the open pipeline: won and declined deals left out. */
export function boardTotals(items: Commitment[]): ColumnTotals {
  return columnTotals(items.filter((c) => isOpenStage(c.stage)));
}

/**
 * Board state keeps the server's rows plus the optimistic moves still in flight. `pending` holds each
 * moved card's previous version so a failed request can put it back exactly as it was.
 */
export interface BoardState {
  items: Commitment[];
  pending: Record<string, { previous: Commitment; to: Stage; reason: string | null }>;
}

export type BoardAction =
  | { type: 'sync'; items: Commitment[] }
  | { type: 'move'; id: string; to: Stage; reason?: string | null; at: string }
  | { type: 'commit'; id: string; saved: Commitment }
  | { type: 'rollback'; id: string };

export const emptyBoard: BoardState = { items: [], pending: {} };

function moved(card: Commitment, to: Stage, reason: string | null, at: string): Commitment {
  return {
    ...card,
    stage: to,
    stageChangedAt: at,
    declinedReason: to === 'declined' ? reason : card.declinedReason,
    effectiveProbability: effectiveProbability(to, card.probability),
  };
}

export function boardReducer(state: BoardState, action: BoardAction): BoardState {
  switch (action.type) {
    case 'sync': {
      // A refetch that lands mid-move must not snap a card back: re-apply moves still in flight.
      const items = action.items.map((item) => {
        const pending = state.pending[item.id];
        return pending ? moved(item, pending.to, pending.reason, item.stageChangedAt) : item;
      });
      return { ...state, items };
    }
    case 'move': {
      const card = state.items.find((c) => c.id === action.id);
      const reason = action.reason ?? null;
      // A move the server would refuse (same column, declining without a reason) is never shown.
      if (!card || stageMoveProblem(card.stage, action.to, reason)) return state;
      const previous = state.pending[action.id]?.previous ?? card;
      return {
        items: state.items.map((c) => (c.id === action.id ? moved(c, action.to, reason, action.at) : c)),
        pending: { ...state.pending, [action.id]: { previous, to: action.to, reason } },
      };
    }
    case 'commit': {
      const { [action.id]: _done, ...pending } = state.pending;
      return { items: state.items.map((c) => (c.id === action.id ? action.saved : c)), pending };
    }
    case 'rollback': {
      const entry = state.pending[action.id];
      if (!entry) return state;
      const { [action.id]: _failed, ...pending } = state.pending;
      return { items: state.items.map((c) => (c.id === action.id ? entry.previous : c)), pending };
    }
  }
}
