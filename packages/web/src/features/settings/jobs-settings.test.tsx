import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithProviders, TEST_USER } from '../../test/render';
import { JobsSettings } from './jobs-settings';

const admin = { ...TEST_USER, role: 'admin' as const };

const job = (id: string, kind: string, status: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind,
  status,
  attempts: 0,
  maxAttempts: 5,
  lastError: null,
  runAt: '2031-03-14T15:00:00.000Z',
  createdAt: '2031-03-14T14:59:00.000Z',
  finishedAt: null,
  ...extra,
});

const JOBS = [
  job('0190c0de-0000-7000-8000-0000000000a1', 'email.sync', 'dead', { attempts: 5, lastError: 'IMAP login refused', finishedAt: '2031-03-14T15:10:00.000Z' }),
  job('0190c0de-0000-7000-8000-0000000000a2', 'maintenance.optimize', 'succeeded', { attempts: 1, finishedAt: '2031-03-14T15:01:00.000Z' }),
  job('0190c0de-0000-7000-8000-0000000000a3', 'search.reindex', 'queued'),
];

describe('Settings → Jobs', () => {
  it('lists jobs, schedules and subscribers, filters by status, and retries a dead job', async () => {
    const calls = mockApi((url, init) => {
      if (url.startsWith('/api/jobs?')) {
        const status = new URLSearchParams(url.split('?')[1]).get('status');
        const data = status ? JOBS.filter((j) => j.status === status) : JOBS;
        return { status: 200, body: { data, total: data.length, limit: 50, offset: 0 } };
      }
      if (url === '/api/jobs/0190c0de-0000-7000-8000-0000000000a1/retry' && init?.method === 'POST') {
        return { status: 200, body: { data: { ...JOBS[0], status: 'queued', attempts: 0 } } };
      }
      if (url === '/api/job-schedules') {
        return {
          status: 200,
          body: { data: [{ name: 'maintenance.optimize', kind: 'maintenance.optimize', cron: '17 3 * * *', nextRunAt: '2031-03-15T03:17:00.000Z', lastRunAt: null, enabled: true }] },
        };
      }
      if (url === '/api/subscriptions') {
        return {
          status: 200,
          body: { data: [{ name: 'search.indexer', position: 40, lag: 3, attempts: 2, lastError: 'index is read-only', retryAt: '2031-03-14T15:00:02.000Z', failedAt: '2031-03-14T15:00:00.000Z', updatedAt: '2031-03-14T15:00:00.000Z' }] },
        };
      }
      return undefined;
    });
    renderWithProviders(<JobsSettings />, { user: admin });

    const table = await screen.findByTestId('jobs-table');
    expect(within(table).getByText('email.sync')).toBeInTheDocument();
    expect(within(table).getByText('IMAP login refused')).toBeInTheDocument();
    expect(within(table).getByText('5 / 5')).toBeInTheDocument();
    // Only failed and dead jobs can be retried.
    expect(within(table).getAllByRole('button', { name: 'Retry' })).toHaveLength(1);

    const schedules = await screen.findByTestId('schedules-table');
    expect(within(schedules).getByText('17 3 * * *')).toBeInTheDocument();
    expect(within(schedules).getByText('never')).toBeInTheDocument();

    const subscribers = await screen.findByTestId('subscribers-table');
    expect(within(subscribers).getByText('search.indexer')).toBeInTheDocument();
    expect(within(subscribers).getByText('3')).toBeInTheDocument();
    expect(within(subscribers).getByText('index is read-only')).toBeInTheDocument();

    await userEvent.click(within(table).getByRole('button', { name: 'Retry' }));
    await expect.poll(() => calls.some((c) => c.method === 'POST' && c.url.endsWith('/retry'))).toBe(true);

    await userEvent.click(screen.getByText('Dead'));
    await expect.poll(() => calls.some((c) => c.url.includes('status=dead'))).toBe(true);
    await expect.poll(() => within(screen.getByTestId('jobs-table')).queryByText('search.reindex')).toBeNull();
  });
});
