import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Notifications } from '@mantine/notifications';
import { mockApi, renderWithProviders } from '../../test/render';
import { LpTrackerScreen } from './lp-tracker-screen';

const FUND = { id: '0190c0de-0000-7000-8000-00000000f001', name: 'Fund III', currency: 'USD', targetAmount: 100_000_000, status: 'raising' };

function lp(index: number) {
  const id = `0190c0de-0000-7000-8000-${String(index).padStart(12, '0')}`;
  return {
    id,
    version: 1,
    organizationId: `0190c0de-0000-7000-9000-${String(index).padStart(12, '0')}`,
    organization: { id, name: `Investor ${index}`, kind: 'family_office' },
    fundId: FUND.id,
    fund: { id: FUND.id, name: FUND.name },
    stage: 'committed',
    stageChangedAt: '2031-03-01T10:00:00.000Z',
    declinedReason: null,
    currency: 'USD',
    expectedAmount: null,
    committedAmount: 1_000_000 - index,
    fundedAmount: null,
    probability: null,
    effectiveProbability: 100,
    expectedCloseOn: null,
    ownerId: null,
    owner: null,
    primaryContactId: null,
    primaryContact: null,
    priority: null,
    nextStep: null,
    source: null,
    subscriptionDocsSentOn: null,
    subscriptionDocsSignedOn: null,
    sideLetter: false,
    wireReceivedOn: null,
    k1SentTaxYears: [],
    tags: [],
    customFields: {},
    createdAt: '2031-03-01T10:00:00.000Z',
    updatedAt: '2031-03-01T10:00:00.000Z',
    createdBy: null,
    deletedAt: null,
    deletedBy: null,
    accreditationStatus: 'verified',
    qualifiedPurchaser: null,
  };
}

const ALL = Array.from({ length: 60 }, (_, i) => lp(i + 1));

describe('LP tracker screen', () => {
  it('pages with Load more, searches by investor name, and flips a toggle on a later page at once', { timeout: 60_000 }, async () => {
    const calls = mockApi((url, init) => {
      if (url.startsWith('/api/reports/lp-tracker')) {
        const params = new URLSearchParams(url.split('?')[1]);
        const q = params.get('q')?.toLowerCase();
        const matching = q ? ALL.filter((r) => r.organization.name.toLowerCase().includes(q)) : ALL;
        const offset = Number(params.get('offset'));
        const limit = Number(params.get('limit'));
        const summary = { committedAmount: 1, fundedAmount: 0, averageCommitment: 1, lpCount: matching.length };
        return { status: 200, body: { data: { fund: FUND, summary, rows: matching.slice(offset, offset + limit), total: matching.length, limit, offset } } };
      }
      if (init?.method === 'PATCH') {
        // The server keeps the change, so the refetch after the optimistic flip agrees with it.
        const row = ALL.find((r) => url.endsWith(r.id));
        if (row) Object.assign(row, JSON.parse(String(init.body)));
        return { status: 200, body: { data: row } };
      }
      return undefined;
    });
    renderWithProviders(<LpTrackerScreen />);

    const table = await screen.findByTestId('lp-table');
    expect(within(table).getAllByTestId('lp-row')).toHaveLength(50);
    expect(screen.getByTestId('lp-count')).toHaveTextContent('Showing 50 of 60 LPs');
    await userEvent.click(screen.getByTestId('lp-load-more'));
    await expect.poll(() => within(screen.getByTestId('lp-table')).getAllByTestId('lp-row').length).toBe(60);
    expect(calls.some((c) => c.url.includes('offset=50'))).toBe(true);
    expect(screen.queryByTestId('lp-load-more')).toBeNull();

    // A row from the second page: the date is picked (the team's today by default) and saved; the toggle flips before the server answers.
    const lastRow = within(screen.getByTestId('lp-table')).getAllByTestId('lp-row')[59] as HTMLElement;
    const wire = within(lastRow).getByTestId('toggle-wire');
    expect(wire).not.toBeChecked();
    await userEvent.click(wire);
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
    await userEvent.click(await screen.findByTestId('paperwork-save'));
    const wireOnLastRow = () =>
      (within(within(screen.getByTestId('lp-table')).getAllByTestId('lp-row')[59] as HTMLElement).getByTestId('toggle-wire') as HTMLInputElement).checked;
    await expect.poll(wireOnLastRow).toBe(true);
    await expect.poll(() => calls.some((c) => c.method === 'PATCH' && c.url.endsWith(ALL[59]?.id ?? ''))).toBe(true);

    // Clearing asks first: one click no longer erases the date.
    await userEvent.click(within(within(screen.getByTestId('lp-table')).getAllByTestId('lp-row')[59] as HTMLElement).getByTestId('toggle-wire'));
    await userEvent.click(await screen.findByTestId('paperwork-clear'));
    expect(wireOnLastRow()).toBe(true);
    await userEvent.click(await screen.findByTestId('paperwork-confirm-clear'));
    await expect.poll(wireOnLastRow).toBe(false);
    const patches = calls.filter((c) => c.method === 'PATCH').map((c) => c.body as Record<string, unknown>);
    expect(patches.at(-1)).toEqual({ wireReceivedOn: null });
    expect(patches[0]?.wireReceivedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    await userEvent.click(screen.getByTestId('lp-search'));
    await userEvent.paste('Investor 5');
    await expect.poll(() => calls.some((c) => c.url.includes('q=Investor+5') || c.url.includes('q=Investor%205'))).toBe(true);
    await expect.poll(() => within(screen.getByTestId('lp-table')).getAllByTestId('lp-row').length).toBe(11);
    expect(screen.getByTestId('lp-count')).toHaveTextContent('Showing 11 of 11 LPs');
  });

  it('unticking the side letter says what it cleared and can be undone', { timeout: 60_000 }, async () => {
    const rows = [{ ...lp(1), sideLetter: true }];
    const calls = mockApi((url, init) => {
      if (url.startsWith('/api/reports/lp-tracker')) {
        const summary = { committedAmount: 1, fundedAmount: 0, averageCommitment: 1, lpCount: 1 };
        return { status: 200, body: { data: { fund: FUND, summary, rows, total: 1, limit: 50, offset: 0 } } };
      }
      if (init?.method === 'PATCH') {
        Object.assign(rows[0] as object, JSON.parse(String(init.body)));
        return { status: 200, body: { data: rows[0] } };
      }
      return undefined;
    });
    renderWithProviders(
      <>
        <Notifications />
        <LpTrackerScreen />
      </>,
    );
    const box = await screen.findByRole('checkbox', { name: 'Side letter' });
    expect(box).toBeChecked();
    await userEvent.click(box);
    await expect.poll(() => calls.filter((c) => c.method === 'PATCH').map((c) => c.body)).toEqual([{ sideLetter: false }]);
    expect(await screen.findByText(/Cleared side letter for Investor 1/)).toBeInTheDocument();
    await userEvent.click(screen.getByTestId('undo-clear'));
    await expect.poll(() => calls.filter((c) => c.method === 'PATCH').map((c) => c.body)).toEqual([{ sideLetter: false }, { sideLetter: true }]);
  });
});
