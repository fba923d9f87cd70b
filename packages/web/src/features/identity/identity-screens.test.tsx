import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { setCsrfToken } from '../../api/client';
import { mockApi, renderWithProviders } from '../../test/render';
import { unwrapData } from './identity-api';
import { MergePane } from './merge-pane';
import { PossibleDuplicateWarning } from './possible-duplicate-warning';

const A = '0190c0de-0000-7000-8000-00000000000a';
const B = '0190c0de-0000-7000-8000-00000000000b';
const ref = (id: string, label: string) => ({ entityType: 'contact', entityId: id, label, deleted: false });

const comparison = {
  entityType: 'contact',
  a: { id: A, fullName: 'Jane Doe' },
  b: { id: B, fullName: 'Jane Doe-Smith' },
  fields: [
    { field: 'lastName', label: 'Last name', a: 'Doe', b: 'Doe-Smith', differs: true },
    { field: 'title', label: 'Title', a: null, b: 'Partner', differs: true },
    { field: 'firstName', label: 'First name', a: 'Jane', b: 'Jane', differs: false },
  ],
  conflicts: ['Both have a commitment to Fund III'],
};
const why = {
  a: { ...ref(A, 'Jane Doe'), recordId: null },
  b: { ...ref(B, 'Jane Doe-Smith'), recordId: null },
  sameEntity: false,
  confidence: 0.82,
  verdict: 'suggest',
  evidence: [
    { rule: 'email', direction: 'for', confidence: 1, reason: 'Same personal email jane@doe.example' },
    { rule: 'phone_main', direction: 'shared', confidence: 0.2, reason: 'Office main line +1 212 555 0100 is shared' },
  ],
  thresholds: { autoMerge: 0.9, suggest: 0.6 },
};
const mergeView = {
  id: 'm1',
  entityType: 'contact',
  survivor: ref(B, 'Jane Doe-Smith'),
  merged: ref(A, 'Jane Doe'),
  rule: 'manual',
  confidence: null,
  fields: {},
  actorName: 'Casey',
  createdAt: '2026-01-01T00:00:00.000Z',
  undoneAt: null,
  undoneBy: null,
};

describe('MergePane', () => {
  beforeEach(() => setCsrfToken('csrf-test'));

  it('shows both sides, the evidence and conflicts, and merges with the picked values after a swap', async () => {
    const calls = mockApi((url, init) => {
      if (url.startsWith('/api/identity/compare')) return { status: 200, body: comparison };
      if (url.startsWith('/api/identity/why')) return { status: 200, body: why };
      if (init?.method === 'POST' && url === '/api/identity/merges') return { status: 200, body: mergeView };
      return undefined;
    });
    let done = false;
    renderWithProviders(<MergePane a={A} b={B} suggestionId="s1" onDone={() => (done = true)} />);
    expect(await screen.findByText('Same personal email jane@doe.example')).toBeInTheDocument();
    expect(screen.getByText('Both have a commitment to Fund III')).toBeInTheDocument();
    expect(screen.getByTestId('merge-confidence')).toHaveTextContent('82%');
    // The survivor (A) has no title, so the other side's is picked by default.
    expect(screen.getByTestId('pick-title-b')).toBeChecked();
    expect(screen.getByTestId('pick-lastName-a')).toBeChecked();
    await userEvent.click(screen.getByTestId('merge-swap'));
    await userEvent.click(screen.getByLabelText('Doe'));
    await userEvent.click(screen.getByTestId('merge-confirm'));
    await waitFor(() => expect(done).toBe(true));
    const post = calls.find((c) => c.method === 'POST' && c.url === '/api/identity/merges');
    expect(post?.body).toEqual({ entityType: 'contact', survivorId: B, mergedId: A, suggestionId: 's1', fields: { lastName: 'merged', title: 'survivor' } });
  });

  it('rejects a suggestion', async () => {
    const calls = mockApi((url, init) => {
      if (url.startsWith('/api/identity/compare')) return { status: 200, body: comparison };
      if (url.startsWith('/api/identity/why')) return { status: 200, body: why };
      if (init?.method === 'POST' && url === '/api/identity/suggestions/s1/reject') return { status: 200, body: {} };
      return undefined;
    });
    renderWithProviders(<MergePane a={A} b={B} suggestionId="s1" />);
    await userEvent.click(await screen.findByTestId('merge-reject'));
    await waitFor(() => expect(calls.some((c) => c.url === '/api/identity/suggestions/s1/reject')).toBe(true));
  });
});

function DraftHarness() {
  const [lastName, setLastName] = useState('');
  return (
    <>
      <input aria-label="Last name" value={lastName} onChange={(e) => setLastName(e.currentTarget.value)} />
      <PossibleDuplicateWarning draft={{ kind: 'person', firstName: '', lastName, emails: [] }} />
    </>
  );
}

describe('PossibleDuplicateWarning', () => {
  it('lists candidates for a draft with a name, and nothing for an empty one', async () => {
    const calls = mockApi((url) =>
      url === '/api/identity/candidates'
        ? { status: 200, body: { data: [{ entity: ref(A, 'Jane Doe'), confidence: 0.95, verdict: 'merge', evidence: why.evidence }] } }
        : undefined,
    );
    renderWithProviders(<DraftHarness />);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(calls).toHaveLength(0);
    await userEvent.type(screen.getByLabelText('Last name'), 'Doe');
    const alert = await screen.findByTestId('possible-duplicate', {}, { timeout: 2000 });
    expect(alert).toHaveTextContent('Jane Doe');
    expect(alert).toHaveTextContent('95%');
    expect(alert).toHaveTextContent('Same personal email');
    expect(calls[0]?.body).toMatchObject({ kind: 'person', lastName: 'Doe' });
  });
});

describe('unwrapData', () => {
  it('takes single results out of `{data}` and leaves list envelopes and bare views alone', () => {
    expect(unwrapData({ data: { id: 'm1' } })).toEqual({ id: 'm1' });
    expect(unwrapData({ data: { data: [1, 2] } })).toEqual([1, 2]);
    expect(unwrapData({ data: [], total: 0, limit: 50, offset: 0 })).toEqual({ data: [], total: 0, limit: 50, offset: 0 });
    expect(unwrapData({ entityType: 'contact', a: {} })).toEqual({ entityType: 'contact', a: {} });
  });
});
