import { Notifications } from '@mantine/notifications';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithProviders } from '../../test/render';
import { RecordListScreen } from './record-list-screen';
import { SelectionBanner } from './selection-banner';

interface Row {
  id: string;
  name: string;
  customFields: Record<string, unknown>;
}

const rows = (count: number): Row[] =>
  Array.from({ length: count }, (_, index) => ({
    id: `0190c0de-0000-7000-8000-${String(index).padStart(12, '0')}`,
    name: `Person ${index}`,
    customFields: {},
  }));

const CONFIG = {
  collection: 'contacts' as const,
  entityType: 'contact' as const,
  title: 'Contacts',
  plural: 'contacts',
  columns: [{ id: 'name', label: 'Name', width: '1fr', render: (row: Row) => row.name, csv: (row: Row) => row.name }],
  newLabel: 'New contact',
  onNew: () => {},
  renderDetail: () => null,
};

describe('select all matching', () => {
  it('offers the whole list once every loaded row is ticked, and says "1 contact" in the singular', () => {
    const noop = () => {};
    const banner = (props: { selectedCount: number; loadedCount: number; total: number; allMatching: boolean }) =>
      renderWithProviders(<SelectionBanner {...props} noun={['contact', 'contacts']} onSelectAllMatching={noop} onClear={noop} />);
    const first = banner({ selectedCount: 100, loadedCount: 100, total: 875, allMatching: false });
    expect(screen.getByTestId('selection-banner')).toHaveTextContent('All 100 contacts on this page are selected.');
    expect(screen.getByTestId('select-all-matching')).toHaveTextContent('Select all 875 matching');
    first.unmount();
    const second = banner({ selectedCount: 1, loadedCount: 1, total: 1, allMatching: true });
    expect(screen.getByTestId('selection-banner')).toHaveTextContent('All 1 contact matching this list are selected.');
    second.unmount();
    banner({ selectedCount: 3, loadedCount: 100, total: 875, allMatching: false });
    expect(screen.queryByTestId('selection-banner')).toBeNull();
  });

  it('sends "all 875 matching" as the list query in one batch, and offers Undo', async () => {
    const page = rows(100);
    const calls = mockApi((url, init) => {
      if (url.startsWith('/api/contacts?')) return { status: 200, body: { data: page, total: 875, limit: 100, offset: 0 } };
      if (url === '/api/batches' && init?.method === 'POST') {
        return {
          status: 201,
          body: {
            data: {
              id: '0190c0de-0000-7000-8000-00000000b001',
              collection: 'contacts',
              action: 'trash',
              count: 875,
              matched: 875,
              createdAt: '2031-03-14T15:00:00.000Z',
              undoneAt: null,
            },
          },
        };
      }
      return undefined;
    });
    renderWithProviders(
      <>
        <Notifications />
        <RecordListScreen config={CONFIG} />
      </>,
    );
    expect(await screen.findByText('875 contacts')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select all loaded rows' }));
    expect(screen.getByTestId('bulk-count')).toHaveTextContent('100 contacts selected');
    await userEvent.click(screen.getByTestId('select-all-matching'));
    expect(screen.getByTestId('bulk-count')).toHaveTextContent('875 contacts selected');
    expect(screen.getByTestId('selection-banner')).toHaveTextContent('All 875 contacts matching this list are selected.');

    await userEvent.click(screen.getByTestId('bulk-trash'));
    await userEvent.click(await screen.findByTestId('confirm-trash'));
    await waitFor(() => expect(calls.some((c) => c.url === '/api/batches')).toBe(true));
    const batch = calls.find((c) => c.url === '/api/batches');
    expect(batch?.body).toEqual({ collection: 'contacts', selection: { query: {} }, action: { kind: 'trash' }, expectedCount: 875 });
    expect(await screen.findByTestId('batch-toast')).toHaveTextContent('Moved 875 contacts to trash');
    expect(screen.getByTestId('batch-undo')).toBeInTheDocument();
  });

  it('clears the selection when the filter changes, so nothing hidden is acted on', async () => {
    mockApi((url) => (url.startsWith('/api/contacts?') ? { status: 200, body: { data: rows(3), total: 3, limit: 100, offset: 0 } } : undefined));
    renderWithProviders(<RecordListScreen config={CONFIG} />);
    expect(await screen.findByText('3 contacts')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select all loaded rows' }));
    expect(screen.getByTestId('bulk-count')).toHaveTextContent('3 contacts selected');
    await userEvent.click(screen.getByRole('tab', { name: 'Investors' }));
    await waitFor(() => expect(screen.queryByTestId('bulk-bar')).toBeNull());
  });
});
