import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithProviders, TEST_USER } from '../../test/render';
import { BackupsSettings } from './backups-settings';

const admin = { ...TEST_USER, role: 'admin' as const };
const ID = '0190c0de-0000-7000-8000-0000000000b1';

const backup = (extra: Record<string, unknown> = {}) => ({
  id: ID,
  kind: 'manual',
  dialect: 'sqlite',
  file: '/data/backups/lpdesk-x.sqlite.enc',
  bytes: 2_500_000,
  sha256: 'ab'.repeat(32),
  encrypted: true,
  status: 'ok',
  schemaVersion: '0019_backups',
  verifiedAt: null,
  error: null,
  counts: { organizations: 12 },
  durationMs: 80,
  createdAt: '2031-03-14T02:00:00.000Z',
  createdBy: null,
  ...extra,
});

const SETTINGS = {
  enabled: true,
  time: '02:00',
  timeZone: 'UTC',
  keepDaily: 7,
  keepWeekly: 4,
  keepMonthly: 12,
  keepPreRestoreDays: 30,
  directory: null,
  effectiveDirectory: '/data/backups',
  encryption: true,
  nextRunAt: '2031-03-15T02:00:00.000Z',
  version: 0,
};

describe('Settings → Backups', () => {
  it('saves the schedule, lists backups, and restores only after the preview and a typed confirmation', async () => {
    const calls = mockApi((url, init) => {
      const method = init?.method ?? 'GET';
      if (url === '/api/backup-settings' && method === 'GET') return { status: 200, body: { data: SETTINGS } };
      if (url === '/api/backup-settings' && method === 'PATCH') return { status: 200, body: { data: { ...SETTINGS, time: '03:15', version: 1 } } };
      if (url === '/api/backups')
        return {
          status: 200,
          body: {
            data: [backup(), backup({ id: '0190c0de-0000-7000-8000-0000000000b2', kind: 'scheduled', status: 'corrupt', error: 'sha256: corrupted' })],
            total: 2,
            limit: 2,
            offset: 0,
          },
        };
      if (url === `/api/backups/${ID}/preview`) {
        return {
          status: 200,
          body: {
            data: {
              backup: backup(),
              sameSchema: true,
              tables: [
                { table: 'organizations', now: 13, backup: 12 },
                { table: 'funds', now: 2, backup: 2 },
              ],
            },
          },
        };
      }
      if (url === `/api/backups/${ID}/restore` && method === 'POST')
        return { status: 200, body: { data: { restored: backup(), preRestore: backup({ kind: 'pre_restore' }), tables: [] } } };
      return undefined;
    });
    renderWithProviders(<BackupsSettings />, { user: admin });

    expect(await screen.findByText(/Encrypted with the configured backup key/)).toBeInTheDocument();
    const time = await screen.findByTestId('backup-time');
    await userEvent.clear(time);
    await userEvent.type(time, '03:15');
    await userEvent.click(screen.getByTestId('backup-settings-save'));
    await expect.poll(() => calls.find((c) => c.method === 'PATCH')?.body).toMatchObject({ time: '03:15', keepDaily: 7 });

    const table = await screen.findByTestId('backups-table');
    expect(within(table).getAllByTestId('backup-row')).toHaveLength(2);
    expect(within(table).getByText('corrupt')).toBeInTheDocument();
    // A corrupt backup can be verified again but not restored.
    const restoreButtons = within(table).getAllByTestId('backup-restore');
    expect(restoreButtons[1]).toBeDisabled();

    await userEvent.click(restoreButtons[0] as HTMLElement);
    const modal = await screen.findByTestId('backup-restore-modal');
    // Only the tables that differ are listed.
    const organizations = await within(modal).findByTestId('preview-organizations');
    expect(organizations).toHaveTextContent('organizations1312');
    expect(within(modal).queryByTestId('preview-funds')).toBeNull();
    const confirm = within(modal).getByTestId('backup-restore-confirm');
    expect(confirm).toBeDisabled();
    await userEvent.type(within(modal).getByTestId('backup-restore-confirm-text'), 'restore');
    expect(confirm).toBeEnabled();
    await userEvent.click(confirm);
    await expect.poll(() => calls.find((c) => c.url.endsWith('/restore'))?.body).toEqual({ confirm: true });
  });
});
