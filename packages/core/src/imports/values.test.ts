import { describe, expect, it } from 'vitest';
import { splitMultiSelect, parseCheckbox } from './cells.js';
import { parseDateTime } from './dates.js';
import { decodeUpload } from './encoding.js';
import { BUILT_IN_FIELDS } from './fields.js';
import { guessEntity, headerSignature, suggestMapping } from './mapping.js';
import { parseMoney } from './money.js';
import { detectDelimiter, parseTable } from './parse.js';

describe('money cells', () => {
  it.each([
    ['$1,250,000', 125_000_000, 'USD'],
    ['1.25M', 125_000_000, 'USD'],
    ['€500k', 50_000_000, 'EUR'],
    ['(1,000)', -100_000, 'USD'],
    ['USD 2m', 200_000_000, 'USD'],
    ['2,5 Mio', 250_000_000, 'USD'],
    ['1.250.000,50 €', 125_000_050, 'EUR'],
    ['£ 750 000', 75_000_000, 'GBP'],
    ['¥1,000,000', 1_000_000, 'JPY'],
    ['-3.5k', -350_000, 'USD'],
    ['1,250', 125_000, 'USD'],
    ['12.345', 1_235, 'USD'],
    ['100 CHF', 10_000, 'CHF'],
    ['1.5 billion', 150_000_000_000, 'USD'],
  ])('reads %s', (cell, minorUnits, currency) => {
    expect(parseMoney(cell, 'USD')).toEqual({ ok: true, value: { minorUnits, currency } });
  });

  it.each(['TBD', '1,2,3.4.5', '12 apples', '$'])('refuses %s with a message', (cell) => {
    const result = parseMoney(cell, 'USD');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/is not an amount|unknown unit/);
  });
});

describe('date cells', () => {
  const us = { dayFirst: false };
  it.each([
    ['2024-01-15', '2024-01-15', '2024-01-15T00:00:00.000Z'],
    ['1/15/2024', '2024-01-15', '2024-01-15T00:00:00.000Z'],
    ['01/15/24', '2024-01-15', '2024-01-15T00:00:00.000Z'],
    ['15 Jan 2024', '2024-01-15', '2024-01-15T00:00:00.000Z'],
    ['15-Jan-2024', '2024-01-15', '2024-01-15T00:00:00.000Z'],
    ['January 15, 2024', '2024-01-15', '2024-01-15T00:00:00.000Z'],
    ['Monday, January 15, 2024', '2024-01-15', '2024-01-15T00:00:00.000Z'],
    ['2024-01-15 3:04pm', '2024-01-15', '2024-01-15T15:04:00.000Z'],
    ['1/15/2024 9:30am', '2024-01-15', '2024-01-15T09:30:00.000Z'],
    ['2024-01-15T10:00:00+02:00', '2024-01-15', '2024-01-15T08:00:00.000Z'],
    ['15.01.2024', '2024-01-15', '2024-01-15T00:00:00.000Z'],
    ['2024/01/15 12:00am', '2024-01-15', '2024-01-15T00:00:00.000Z'],
  ])('reads %s', (cell, date, instant) => {
    const result = parseDateTime(cell, us);
    expect(result).toMatchObject({ ok: true, value: { date, instant } });
  });

  it('reads 1/2/2024 as January 2 in US mode and 1 February day-first', () => {
    expect(parseDateTime('1/2/2024', us)).toMatchObject({ value: { date: '2024-01-02' } });
    expect(parseDateTime('1/2/2024', { dayFirst: true })).toMatchObject({ value: { date: '2024-02-01' } });
  });

  it('explains a day-first date in a US file, and refuses impossible dates and times', () => {
    const flipped = parseDateTime('13/01/2024', us);
    expect(flipped).toMatchObject({ ok: false });
    if (!flipped.ok) expect(flipped.error).toMatch(/not a valid US date.*day-first/);
    expect(parseDateTime('2024-02-30', us)).toMatchObject({ ok: false, error: '"2024-02-30" is not a valid date' });
    expect(parseDateTime('2024-01-15 25:00', us)).toMatchObject({ ok: false });
    expect(parseDateTime('next Tuesday', us)).toMatchObject({ ok: false });
  });
});

describe('checkbox and multi-select cells', () => {
  it('reads Airtable and spreadsheet checkboxes', () => {
    for (const yes of ['checked', 'TRUE', 'yes', 'x', '1', '✓']) expect(parseCheckbox(yes)).toEqual({ ok: true, value: true });
    for (const no of ['', 'unchecked', 'false', 'No', '0']) expect(parseCheckbox(no)).toEqual({ ok: true, value: false });
    expect(parseCheckbox('maybe')).toMatchObject({ ok: false });
  });

  it('splits multi-select cells and drops repeats', () => {
    expect(splitMultiSelect('Tier 1, LatAm;Asia')).toEqual(['Tier 1', 'LatAm', 'Asia']);
    expect(splitMultiSelect('"Smith, Jones & Co","B"')).toEqual(['Smith, Jones & Co', 'B']);
    expect(splitMultiSelect('a, A, b')).toEqual(['a', 'b']);
  });
});

describe('file decoding and parsing', () => {
  it('decodes a UTF-8 BOM, UTF-16 LE and BE with BOMs, and falls back to Windows-1252', () => {
    expect(decodeUpload(Buffer.from('\ufeffName\nJosé\n', 'utf8'))).toMatchObject({ text: 'Name\nJosé\n', encoding: 'utf-8', bom: true });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Name\nZoë\n', 'utf16le')]);
    expect(decodeUpload(le)).toMatchObject({ text: 'Name\nZoë\n', encoding: 'utf-16le' });
    const be = Buffer.from('Name\nZoë\n', 'utf16le').swap16();
    expect(decodeUpload(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toMatchObject({ text: 'Name\nZoë\n', encoding: 'utf-16be' });
    expect(decodeUpload(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x80, 0x94]))).toMatchObject({ text: 'Café “€”', encoding: 'windows-1252' });
  });

  it('refuses empty and binary files', () => {
    expect(() => decodeUpload(new Uint8Array())).toThrow(/empty/);
    expect(() => decodeUpload(Buffer.from('\n\n  \n'))).toThrow(/no rows/);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 0xff, 0xfe, 7]);
    expect(() => decodeUpload(png)).toThrow(/binary/);
  });

  it('detects the delimiter', () => {
    expect(detectDelimiter('a,b,c\n1,2,3')).toBe(',');
    expect(detectDelimiter('a;b;c\n"1,5";2;3')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2')).toBe('\t');
    expect(detectDelimiter('a|b|c\n1|2|3')).toBe('|');
  });

  it('keeps the line a record starts on across quoted newlines and blank rows, and names blank or repeated headers', () => {
    const table = parseTable('Name,Notes,,Name\r\nA,"two\nlines",x,A2\n\n,,,\nB,plain,y,B2\n');
    expect(table.columns).toEqual(['Name', 'Notes', 'Column 3', 'Name (2)']);
    expect(table.rows.map((row) => row.line)).toEqual([2, 6]);
    expect(table.rows[0]?.cells).toEqual({ Name: 'A', Notes: 'two\nlines', 'Column 3': 'x', 'Name (2)': 'A2' });
  });
});

describe('mapping suggestions', () => {
  it('maps Airtable-style headers onto contact fields', () => {
    const columns = ['Name', 'E-mail Address', 'Company (from Organization)', 'Job Title', 'Mobile', 'Tags', 'Created time'];
    expect(suggestMapping(columns, BUILT_IN_FIELDS.contacts)).toEqual({
      Name: 'fullName',
      'E-mail Address': 'email',
      'Company (from Organization)': 'organization',
      'Job Title': 'title',
      Mobile: 'phone',
      Tags: 'tags',
      'Created time': null,
    });
  });

  it('guesses the entity from the headers and signs headers regardless of order and case', () => {
    expect(guessEntity(['Investor', 'Fund', 'Stage', 'Ticket'], BUILT_IN_FIELDS)).toBe('commitments');
    expect(guessEntity(['First Name', 'Last Name', 'Email'], BUILT_IN_FIELDS)).toBe('contacts');
    expect(guessEntity(['Type', 'Date', 'With', 'Subject'], BUILT_IN_FIELDS)).toBe('communications');
    expect(headerSignature(['Email', 'Name'])).toBe(headerSignature(['name', 'E-mail']));
  });
});
