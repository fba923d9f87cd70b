import { describe, expect, it } from 'vitest';
import { customFieldsPayload } from '../features/records/custom-fields';
import { csvField, toCsv } from '../features/records/csv';
import { buildTimeline } from '../features/records/timeline';
import { keyFromLabel } from '../features/settings/custom-fields-settings';
import { formatMoneyFull, formatMoneyShort, formatPhone, toMinorUnits } from './format';
import { issuesToErrors } from './forms';
import { changedFields } from './payload';

describe('money', () => {
  it('formats cards short and tables in full, from minor units', () => {
    expect(formatMoneyShort(150_000_000)).toBe('$1.5M');
    expect(formatMoneyShort(25_000_000)).toBe('$250K');
    expect(formatMoneyShort(2_000_000_000_00)).toBe('$2B');
    expect(formatMoneyShort(0)).toBe('$0');
    expect(formatMoneyFull(150_000_000)).toBe('$1,500,000');
    expect(formatMoneyFull(12_345)).toBe('$123.45');
    expect(formatMoneyFull(null)).toBe('—');
    expect(toMinorUnits(1234.56)).toBe(123_456);
    expect(toMinorUnits('')).toBeNull();
  });
});

describe('form errors', () => {
  it('maps API issue paths to field names', () => {
    expect(
      issuesToErrors([
        { path: ['emails', 1], message: 'bad email' },
        { path: ['customFields', 'region'], message: 'required' },
        { path: [], message: 'whole form' },
      ]),
    ).toEqual({
      'emails.1': 'bad email',
      emails: 'bad email',
      'customFields.region': 'required',
      _form: 'whole form',
    });
  });

  it('sends only changed values', () => {
    expect(changedFields({ a: 1, b: [1], c: null }, { a: 1, b: [2], c: undefined as unknown as null })).toEqual({ b: [1] });
  });

  it('drops empty custom fields on create and clears them on update', () => {
    expect(customFieldsPayload({ region: '', size: 5 }, {}, 'create')).toEqual({ size: 5 });
    expect(customFieldsPayload({ region: '', size: 5 }, { region: 'EMEA', size: 5 }, 'update')).toEqual({ region: null });
  });

  it('derives custom field keys from labels', () => {
    expect(keyFromLabel('Investment region')).toBe('investment_region');
    expect(keyFromLabel('  2024 Check size ($) ')).toBe('check_size');
  });
});

describe('csv export', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField(['x', 'y'])).toBe('x; y');
    expect(toCsv([{ n: 'Jane' }], [{ label: 'Name', value: (r) => r.n }])).toBe('Name\r\nJane\r\n');
  });
});

describe('timeline', () => {
  it('merges communications, stage changes and tasks newest first', () => {
    const items = buildTimeline({
      communications: [{ id: 'c', occurredAt: '2031-11-02T10:00:00Z' } as never],
      stageChanges: [{ id: 's', changedAt: '2031-11-03T10:00:00Z' } as never],
      tasks: [{ id: 't', dueOn: '2031-11-01', createdAt: '2031-10-01T00:00:00Z' } as never],
    });
    expect(items.map((i) => i.id)).toEqual(['s:s', 'c:c', 't:t']);
  });
});

describe('formatPhone', () => {
  it('shows the team’s own numbers in national format and others in international format', () => {
    expect(formatPhone('+12035550142', 'US')).toBe('(203) 555-0142');
    expect(formatPhone('+442079460958', 'US')).toBe('+44 20 7946 0958');
    expect(formatPhone('+442079460958', 'GB')).toBe('020 7946 0958');
    expect(formatPhone(null)).toBe('—');
    expect(formatPhone('extension 12')).toBe('extension 12');
  });
});
