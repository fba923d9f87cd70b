import { describe, expect, it } from 'vitest';
import { normalizeOrganizationName } from './organization-names.js';

const key = (raw: string) => normalizeOrganizationName(raw).key;

describe('normalizeOrganizationName', () => {
  it('removes legal suffixes, a leading "The", punctuation and case', () => {
    const acme = 'acme capital';
    for (const raw of ['Acme Capital', 'Acme Capital, LLC', 'Acme Capital L.L.C.', 'ACME CAPITAL LP', 'Acme Capital, L.P.', 'Acme Capital Inc.', 'Acme Capital Incorporated', 'Acme Capital Corp.', 'Acme Capital Ltd', 'Acme Capital Limited', 'Acme Capital PLC', 'Acme Capital GmbH', 'Acme Capital AG', 'Acme Capital S.A.', 'Acme Capital SAS', 'Acme Capital B.V.', 'Acme Capital N.V.', 'Acme Capital GmbH & Co. KG', 'Acme Capital Pty Ltd', 'Acme Capital Oy', 'Acme Capital AB', 'Acme Capital ApS', 'Acme Capital S.p.A.', 'Acme Capital Srl', 'Acme Capital KK', 'Acme Capital LLP', 'The Acme Capital', 'Stichting Acme Capital'])
      expect(key(raw), raw).toBe(acme);
  });

  it('unifies "&", "and" and "+"', () => {
    expect(key('Smith & Jones Partners')).toBe(key('Smith and Jones Partners'));
    expect(key('Smith + Jones Partners')).toBe(key('Smith and Jones Partners'));
  });

  it('unifies common abbreviations both ways', () => {
    const pairs: [string, string][] = [
      ['Acme Cap.', 'Acme Capital'], ['Acme Mgmt', 'Acme Management'], ['Acme Ptnrs', 'Acme Partners'], ['Acme Assoc.', 'Acme Associates'],
      ['Acme Inv.', 'Acme Investments'], ['Acme Intl', 'Acme International'], ['Mueller FO', 'Mueller Family Office'], ['Acme Hldgs', 'Acme Holdings'],
      ['Smith Bros.', 'Smith Brothers'], ['Acme Fdn', 'Acme Foundation'], ['Acme Capital Mgmt., L.L.C.', 'The Acme Capital Management'],
    ];
    for (const [a, b] of pairs) expect(key(a), a).toBe(key(b));
    expect(key('Acme Trust')).toBe('acme trust');
  });

  it('keeps Foundation: a firm and its foundation are different investors', () => {
    expect(key('Gates Foundation')).toBe('gates foundation');
    expect(key('Acme Capital Foundation')).not.toBe(key('Acme Capital'));
  });

  it('reads acronyms and names written as acronyms', () => {
    const long = normalizeOrganizationName('Kleiner Perkins Caufield & Byers');
    expect(long.acronym).toBe('kpcb');
    expect(long.isAcronym).toBe(false);
    expect(normalizeOrganizationName('KPCB')).toMatchObject({ key: 'kpcb', acronym: 'kpcb', isAcronym: true });
    expect(normalizeOrganizationName('K.P.C.B.')).toMatchObject({ key: 'kpcb', isAcronym: true });
    expect(normalizeOrganizationName('Acme').acronym).toBeNull();
  });

  it('treats "University of X" and "X University" as one', () => {
    expect(key('University of Oxford')).toBe(key('Oxford University'));
    expect(key('The University of Oxford')).toBe('oxford university');
  });

  it('keeps fund numbers distinguishing; roman and arabic agree', () => {
    expect(key('Acme Fund II, L.P.')).toBe(key('Acme Fund 2'));
    expect(key('Acme Fund II')).not.toBe(key('Acme Fund III'));
    expect(key('Acme Ventures IV')).toBe('acme ventures 4');
  });

  it('folds accents and repairs mojibake', () => {
    expect(key('Müller Family Office GmbH')).toBe(key('Mueller FO'));
    expect(key('Sociedad EspaÃ±ola S.A.')).toBe(key('Sociedad Española'));
  });
});
