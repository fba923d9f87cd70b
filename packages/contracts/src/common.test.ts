import { describe, expect, it } from 'vitest';
import { Password } from './access.js';
import { findNulCharacter, hasVisibleText, NonEmptyText, visiblePart } from './common.js';

describe('visible text', () => {
  it.each(['', '   ', '\u200B', '\u200B\u200C\u200D', '\u2060', '\uFEFF', ' \u200B\t\u00A0\n', '\u00AD\u200E'])('treats %j as blank', (text) => {
    expect(hasVisibleText(text)).toBe(false);
    expect(NonEmptyText(60).safeParse(text).success).toBe(false);
  });

  it('keeps visible text, trimmed, with inner joiners intact', () => {
    expect(NonEmptyText(60).parse('  Anchor  ')).toBe('Anchor');
    expect(NonEmptyText(60).parse('👩‍💻')).toBe('👩‍💻');
    expect(visiblePart('\u200BTide\u200Bwater ')).toBe('Tidewater');
    expect(NonEmptyText(5).safeParse('too long').success).toBe(false);
  });

  it('refuses passwords that are only spaces or invisible characters, but keeps the spaces of a real one', () => {
    expect(Password.safeParse(' '.repeat(12)).success).toBe(false);
    expect(Password.safeParse('\u200B'.repeat(12)).success).toBe(false);
    expect(Password.parse(' correct horse ')).toBe(' correct horse ');
  });
});

describe('NUL characters', () => {
  it('finds the path of the first NUL in strings, arrays, nested objects and keys', () => {
    expect(findNulCharacter('plain')).toBeNull();
    expect(findNulCharacter({ a: ['x', { b: 'y\u0000' }] })).toEqual(['a', 1, 'b']);
    expect(findNulCharacter({ ['k\u0000']: 1 })).toEqual(['k\u0000']);
    expect(findNulCharacter('\u0000')).toEqual([]);
    expect(findNulCharacter({ n: 1, t: true, z: null })).toBeNull();
  });
});
