import { describe, expect, it } from 'vitest';
import { areNicknames, NICKNAME_GROUPS, nicknameForms } from './nicknames.js';
import { firstNameRelation, parsePersonName } from './person-names.js';

const parse = (name: string) => parsePersonName({ name });

describe('parsePersonName', () => {
  it('folds case and accents and keeps transliterated forms', () => {
    const name = parse('JÜRGEN MÜLLER');
    expect(name).toMatchObject({ first: 'jurgen', last: 'muller', key: 'jurgen muller' });
    expect(name.lastForms).toEqual(expect.arrayContaining(['muller', 'mueller']));
    expect(name.firstForms).toEqual(expect.arrayContaining(['jurgen', 'juergen']));
    // Already-ASCII spellings meet the accented ones.
    expect(parse('Juergen Mueller').lastForms).toEqual(expect.arrayContaining(['mueller', 'muller']));
    expect(parse('Søren Åberg').lastForms).toEqual(expect.arrayContaining(['aberg', 'aaberg']));
    expect(parse('Heinz Groß').lastForms).toContain('gross');
    expect(parse('Piotr Łukasik').lastForms).toContain('lukasik');
  });

  it('repairs mojibake', () => {
    expect(parse('JosÃ© GarcÃ­a')).toMatchObject({ first: 'jose', last: 'garcia' });
    expect(parse('Ingrid MÃ¼ller').lastForms).toContain('mueller');
  });

  it('reads "Last, First" and "LAST, First M."', () => {
    expect(parse('Doe, Jane')).toMatchObject({ first: 'jane', last: 'doe', middle: [] });
    expect(parse('SMITH, John R.')).toMatchObject({ first: 'john', last: 'smith', middle: ['r'], initials: 'jr' });
    expect(parse('von Weber, Hannah').lastForms).toEqual(expect.arrayContaining(['vonweber', 'weber']));
  });

  it('reads middle names and initials, and a first initial going by the middle name', () => {
    expect(parse('John Robert Smith')).toMatchObject({ first: 'john', middle: ['robert'], last: 'smith' });
    expect(parse('John R. Smith')).toMatchObject({ first: 'john', middle: ['r'], last: 'smith' });
    const initial = parse('J. Robert Smith');
    expect(initial).toMatchObject({ first: 'j', middle: ['robert'], last: 'smith' });
    expect(initial.firstForms).toEqual(expect.arrayContaining(['robert', 'bob']));
    expect(initial.lastForms).not.toContain('robert');
  });

  it('keeps particles with the surname and produces forms with and without them', () => {
    expect(parse('Pieter van der Berg')).toMatchObject({ first: 'pieter', last: 'van der berg' });
    expect(parse('Pieter van der Berg').lastForms).toEqual(expect.arrayContaining(['vanderberg', 'berg']));
    expect(parse('Maria de la Cruz').lastForms).toEqual(expect.arrayContaining(['delacruz', 'cruz']));
    expect(parse("Sean O'Brien").lastForms).toEqual(['obrien']);
    expect(parse('Ian McDonald').lastForms).toEqual(['mcdonald']);
    expect(parse('Ahmed bin Rashid').lastForms).toEqual(expect.arrayContaining(['binrashid', 'rashid']));
  });

  it('strips titles, credentials and generational suffixes', () => {
    const name = parse('Dr. J. Robert Smith Jr., CFA');
    expect(name).toMatchObject({ first: 'j', last: 'smith', suffix: 'jr', credentials: ['cfa'] });
    expect(parse('Prof. Hans Schröder PhD')).toMatchObject({ first: 'hans', last: 'schroder', credentials: ['phd'], suffix: null });
    expect(parse('William Gates III')).toMatchObject({ last: 'gates', suffix: 'iii' });
    expect(parse('Jane Doe, Esq.')).toMatchObject({ last: 'doe', credentials: ['esq'] });
    expect(parse('Mrs. Jane Doe, MBA, CAIA')).toMatchObject({ first: 'jane', last: 'doe' });
    expect(parsePersonName({ firstName: 'Olga', lastName: 'Cooper Sr.' })).toMatchObject({ last: 'cooper', suffix: 'sr' });
  });

  it('splits double surnames, which also covers maiden and married names written together', () => {
    expect(parse('Mary Smith-Jones').lastForms).toEqual(expect.arrayContaining(['smithjones', 'smith', 'jones']));
    expect(parse('Jane Smith (née Doe)').lastForms).toEqual(expect.arrayContaining(['smith', 'doe']));
    expect(parse('Jane Smith (born Doe)').lastForms).toContain('doe');
    expect(parse('Jane Doe Smith').lastForms).toEqual(expect.arrayContaining(['smith', 'doe']));
  });

  it('adds nicknames to the first-name forms', () => {
    expect(parse('Bill Smith').firstForms).toEqual(expect.arrayContaining(['william', 'will', 'liam']));
    expect(parsePersonName({ firstName: 'Kate', lastName: 'Doe' }).firstForms).toEqual(expect.arrayContaining(['katherine', 'catherine']));
  });

  it('handles a single name and empty input', () => {
    expect(parse('Madonna')).toMatchObject({ first: '', last: 'madonna', key: 'madonna' });
    expect(parsePersonName({})).toMatchObject({ first: '', last: '', key: '', lastForms: [] });
  });
});

describe('firstNameRelation', () => {
  const first = (name: string) => parse(`${name} Smith`);
  it('tells equal, nickname, initial, unknown and conflicting first names apart', () => {
    expect(firstNameRelation(first('Jane'), first('JANE'))).toBe('equal');
    expect(firstNameRelation(first('Bill'), first('William'))).toBe('nickname');
    expect(firstNameRelation(first('Bill'), first('Liam'))).toBe('nickname');
    expect(firstNameRelation(first('J.'), first('John'))).toBe('initial');
    expect(firstNameRelation(first('J. Robert'), first('Bob'))).toBe('nickname');
    expect(firstNameRelation(first('Jane'), first('John'))).toBe('conflict');
    expect(firstNameRelation(first('K.'), first('John'))).toBe('conflict');
    expect(firstNameRelation(parse('Smith'), first('John'))).toBe('unknown');
    expect(firstNameRelation(first('Bjoern'), first('Björn'))).not.toBe('conflict');
    expect(firstNameRelation(first('Bjoern'), first('bjorn'))).not.toBe('conflict');
  });
});

describe('nicknames', () => {
  it('has at least 80 groups and names in several groups', () => {
    expect(NICKNAME_GROUPS.length).toBeGreaterThanOrEqual(80);
    for (const shared of ['pat', 'alex', 'sam', 'chris']) expect(NICKNAME_GROUPS.filter((g) => g.includes(shared)).length, shared).toBeGreaterThan(1);
    expect(nicknameForms('pat')).toEqual(expect.arrayContaining(['patrick', 'patricia']));
    expect(areNicknames('peggy', 'margaret')).toBe(true);
    expect(areNicknames('jim', 'james')).toBe(true);
    expect(areNicknames('jane', 'john')).toBe(false);
    expect(nicknameForms('zelda')).toEqual(['zelda']);
  });
});
