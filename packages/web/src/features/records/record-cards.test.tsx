import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { RecordCollection } from './record-cards';
import type { GridColumn } from './record-grid';

interface Row {
  id: string;
  name: string;
  city: string;
  owner: string;
}

const columns: GridColumn<Row>[] = [
  { id: 'name', label: 'Name', width: '2fr', sortKey: 'name', render: (r) => r.name, csv: (r) => r.name },
  { id: 'city', label: 'City', width: '1fr', render: (r) => r.city, csv: (r) => r.city },
  { id: 'owner', label: 'Owner', width: '1fr', render: (r) => r.owner, csv: (r) => r.owner },
];
const rows: Row[] = [
  { id: 'a', name: 'Harborview Family Office', city: 'Boston', owner: 'Avery' },
  { id: 'b', name: 'Summit Fund of Funds', city: 'Denver', owner: 'Casey' },
];

function renderCollection(overrides: Partial<Parameters<typeof RecordCollection<Row>>[0]> = {}) {
  const props = {
    rows,
    total: 2,
    columns,
    sort: null,
    onSort: vi.fn(),
    selected: new Set<string>(),
    onSelectedChange: vi.fn(),
    onOpen: vi.fn(),
    onNeedMore: vi.fn(),
    height: '400px',
    label: 'Organizations',
    ...overrides,
  };
  renderWithProviders(<RecordCollection {...props} />);
  return props;
}

/** Pretend the viewport is phone-sized (below 768 px) or not. */
function viewportIsCompact(compact: boolean) {
  vi.mocked(window.matchMedia).mockImplementation(
    (query: string) =>
      ({ matches: compact && query.includes('max-width: 47.99em'), media: query, addEventListener() {}, removeEventListener() {} }) as unknown as MediaQueryList,
  );
}

describe('RecordCollection', () => {
  beforeEach(() => {
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        observe() {}
        disconnect() {}
      },
    );
  });
  afterEach(() => viewportIsCompact(false));

  it('shows cards with the name and labelled key fields on a phone; a tap opens, the checkbox selects', async () => {
    viewportIsCompact(true);
    const props = renderCollection();
    const cards = screen.getAllByTestId('record-card');
    expect(cards).toHaveLength(2);
    expect(cards[0]).toHaveTextContent('Harborview Family Office');
    expect(cards[0]).toHaveTextContent('City');
    expect(cards[0]).toHaveTextContent('Boston');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    await userEvent.click(screen.getByText('Summit Fund of Funds'));
    expect(props.onOpen).toHaveBeenCalledWith(rows[1]);
    await userEvent.click(screen.getAllByRole('checkbox', { name: 'Select record' })[0] as HTMLElement);
    expect(props.onSelectedChange).toHaveBeenCalledWith(new Set(['a']));
    expect(props.onOpen).toHaveBeenCalledTimes(1);
  });

  it('sorts from a select, since cards have no header to click', async () => {
    viewportIsCompact(true);
    const props = renderCollection();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), '-name');
    expect(props.onSort).toHaveBeenCalledWith('-name');
  });

  it('keeps the grid on wider screens', () => {
    viewportIsCompact(false);
    renderCollection();
    expect(screen.getByRole('table', { name: 'Organizations' })).toBeInTheDocument();
    expect(screen.queryByTestId('record-card')).not.toBeInTheDocument();
  });
});
