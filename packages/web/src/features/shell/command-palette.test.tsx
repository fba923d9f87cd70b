import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { spotlight } from '@mantine/spotlight';
import { useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithProviders } from '../../test/render';
import { CommandPalette } from './command-palette';

function Where() {
  const location = useLocation();
  return <output data-testid="where">{`${location.pathname}${location.search}`}</output>;
}

const results = [
  { type: 'contact', id: 'c-julia', label: 'Julia Novak', sublabel: 'Northstar Industries', match: 'typo' },
  { type: 'contact', id: 'c-julian', label: 'Julian Pemberhollow', sublabel: null, match: 'typo' },
  { type: 'communication', id: 'n-1', label: 'Quarterly sync', sublabel: 'Note · Mar 1, 2031', match: 'text' },
];

async function openPalette() {
  mockApi((url) => (url.startsWith('/api/search/records') ? { status: 200, body: { data: results } } : undefined));
  renderWithProviders(
    <>
      <CommandPalette />
      <Where />
    </>,
  );
  await act(async () => spotlight.open());
  return screen.findByTestId('palette-input');
}

describe('CommandPalette', () => {
  it('opens the first result on Enter, even when pressed before the results arrive', async () => {
    const input = await openPalette();
    await userEvent.type(input, 'Julai{Enter}');
    await waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('/contacts/c-julia'), { timeout: 5_000 });
  });

  it('moves the highlight with the arrow keys and opens the highlighted result', async () => {
    const input = await openPalette();
    await userEvent.type(input, 'Julai');
    const rows = await screen.findAllByTestId('palette-result');
    expect(rows[0]).toHaveAttribute('data-selected');
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    await waitFor(() => expect(rows[2]).toHaveAttribute('data-selected'), { timeout: 5_000 });
    expect(rows[2]).toHaveAttribute('data-result-type', 'communication');
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('/communications?communication=n-1'), { timeout: 5_000 });
  });
});
