import { describe, expect, it } from 'vitest';
import { matchesFilter } from './filters.js';

const row = {
  name: 'Redwood Endowment',
  kind: 'endowment',
  tags: [{ id: 't1', name: 'Priority' }],
  customFields: { region: 'EMEA', score: 7 },
  'fund:f1:stage': 'committed',
  'fund:f1:committedAmount': 500_000_00,
  lastTouchedOn: '2026-10-01',
  website: null,
};

describe('matchesFilter', () => {
  it('passes everything with no conditions', () => {
    expect(matchesFilter(row, undefined)).toBe(true);
    expect(matchesFilter(row, { match: 'all', conditions: [] })).toBe(true);
  });

  it('compares text without regard to case, and tags by name or id', () => {
    expect(matchesFilter(row, { match: 'all', conditions: [{ field: 'kind', op: 'eq', value: 'ENDOWMENT' }] })).toBe(true);
    expect(matchesFilter(row, { match: 'all', conditions: [{ field: 'tags', op: 'contains', value: 'priority' }] })).toBe(true);
    expect(matchesFilter(row, { match: 'all', conditions: [{ field: 'tags', op: 'eq', value: 't1' }] })).toBe(true);
    expect(matchesFilter(row, { match: 'all', conditions: [{ field: 'name', op: 'contains', value: 'wood' }] })).toBe(true);
    expect(matchesFilter(row, { match: 'all', conditions: [{ field: 'name', op: 'not_contains', value: 'wood' }] })).toBe(false);
  });

  it('reads custom fields by path and grid cells by key', () => {
    expect(matchesFilter(row, { match: 'all', conditions: [{ field: 'customFields.region', op: 'in', value: ['APAC', 'EMEA'] }] })).toBe(true);
    expect(matchesFilter(row, { match: 'all', conditions: [{ field: 'customFields.score', op: 'gte', value: 7 }] })).toBe(true);
    expect(matchesFilter(row, { match: 'all', conditions: [{ field: 'fund:f1:committedAmount', op: 'gt', value: 500_000_00 }] })).toBe(false);
    expect(matchesFilter(row, { match: 'all', conditions: [{ field: 'fund:f1:stage', op: 'neq', value: 'declined' }] })).toBe(true);
  });

  it('treats null, missing and empty alike', () => {
    expect(matchesFilter(row, { match: 'all', conditions: [{ field: 'website', op: 'is_empty' }] })).toBe(true);
    expect(matchesFilter(row, { match: 'all', conditions: [{ field: 'missing', op: 'is_empty' }] })).toBe(true);
    expect(matchesFilter(row, { match: 'all', conditions: [{ field: 'website', op: 'gt', value: 'a' }] })).toBe(false);
  });

  it('resolves relative dates against the given today, never the machine clock', () => {
    const stale = { match: 'all' as const, conditions: [{ field: 'lastTouchedOn', op: 'lt' as const, value: '@today-30d' }] };
    expect(matchesFilter(row, stale, { today: '2026-12-02' })).toBe(true);
    expect(matchesFilter(row, stale, { today: '2026-10-15' })).toBe(false);
    expect(() => matchesFilter(row, stale)).toThrow(/today/);
  });

  it('any-of matches when one condition does', () => {
    expect(matchesFilter(row, { match: 'any', conditions: [{ field: 'kind', op: 'eq', value: 'family_office' }, { field: 'customFields.region', op: 'eq', value: 'emea' }] })).toBe(true);
    expect(matchesFilter(row, { match: 'all', conditions: [{ field: 'kind', op: 'eq', value: 'family_office' }, { field: 'customFields.region', op: 'eq', value: 'emea' }] })).toBe(false);
  });
});
