import { describe, expect, it } from 'vitest';
import { parseLegacyMoney } from './money.js';

describe('legacy amounts', () => {
  it('reads dollars as the legacy tool stored and the grid typed them, into cents', () => {
    const cases: [unknown, number | null][] = [
      [1_500_000, 150_000_000],
      [1234.56, 123_456],
      ['$1,500,000.00', 150_000_000],
      ['1.5M', 150_000_000],
      ['750k', 75_000_000],
      ['2mm', 200_000_000],
      ['USD 2,000', 200_000],
      ['  ', null],
      [null, null],
    ];
    for (const [raw, minor] of cases) expect(parseLegacyMoney(raw), String(raw)).toEqual({ ok: true, minor });
  });

  it('reports what it cannot read instead of guessing', () => {
    for (const raw of ['TBD', 'lots', '1.5 million-ish', '€500k', '1,5M']) expect(parseLegacyMoney(raw)).toEqual({ ok: false, raw });
  });
});
