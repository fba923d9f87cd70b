import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { mockApi, renderWithProviders } from '../../test/render';
import { ActivityReport } from './activity-report';
import { FundProgressReport } from './fund-progress-report';
import { LpBreakdownReport } from './lp-breakdown-report';
import { ReportsScreen } from './reports-screen';
import { ReupsReport } from './reups-report';
import { TearSheetScreen } from './tear-sheet-screen';

const FUND_I = {
  id: '0190c0de-0000-7000-8000-00000000f001',
  name: 'Fund I',
  currency: 'USD',
  targetAmount: 50_000_000_00,
  vintage: 2026,
  createdAt: '2031-01-02T00:00:00.000Z',
};
const FUND_II = {
  id: '0190c0de-0000-7000-8000-00000000f002',
  name: 'Fund II',
  currency: 'EUR',
  targetAmount: 100_000_000_00,
  vintage: 2030,
  createdAt: '2031-01-01T00:00:00.000Z',
};
/** The machine running the tests may be busy: give slow renders time before calling them missing. */
const SLOW = { timeout: 15_000 };
const ORG = '0190c0de-0000-7000-9000-000000000001';

const fundsList = { status: 200, body: { data: [FUND_II, FUND_I], total: 2, limit: 100, offset: 0 } };

/** The query parameters of the last request to a report route. */
function lastQuery(calls: { url: string }[], route: string): URLSearchParams {
  const hit = calls.filter((c) => c.url.startsWith(route)).at(-1);
  return new URLSearchParams(hit?.url.split('?')[1] ?? '');
}

function Location() {
  const { search } = useLocation();
  return <output data-testid="location">{search}</output>;
}

function Path() {
  const { pathname, search } = useLocation();
  return <output data-testid="path">{`${pathname}${search}`}</output>;
}

function fundProgress(fund: typeof FUND_I) {
  return {
    fund,
    from: '2031-01-01',
    to: '2031-03-14',
    bucket: 'week',
    targetAmount: fund.targetAmount,
    softCircledAmount: 5_000_000_00,
    committedAmount: 12_345_678_90,
    closedAmount: 10_000_000_00,
    fundedAmount: 2_500_000_00,
    series: [{ date: '2031-03-10', committedAmount: 12_345_678_90, closedAmount: 10_000_000_00 }],
    byClose: [],
    closedByMonth: [],
  };
}

describe('Reports screens', () => {
  it('fund progress: the fund and dates go to the URL and the request, amounts show in the fund currency, CSV carries the filters', {
    timeout: 60_000,
  }, async () => {
    const calls = mockApi((url) => {
      if (url.startsWith('/api/funds')) return fundsList;
      if (url.startsWith('/api/reports/fund-progress')) {
        const fundId = new URLSearchParams(url.split('?')[1]).get('fundId');
        return { status: 200, body: { data: fundProgress(fundId === FUND_II.id ? FUND_II : FUND_I) } };
      }
      return undefined;
    });
    renderWithProviders(
      <>
        <FundProgressReport />
        <Location />
      </>,
    );
    const table = await screen.findByTestId('fund-progress-table', {}, SLOW);
    const committedRow = within(table).getAllByTestId('fund-progress-row')[2] as HTMLElement;
    expect(committedRow).toHaveTextContent('Committed');
    expect(committedRow).toHaveTextContent('$12,345,678.90');
    expect(committedRow).toHaveTextContent('25%');
    expect(lastQuery(calls, '/api/reports/fund-progress').get('fundId')).toBeNull();

    await userEvent.click(screen.getByTestId('report-fund'));
    await userEvent.click(await screen.findByRole('option', { name: 'Fund II', hidden: true }, SLOW));
    await expect.poll(() => screen.getByTestId('location').textContent).toBe(`?fund=${FUND_II.id}`);
    await expect.poll(() => lastQuery(calls, '/api/reports/fund-progress').get('fundId')).toBe(FUND_II.id);
    await expect.poll(() => within(screen.getByTestId('fund-progress-table')).getAllByTestId('fund-progress-row')[2]?.textContent).toContain('€12,345,678.90');

    fireEvent.change(screen.getByTestId('report-from'), { target: { value: '2031-01-01' } });
    fireEvent.change(screen.getByTestId('report-to'), { target: { value: '2031-02-28' } });
    await expect.poll(() => lastQuery(calls, '/api/reports/fund-progress').get('to')).toBe('2031-02-28');
    const sent = lastQuery(calls, '/api/reports/fund-progress');
    expect(sent.get('from')).toBe('2031-01-01');
    expect(sent.get('fundId')).toBe(FUND_II.id);
    expect(new URLSearchParams(screen.getByTestId('location').textContent ?? '').get('from')).toBe('2031-01-01');

    const csv = new URL(screen.getByTestId('report-csv').getAttribute('href') ?? '', 'http://x');
    expect(csv.pathname).toBe('/api/reports/fund-progress');
    expect(Object.fromEntries(csv.searchParams)).toEqual({ fundId: FUND_II.id, from: '2031-01-01', to: '2031-02-28', format: 'csv' });
    const series = new URL(screen.getByTestId('csv-series').getAttribute('href') ?? '', 'http://x');
    expect(series.searchParams.get('table')).toBe('series');
    expect(series.searchParams.get('format')).toBe('csv');
  });

  it('activity: cold days and dates become query parameters; cold investors and next actions are listed', { timeout: 60_000 }, async () => {
    const calls = mockApi((url) => {
      if (url.startsWith('/api/reports/activity')) {
        const coldDays = Number(new URLSearchParams(url.split('?')[1]).get('coldDays') ?? 60);
        return {
          status: 200,
          body: {
            data: {
              from: '2031-02-13',
              to: '2031-03-14',
              bucket: 'day',
              coldDays,
              byUser: [{ userId: null, name: 'Casey Partner', count: 4 }],
              byKind: [{ kind: 'meeting', count: 4 }],
              series: [{ date: '2031-03-14', count: 4 }],
              cold: [{ organizationId: ORG, name: 'Quiet Capital', ownerId: null, ownerName: 'Dana', lastTouchAt: null }],
              upcomingTasks: [],
              overdueTasks: [
                { id: ORG, title: 'Send the deck', dueOn: '2031-03-01', assigneeId: null, assigneeName: 'Dana', entityType: null, entityId: null },
              ],
            },
          },
        };
      }
      return undefined;
    });
    renderWithProviders(<ActivityReport />);
    const cold = await screen.findByTestId('cold-table', {}, SLOW);
    expect(within(cold).getByTestId('cold-row')).toHaveTextContent('Quiet Capital');
    expect(within(cold).getByTestId('cold-row')).toHaveTextContent('Never');
    expect(screen.getByTestId('next-actions-table')).toHaveTextContent('Send the deck');
    expect(screen.getByText('Gone cold: no touch in 60 days (1)')).toBeInTheDocument();

    const coldInput = screen.getByTestId('report-cold');
    await userEvent.clear(coldInput);
    await userEvent.type(coldInput, '30');
    await expect.poll(() => lastQuery(calls, '/api/reports/activity').get('coldDays')).toBe('30');
    expect(await screen.findByText('Gone cold: no touch in 30 days (1)', {}, SLOW)).toBeInTheDocument();
    fireEvent.change(screen.getByTestId('report-from'), { target: { value: '2031-03-01' } });
    await expect.poll(() => lastQuery(calls, '/api/reports/activity').get('from')).toBe('2031-03-01');
    const csv = new URL(screen.getByTestId('report-csv').getAttribute('href') ?? '', 'http://x');
    expect(Object.fromEntries(csv.searchParams)).toEqual({ from: '2031-03-01', coldDays: '30', format: 'csv' });
  });

  it('LP breakdown: a fund without LPs says so instead of drawing empty charts', { timeout: 60_000 }, async () => {
    mockApi((url) => {
      if (url.startsWith('/api/reports/lp-breakdown')) {
        return {
          status: 200,
          body: {
            data: {
              fund: FUND_I,
              lpCount: 0,
              committedAmount: 0,
              byKind: [],
              byGeography: [],
              byCheckSize: [],
              concentration: { top10Amount: 0, top10Share: null, top: [] },
            },
          },
        };
      }
      return undefined;
    });
    renderWithProviders(<LpBreakdownReport />);
    expect(await screen.findAllByText('No committed LPs in this fund yet.', {}, SLOW)).toHaveLength(3);
    expect(screen.getByTestId('breakdown-top10')).toHaveTextContent('—');
    expect(screen.getByTestId('breakdown-total')).toHaveTextContent('$0');
  });

  it('re-ups: defaults to the two newest vintages, shows each status, and an empty prior fund says so', { timeout: 60_000 }, async () => {
    let rows: unknown[] = [
      { organizationId: ORG, name: 'Harborview Family Office', priorCommittedAmount: 7_500_000_00, status: 'not_approached' },
      {
        organizationId: FUND_I.id,
        name: 'Summit',
        priorCommittedAmount: 1_000_00,
        status: 'committed',
        commitmentId: FUND_II.id,
        stage: 'closed',
        amount: 2_000_00,
      },
    ];
    const calls = mockApi((url) => {
      if (url.startsWith('/api/funds')) return fundsList;
      if (url.startsWith('/api/reports/reups')) return { status: 200, body: { data: rows } };
      return undefined;
    });
    const { client } = renderWithProviders(<ReupsReport />);
    const table = await screen.findByTestId('reups-table', {}, SLOW);
    const sent = lastQuery(calls, '/api/reports/reups');
    expect(sent.get('fromFundId')).toBe(FUND_I.id);
    expect(sent.get('toFundId')).toBe(FUND_II.id);
    const [first, second] = within(table).getAllByTestId('reup-row');
    expect(first).toHaveTextContent('$7,500,000');
    expect(first).toHaveTextContent('Not approached');
    expect(second).toHaveTextContent('Re-upped');
    expect(second).toHaveTextContent('€2,000');
    expect(screen.getByTestId('reup-count-committed')).toHaveTextContent('Re-upped: 1');
    const csv = new URL(screen.getByTestId('report-csv').getAttribute('href') ?? '', 'http://x');
    expect(Object.fromEntries(csv.searchParams)).toEqual({ fromFundId: FUND_I.id, toFundId: FUND_II.id, format: 'csv' });

    rows = [];
    await client.invalidateQueries({ queryKey: ['reports'] });
    expect(await screen.findByTestId('reups-empty', {}, SLOW)).toBeInTheDocument();
  });

  it('tear sheet: profile, commitments in money, people, touches and tasks; Print opens the print dialog', { timeout: 60_000 }, async () => {
    mockApi((url) => {
      if (url.startsWith('/api/reports/tear-sheet/')) {
        return {
          status: 200,
          body: {
            data: {
              organization: {
                id: ORG,
                name: 'Harborview Family Office',
                kind: 'family_office',
                website: 'https://harborview.example',
                location: 'Boston, MA',
                description: null,
                ownerId: null,
                ownerName: 'Dana',
              },
              commitments: [
                {
                  id: ORG,
                  fundId: FUND_II.id,
                  fundName: 'Fund II',
                  currency: 'USD',
                  stage: 'committed',
                  expectedAmount: 8_000_000_00,
                  committedAmount: 7_500_000_00,
                  fundedAmount: null,
                  expectedCloseOn: null,
                  ownerName: null,
                },
              ],
              contacts: [{ id: ORG, name: 'Morgan Lee', title: 'CIO', email: 'morgan@harborview.example', phone: null, isPrimary: true }],
              lastTouches: [{ id: ORG, kind: 'meeting', occurredAt: '2031-03-01T15:00:00.000Z', subject: 'Annual meeting', authorName: 'Casey Partner' }],
              openTasks: [],
            },
          },
        };
      }
      return undefined;
    });
    const print = vi.fn();
    vi.stubGlobal('print', print);
    renderWithProviders(<TearSheetScreen />);
    expect(await screen.findByTestId('tear-sheet-name', {}, SLOW)).toHaveTextContent('Harborview Family Office');
    const commitment = screen.getByTestId('tear-sheet-commitment');
    expect(commitment).toHaveTextContent('Fund II');
    expect(commitment).toHaveTextContent('$7,500,000');
    expect(commitment).toHaveTextContent('$8,000,000');
    expect(screen.getByTestId('tear-sheet-contacts')).toHaveTextContent('Morgan Lee (primary)');
    expect(screen.getByTestId('tear-sheet-touches')).toHaveTextContent('Annual meeting');
    expect(screen.getByTestId('tear-sheet-tasks')).toHaveTextContent('No open tasks.');
    await userEvent.click(screen.getByTestId('tear-sheet-print'));
    expect(print).toHaveBeenCalledTimes(1);
  });

  it('the tabs switch reports and keep the fund and dates; an unknown report goes to the first', { timeout: 60_000 }, async () => {
    const calls = mockApi((url) => {
      if (url.startsWith('/api/funds')) return fundsList;
      if (url.startsWith('/api/reports/fund-progress')) return { status: 200, body: { data: fundProgress(FUND_II) } };
      if (url.startsWith('/api/reports/conversion')) {
        const data = {
          fund: FUND_II,
          from: '2031-01-01',
          to: '2031-03-14',
          stages: [],
          cohorts: [],
          winRate: { won: 0, lost: 0, rate: null },
          declinedReasons: [],
        };
        return { status: 200, body: { data } };
      }
      return undefined;
    });
    renderWithProviders(
      <>
        <Routes>
          <Route path="/reports/:report" element={<ReportsScreen />} />
          <Route path="*" element={<Navigate to={`/reports/nonsense?fund=${FUND_II.id}&from=2031-01-01`} replace />} />
        </Routes>
        <Path />
      </>,
    );
    await expect.poll(() => screen.getByTestId('path').textContent, SLOW).toBe(`/reports/fund-progress?fund=${FUND_II.id}&from=2031-01-01`);
    await screen.findByTestId('fund-progress-table', {}, SLOW);
    expect(lastQuery(calls, '/api/reports/fund-progress').get('from')).toBe('2031-01-01');
    await userEvent.click(screen.getByTestId('report-tab-conversion'));
    await expect.poll(() => screen.getByTestId('path').textContent).toBe(`/reports/conversion?fund=${FUND_II.id}&from=2031-01-01`);
    await expect.poll(() => lastQuery(calls, '/api/reports/conversion').get('fundId'), SLOW).toBe(FUND_II.id);
    expect(lastQuery(calls, '/api/reports/conversion').get('from')).toBe('2031-01-01');
    expect(await screen.findByTestId('win-rate', {}, SLOW)).toHaveTextContent('—');
  });
});
