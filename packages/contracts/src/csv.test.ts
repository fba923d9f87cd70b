import { describe, expect, it } from 'vitest';
import { csvField, neutralizeCsvText, toCsv } from './csv.js';

describe('CSV export cells', () => {
  it('quotes commas, quotes and line breaks the RFC 4180 way', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(['x', 'y'])).toBe('x; y');
    expect(csvField(null)).toBe('');
    expect(toCsv([{ n: 'Jane' }], [{ label: 'Name', value: (r) => r.n }])).toBe('Name\r\nJane\r\n');
  });

  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1 555 0100', "'+1 555 0100"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\t=HYPERLINK("http://x")', '"\'\t=HYPERLINK(""http://x"")"'],
    ['\r=1+1', '"\'\r=1+1"'],
  ])('neutralizes a cell starting with a formula trigger: %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it('leaves ordinary text and numbers alone', () => {
    expect(neutralizeCsvText('Tidewater Pension')).toBe('Tidewater Pension');
    expect(csvField('a = b')).toBe('a = b');
    expect(csvField(-5)).toBe('-5');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(true)).toBe('true');
  });

  it('neutralizes each value of a list through the joined text', () => {
    expect(csvField(['=1', 'b'])).toBe("'=1; b");
  });
});
