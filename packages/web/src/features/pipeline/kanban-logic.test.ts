import { describe, expect, it } from 'vitest';
import { card } from './kanban-test-cards';
import { boardReducer, emptyBoard, groupByStage, headlineFigures, matchesBoardFilters, stageTotalsWithPending } from './kanban-logic';

describe('grouping', () => {
  it('puts every card in its stage column, biggest cheque first', () => {
    const groups = groupByStage([card('a', { expectedAmount: 1_00 }), card('b', { expectedAmount: 5_00 }), card('c', { stage: 'meeting' })]);
    expect(groups.lead.map((c) => c.id)).toEqual(['b', 'a']);
    expect(groups.meeting.map((c) => c.id)).toEqual(['c']);
    expect(groups.declined).toEqual([]);
    expect(Object.keys(groups)).toHaveLength(8);
  });

});

describe('optimistic moves', () => {
  const loaded = boardReducer(emptyBoard, { type: 'sync', items: [card('a'), card('b')] });

  it('moves the card at once and updates its default probability', () => {
    const state = boardReducer(loaded, { type: 'move', id: 'a', to: 'soft_circle', at: '2026-11-28T10:00:00.000Z' });
    const moved = state.items.find((c) => c.id === 'a');
    expect(moved?.stage).toBe('soft_circle');
    expect(moved?.effectiveProbability).toBe(70);
    expect(moved?.stageChangedAt).toBe('2026-11-28T10:00:00.000Z');
    expect(state.pending.a?.previous.stage).toBe('lead');
  });

  it('keeps an explicit probability when moving', () => {
    const state = boardReducer(boardReducer(emptyBoard, { type: 'sync', items: [card('a', { probability: 33, effectiveProbability: 33 })] }), {
      type: 'move',
      id: 'a',
      to: 'meeting',
      at: 'now',
    });
    expect(state.items[0]?.effectiveProbability).toBe(33);
  });

  it('rolls back to exactly the previous card when the server refuses', () => {
    const moved = boardReducer(loaded, { type: 'move', id: 'a', to: 'declined', reason: 'No appetite', at: 'now' });
    expect(moved.items[0]?.declinedReason).toBe('No appetite');
    const rolledBack = boardReducer(moved, { type: 'rollback', id: 'a' });
    expect(rolledBack.items[0]).toEqual(loaded.items[0]);
    expect(rolledBack.pending).toEqual({});
  });

  it('rolls back two quick moves of the same card to where it started', () => {
    let state = boardReducer(loaded, { type: 'move', id: 'a', to: 'outreach', at: 't1' });
    state = boardReducer(state, { type: 'move', id: 'a', to: 'meeting', at: 't2' });
    state = boardReducer(state, { type: 'rollback', id: 'a' });
    expect(state.items[0]?.stage).toBe('lead');
  });

  it('replaces the card with the server version on success', () => {
    const moved = boardReducer(loaded, { type: 'move', id: 'a', to: 'meeting', at: 'now' });
    const saved = card('a', { stage: 'meeting', effectiveProbability: 20, stageChangedAt: 'server-time' });
    const state = boardReducer(moved, { type: 'commit', id: 'a', saved });
    expect(state.items[0]).toBe(saved);
    expect(state.pending).toEqual({});
  });

  it('does not let a stale refetch snap an in-flight card back', () => {
    const moved = boardReducer(loaded, { type: 'move', id: 'a', to: 'meeting', at: 'now' });
    const synced = boardReducer(moved, { type: 'sync', items: [card('a'), card('b')] });
    expect(synced.items[0]?.stage).toBe('meeting');
  });

  it('ignores a drop on the column the card is already in', () => {
    expect(boardReducer(loaded, { type: 'move', id: 'a', to: 'lead', at: 'now' })).toBe(loaded);
  });

  it('does not show a decline the server would refuse for want of a reason', () => {
    expect(boardReducer(loaded, { type: 'move', id: 'a', to: 'declined', at: 'now' })).toBe(loaded);
    expect(boardReducer(loaded, { type: 'move', id: 'a', to: 'declined', reason: '  ', at: 'now' })).toBe(loaded);
  });

  it('does not show a move to committed with no committed amount, and records the one given', () => {
    expect(boardReducer(loaded, { type: 'move', id: 'a', to: 'committed', at: 'now' })).toBe(loaded);
    const state = boardReducer(loaded, { type: 'move', id: 'a', to: 'committed', committedAmount: 5_000, at: 'now' });
    expect(state.items[0]).toMatchObject({ stage: 'committed', committedAmount: 5_000 });
    expect(boardReducer(state, { type: 'rollback', id: 'a' }).items[0]?.committedAmount).toBeNull();
  });
});

describe('server totals with moves in flight', () => {
  const server = [
    { stage: 'lead' as const, count: 2, amount: 200_000_00 },
    { stage: 'committed' as const, count: 1, amount: 7_500 },
  ];
  it('moves the card\'s count and stage amount from the old column to the new one until the server answers', () => {
    const loaded = boardReducer(emptyBoard, { type: 'sync', items: [card('a'), card('b')] });
    expect(stageTotalsWithPending(server, loaded)).toEqual(server);
    const moving = boardReducer(loaded, { type: 'move', id: 'a', to: 'committed', committedAmount: 90_000_00, at: 'now' });
    expect(stageTotalsWithPending(server, moving)).toEqual([
      { stage: 'lead', count: 1, amount: 100_000_00 },
      { stage: 'committed', count: 2, amount: 7_500 + 90_000_00 },
    ]);
    expect(headlineFigures(stageTotalsWithPending(server, moving))).toEqual({ expected: 100_000_00, committed: 7_500 + 90_000_00, openCount: 1 });
  });
});

describe('board filters', () => {
  it('match the investor name or the next step, case-blind, and the owner', () => {
    const c = card('a', { nextStep: 'Send the DDQ', ownerId: 'u1' });
    expect(matchesBoardFilters(c, { q: 'investor A', ownerId: null })).toBe(true);
    expect(matchesBoardFilters(c, { q: 'ddq', ownerId: 'u1' })).toBe(true);
    expect(matchesBoardFilters(c, { q: 'ddq', ownerId: 'u2' })).toBe(false);
    expect(matchesBoardFilters(c, { q: 'zebra', ownerId: null })).toBe(false);
  });
});
