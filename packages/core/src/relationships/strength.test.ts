import { describe, expect, it } from 'vitest';
import { TEST_NOW } from '../testing/index.js';
import { bestIntroPaths, type RelationshipGraph } from './intro-path.js';
import { type CommunicationFact, knowsEvidence, reciprocatedEmailIds, strengthAt, threadKey } from './strength.js';

const DAY = 86_400_000;
const now = new Date(TEST_NOW);
const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
let serial = 0;
const fact = (kind: string, daysAgo: number, subject: string | null = null, direction: CommunicationFact['direction'] = null): CommunicationFact => ({
  id: `c${++serial}`,
  kind,
  occurredAt: ago(daysAgo),
  subject,
  direction,
});

describe('relationship strength formula', () => {
  it('is 1 − exp(−Σ w·2^(−age/180)) over the fixed dataset, to 3 decimals', () => {
    // meeting 180 days ago (2 → 1), one-way email 90 days ago (0.3 → 0.2121), call 360 days ago (1.5 → 0.375), a note (0).
    const evidence = knowsEvidence([fact('meeting', 180), fact('email', 90, 'Hello'), fact('call', 360), fact('note', 1)]);
    expect(evidence.map((item) => [item.kind, item.weight])).toEqual([
      ['call', 1.5],
      ['meeting', 2],
      ['one_way_email', 0.3],
    ]);
    expect(strengthAt(evidence, now).toFixed(3)).toBe('0.795');
    // 180 days later every term has halved.
    expect(strengthAt(evidence, new Date(now.getTime() + 180 * DAY)).toFixed(3)).toBe('0.548');
  });

  it('ignores communications dated after now (a scheduled meeting is not yet evidence)', () => {
    expect(strengthAt(knowsEvidence([fact('meeting', -10)]), now)).toBe(0);
  });

  it('counts an email reciprocated when the same thread has another message within 30 days', () => {
    const first = fact('email', 10, 'Fund III');
    const reply = fact('email', 5, 'RE: Re: fund iii');
    const late = fact('email', 50, 'Fund III');
    const other = fact('email', 6, 'Dinner');
    const result = reciprocatedEmailIds([first, reply, late, other]);
    expect([...result].sort()).toEqual([first.id, reply.id].sort());
    expect(strengthAt(knowsEvidence([first, reply]), now).toFixed(3)).toBe('0.857');
    expect(strengthAt(knowsEvidence([fact('email', 10, 'A'), fact('email', 5, 'B')]), now).toFixed(3)).toBe('0.442');
  });

  it('with a direction, only a message the other way reciprocates', () => {
    const out1 = fact('email', 10, 'Terms', 'outbound');
    const out2 = fact('email', 8, 'Terms', 'outbound');
    expect(reciprocatedEmailIds([out1, out2]).size).toBe(0);
    const back = fact('email', 7, 'Re: Terms', 'inbound');
    expect(reciprocatedEmailIds([out1, out2, back]).size).toBe(3);
  });

  it('thread keys ignore reply prefixes and case', () => {
    expect(threadKey('Fwd: RE:  Quarterly   Update')).toBe('quarterly update');
    expect(threadKey(null)).toBe('');
  });
});

describe('warm-introduction path scoring', () => {
  // u → a (0.9) → t (0.8) scores 0.72; u → t directly (0.6) scores 0.6; u → b (0.5) → t (0.9) scores 0.45.
  function graph(direct: number): RelationshipGraph {
    const adjacent: RelationshipGraph['adjacent'] = new Map();
    const link = (from: string, to: string, kind: 'knows' | 'met_together', strength: number, toType: 'contact' = 'contact') => {
      adjacent.set(from, [...(adjacent.get(from) ?? []), { to, toType, kind, strength }]);
      adjacent.set(to, [...(adjacent.get(to) ?? []), { to: from, toType: from === 'u' ? ('user' as never) : 'contact', kind, strength }]);
    };
    link('u', 'a', 'knows', 0.9);
    link('a', 't', 'met_together', 0.8);
    link('u', 't', 'knows', direct);
    link('u', 'b', 'knows', 0.5);
    link('b', 't', 'met_together', 0.9);
    return { adjacent, organizationsOf: new Map(), peopleOf: new Map() };
  }

  it('ranks by the product of hop strengths: a strong 2-hop path beats a weaker direct one', () => {
    const paths = bestIntroPaths(graph(0.6), ['u'], 't', 4);
    expect(paths.map((path) => [path.nodes.join('>'), Number(path.score.toFixed(3))])).toEqual([
      ['u>a>t', 0.72],
      ['u>t', 0.6],
      ['u>b>t', 0.45],
    ]);
  });

  it('but a direct hop stronger than the product comes first', () => {
    const paths = bestIntroPaths(graph(0.75), ['u'], 't', 4);
    expect(paths.map((path) => path.nodes.join('>'))).toEqual(['u>t', 'u>a>t', 'u>b>t']);
  });

  it('respects maxHops', () => {
    expect(bestIntroPaths(graph(0.6), ['u'], 't', 1).map((path) => path.nodes.join('>'))).toEqual(['u>t']);
  });
});
