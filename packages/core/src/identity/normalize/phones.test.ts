import { describe, expect, it } from 'vitest';
import { formatPhone, parsePhone } from './phones.js';

describe('parsePhone', () => {
  it('reads many written forms into E.164', () => {
    for (const raw of ['+1 212 555 0100', '(212) 555-0100', '212.555.0100', '+1-212-555-0100', '001 212 555 0100', 'tel: 212 555 0100'])
      expect(parsePhone(raw, 'US'), raw).toEqual({ e164: '+12125550100', extension: null, mainLine: false });
    expect(parsePhone('030 1234567', 'DE')?.e164).toBe('+49301234567');
    expect(parsePhone('+44 20 7946 0958', 'US')?.e164).toBe('+442079460958');
  });

  it('recognises extensions as office lines (shared)', () => {
    for (const raw of ['+1 212 555 0100 x123', '(212) 555-0100 ext. 123', '212 555 0100 #123', '212 555 0100 ext 123'])
      expect(parsePhone(raw, 'US'), raw).toEqual({ e164: '+12125550100', extension: '123', mainLine: true });
  });

  it('recognises labelled main lines', () => {
    for (const raw of ['Main: +1 212 555 0100', '+1 212 555 0100 (office)', 'Switchboard +1 212 555 0100', 'Reception: 212-555-0100'])
      expect(parsePhone(raw, 'US')?.mainLine, raw).toBe(true);
  });

  it('rejects text and invalid numbers', () => {
    for (const raw of ['', 'n/a', 'call me', '123', '+1 000 000 0000', null]) expect(parsePhone(raw, 'US'), String(raw)).toBeNull();
  });

  it('formats E.164 for reasons', () => {
    expect(formatPhone('+12125550100')).toBe('+1 212 555 0100');
  });
});
