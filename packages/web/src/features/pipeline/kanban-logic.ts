import { COMMITTED_STAGES, effectiveProbability, isOpenStage, type Stage, type StageMetric, stageAmount, stageMoveProblem } from '@lpdesk/contracts';
import type { Commitment } from '../../api/types';
import { ALL_STAGES } from '../../ui/stages';

// Pipeline rules (amounts, probabilities, allowed moves) come from contracts, the same ones the server applies.
// Totals come from the server (reports/metrics.ts); the board only shifts them by the moves still in flight.

export function groupByStage(items: Commitment[], stages: readonly Stage[] = ALL_STAGES): Record<Stage, Commitment[]> {
  const groups = Object.fromEntries(stages.map((s) => [s, [] as Commitment[]])) as Record<Stage, Commitment[]>;
  for (const item of items) groups[item.stage]?.push(item);
  // Biggest cheques first, then alphabetical, so a column reads like a priority list.
  for (const stage of stages) {
    groups[stage].sort((a, b) => stageAmount(b) - stageAmount(a) || (a.organization?.name ?? '').localeCompare(b.organization?.name ?? ''));
  }
  return groups;
}

/**
 * Board state keeps the server's rows plus the optimistic moves still in flight. `pending` holds each
 * moved card's previous version so a failed request can put it back exactly as it was.
 */
export interface PendingMove {
  previous: Commitment;
  to: Stage;
  reason: string | null;
  committedAmount: number | null;
}

export interface BoardState {
  items: Commitment[];
  pending: Record<string, PendingMove>;
}

export type BoardAction =
  | { type: 'sync'; items: Commitment[] }
  | { type: 'move'; id: string; to: Stage; reason?: string | null; committedAmount?: number | null; at: string }
  | { type: 'commit'; id: string; saved: Commitment }
  | { type: 'rollback'; id: string };

export const emptyBoard: BoardState = { items: [], pending: {} };

function moved(card: Commitment, to: Stage, reason: string | null, committedAmount: number | null, at: string): Commitment {
  return {
    ...card,
    committedAmount: committedAmount ?? card.committedAmount,
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
        return pending ? moved(item, pending.to, pending.reason, pending.committedAmount, item.stageChangedAt) : item;
      });
      return { ...state, items };
    }
    case 'move': {
      const card = state.items.find((c) => c.id === action.id);
      const reason = action.reason ?? null;
      const committedAmount = action.committedAmount ?? null;
      // A move the server would refuse (same column, declining without a reason, committing no amount) is never shown.
      if (!card || stageMoveProblem(card.stage, action.to, reason, committedAmount ?? card.committedAmount)) return state;
      const previous = state.pending[action.id]?.previous ?? card;
      return {
        items: state.items.map((c) => (c.id === action.id ? moved(c, action.to, reason, committedAmount, action.at) : c)),
        pending: { ...state.pending, [action.id]: { previous, to: action.to, reason, committedAmount } },
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

/**
 * The server's stage totals with the moves still in flight applied: a moved card leaves its old
 * column's count and amount and joins the new one's, so the headers never wait for the round trip.
 */
export function stageTotalsWithPending(stages: readonly StageMetric[], state: BoardState): StageMetric[] {
  const totals = new Map(stages.map((s) => [s.stage, { ...s }]));
  for (const [id, move] of Object.entries(state.pending)) {
    const now = state.items.find((c) => c.id === id);
    const from = totals.get(move.previous.stage);
    const to = totals.get(move.to);
    if (!now || !from || !to) continue;
    from.count -= 1;
    from.amount -= stageAmount(move.previous);
    to.count += 1;
    to.amount += stageAmount(now);
  }
  return stages.map((s) => totals.get(s.stage) ?? s);
}

/** The header figures (docs/metrics.md) from stage totals: open pipeline, committed, open count. */
export function headlineFigures(stages: readonly StageMetric[]) {
  const sum = (pick: (s: StageMetric) => boolean, field: 'count' | 'amount') => stages.filter(pick).reduce((total, s) => total + s[field], 0);
  const open = (s: StageMetric) => isOpenStage(s.stage);
  return {
    expected: sum(open, 'amount'),
    committed: sum((s) => COMMITTED_STAGES.includes(s.stage), 'amount'),
    openCount: sum(open, 'count'),
  };
}

/** A search box and an owner filter; both also go to the server, which totals the same rows. */
export interface BoardFilters {
  q: string;
  ownerId: string | null;
}

/** Whether a card (moved or edited locally) still belongs on a board filtered this way. */
export function matchesBoardFilters(card: Commitment, filters: BoardFilters): boolean {
  if (filters.ownerId && card.ownerId !== filters.ownerId) return false;
  const q = filters.q.trim().toLowerCase();
  if (!q) return true;
  return (card.organization?.name ?? '').toLowerCase().includes(q) || (card.nextStep ?? '').toLowerCase().includes(q);
}
