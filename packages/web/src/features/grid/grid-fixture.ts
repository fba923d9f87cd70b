import type { GridView } from '@lpdesk/contracts';

/** A small grid as GET /api/grid answers it, for unit tests until the server lands. */
export const FIXTURE_FUND = '0190c0de-0000-7000-8000-00000000f002';
export const C2 = `fund:${FIXTURE_FUND}:committedAmount`;
export const E2 = `fund:${FIXTURE_FUND}:expectedAmount`;
export const S2 = `fund:${FIXTURE_FUND}:stage`;
export const ORG_A = '0190c0de-0000-7000-8000-0000000000a1';
export const ORG_B = '0190c0de-0000-7000-8000-0000000000b2';

export function gridFixture(): GridView {
  return {
    columns: [
      { field: 'name', label: 'Name', type: 'text', editable: true },
      { field: 'kind', label: 'Kind', type: 'select', editable: true, options: [{ value: 'family_office', label: 'Family office' }, { value: 'other', label: 'Other' }] },
      { field: 'contacts', label: 'Contacts', type: 'contacts', editable: false },
      { field: C2, label: 'Fund II committed', type: 'money', editable: true, fundId: FIXTURE_FUND, currency: 'USD' },
      { field: E2, label: 'Fund II expected', type: 'money', editable: true, fundId: FIXTURE_FUND, currency: 'USD' },
      { field: S2, label: 'Fund II stage', type: 'stage', editable: true, fundId: FIXTURE_FUND },
    ],
    rows: [
      { organizationId: ORG_A, version: 1, commitments: {}, cells: { name: 'Alder Family Office', kind: 'family_office', contacts: [{ id: '0190c0de-0000-7000-8000-0000000000c1', name: 'Ada Alder', email: null }], [C2]: 250_000_000, [E2]: 300_000_000, [S2]: 'committed' } },
      { organizationId: ORG_B, version: 3, commitments: {}, cells: { name: 'Birch Capital', kind: 'other', contacts: [], [C2]: null, [E2]: 100_000_000, [S2]: 'meeting' } },
    ],
    totals: { [C2]: 250_000_000, [E2]: 100_000_000 },
  };
}
