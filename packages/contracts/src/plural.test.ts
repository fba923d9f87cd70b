import { describe, expect, it } from 'vitest';
import { countOf, nounFor } from './plural.js';

describe('counts with their nouns', () => {
  it('says one in the singular and every other number in the plural, with thousands separators', () => {
    expect(countOf(1, 'contact')).toBe('1 contact');
    expect(countOf(0, 'contact')).toBe('0 contacts');
    expect(countOf(875, 'contact')).toBe('875 contacts');
    expect(countOf(25_000, 'organization')).toBe('25,000 organizations');
    expect(countOf(2, 'person', 'people')).toBe('2 people');
    expect(nounFor(1, 'commitment')).toBe('commitment');
  });
});
