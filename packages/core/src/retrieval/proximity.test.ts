import { describe, expect, it } from 'vitest';
import { pairShare, rerankByProximity } from './proximity.js';

describe('proximity re-rank', () => {
  it('counts the pairs a text holds as two words in a row, whatever the case, accents and punctuation between', () => {
    expect(pairShare(['capital call', 'call schedule'], 'The Capital Call came late; the schedule slipped.')).toBe(0.5);
    expect(pairShare(['capital call'], 'capital, call me')).toBe(1);
    expect(pairShare(['jose muller'], 'Met José Müller today')).toBe(1);
    // Whole words only, and in the order typed.
    expect(pairShare(['capital call'], 'capital callers and recapital calls')).toBe(0);
    expect(pairShare(['capital call'], 'call capital')).toBe(0);
    expect(pairShare([], 'anything')).toBe(0);
  });

  it('lifts notes holding the pairs above notes with the same words apart, and keeps the order otherwise', () => {
    const texts = new Map([
      [1, 'Scheduled a follow-up call; capital markets are slow.'],
      [2, 'The capital call notice came with five days to fund.'],
      [3, 'Lunch; talked about the market.'],
    ]);
    const hits = [
      { id: 1, score: 10 },
      { id: 2, score: 9 },
      { id: 3, score: 2 },
    ];
    expect(rerankByProximity(hits, ['capital call'], (id) => texts.get(id)).map((hit) => hit.id)).toEqual([2, 1, 3]);
    expect(rerankByProximity(hits, [], (id) => texts.get(id))).toEqual(hits);
  });
});
