import { describe, expect, it } from 'vitest';
import { asciiForms, foldAccents, memoize, repairMojibake, transliterate } from './text.js';

describe('text folding', () => {
  it('repairs UTF-8 read as Latin-1 or Windows-1252, and leaves clean text alone', () => {
    expect(repairMojibake('MÃ¼ller')).toBe('Müller');
    expect(repairMojibake('JosÃ©')).toBe('José');
    expect(repairMojibake('FranÃ§ois')).toBe('François');
    expect(repairMojibake(Buffer.from('Łukasik', 'utf8').toString('latin1'))).toBe('Łukasik');
    expect(repairMojibake('Müller')).toBe('Müller');
    expect(repairMojibake('Ã')).toBe('Ã');
  });

  it('removes accents and transliterates', () => {
    expect(foldAccents('Müller')).toBe('muller');
    expect(transliterate('Müller')).toBe('mueller');
    expect(foldAccents('Groß')).toBe('gross');
    expect(foldAccents('Søren Łukasik')).toBe('soren lukasik');
    expect(transliterate('Åberg')).toBe('aaberg');
    expect(foldAccents('Æsir')).toBe('aesir');
    expect(foldAccents('Muñoz García')).toBe('munoz garcia');
    expect(asciiForms('Schröder')).toEqual(['schroder', 'schroeder']);
    expect(asciiForms('Smith')).toEqual(['smith']);
  });

  it('memoizes pure normalizers', () => {
    let calls = 0;
    const double = memoize((key) => {
      calls += 1;
      return key + key;
    }, 2);
    expect([double('a'), double('a'), double('b'), double('c'), double('a')]).toEqual(['aa', 'aa', 'bb', 'cc', 'aa']);
    expect(calls).toBe(4);
  });
});
