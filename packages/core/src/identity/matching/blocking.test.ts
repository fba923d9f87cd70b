import { describe, expect, it } from 'vitest';
import { blockingKeys, candidatePairs } from './blocking.js';
import { combineFeatures } from './features.js';
import { organization, person } from './testing.js';

describe('blocking', () => {
  it('files people under email, LinkedIn, direct phone and surname form + first initials', () => {
    const keys = blockingKeys(
      person({
        name: 'Bill van der Berg',
        emails: ['Bill.Berg@gmail.com', 'info@acme.com'],
        phones: ['+1 212 555 0123', 'Main: +1 212 555 0100'],
        linkedin: 'in/bill',
      }),
    );
    expect(keys).toEqual(expect.arrayContaining(['e:billberg@gmail.com', 'l:in/bill', 'p:+12125550123', 'n:vanderberg|b', 'n:berg|b', 'n:berg|w']));
    // Shared values (role mailbox, main line) are never blocking keys.
    expect(keys).not.toContain('e:info@acme.com');
    expect(keys).not.toContain('p:+12125550100');
  });

  it('files organizations under key, acronym, first distinctive word and domain', () => {
    const keys = blockingKeys(organization({ name: 'Kleiner Perkins Caufield & Byers', website: 'kpcb.com' }));
    expect(keys).toEqual(expect.arrayContaining(['o:kleiner perkins caufield and byers', 'a:kpcb', 'w:kleiner', 'd:kpcb.com']));
    expect(blockingKeys(organization({ name: 'KPCB' }))).toContain('a:kpcb');
  });

  it('compares each blocked pair once and skips oversized name blocks but never identifier blocks', () => {
    const smiths = Array.from({ length: 30 }, (_, i) => person({ name: `John Smith`, emails: [i < 2 ? 'shared.person@gmail.com' : `john${i}@gmail.com`] }));
    const all = candidatePairs(smiths);
    expect(all.pairs.length).toBe((30 * 29) / 2);
    const capped = candidatePairs(smiths, { maxNameBlock: 10 });
    expect(capped.pairs).toEqual([[0, 1]]);
    expect(capped.skippedBlocks).toBeGreaterThan(0);
  });

  it('combines records into entity features without duplicates', () => {
    const combined = combineFeatures([
      person({ name: 'Jane Doe', emails: ['jane@gmail.com'] }),
      person({ name: 'Jane Doe', emails: ['JANE@gmail.com', 'jd@acme.com'] }),
    ]);
    expect(combined.emails.map((e) => e.matchKey)).toEqual(['jane@gmail.com', 'jd@acme.com']);
    expect(combined.names).toHaveLength(1);
    expect(() => combineFeatures([])).toThrow();
  });
});
