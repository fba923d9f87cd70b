import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { spotlight } from '@mantine/spotlight';
import { useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithProviders } from '../../test/render';
import type { RetrievalSearchResult } from '../search/search-api';
import { hit, ids, searchResult } from '../search/search-fixtures';
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

async function openPalette(content: RetrievalSearchResult = searchResult([])) {
  const calls = mockApi((url) => {
    if (url.startsWith('/api/search/records')) return { status: 200, body: { data: results } };
    if (url.startsWith('/api/search?')) return { status: 200, body: content };
    return undefined;
  });
  renderWithProviders(
    <>
      <CommandPalette />
      <Where />
    </>,
  );
  await act(async () => spotlight.open());
  const input = await screen.findByTestId('palette-input');
  return Object.assign(input, { calls });
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

  it('shows what was said in notes and emails under the records, and opens it', async () => {
    const content = searchResult([
      hit({ chunkId: 'h1', sourceId: 'comm-7', title: 'Call with Julia', snippet: '«Julia» wants the DDQ', entityIds: [ids.acme] }),
      hit({ chunkId: 'h2', sourceId: 'comm-8', title: 'Fund III note', entityIds: [] }),
      // Already among the records ("Quarterly sync"): not listed twice.
      hit({ chunkId: 'h3', sourceId: 'n-1', title: 'Quarterly sync', entityIds: [] }),
    ]);
    const input = await openPalette(content);
    await userEvent.type(input, 'Julai');
    const passages = await screen.findAllByTestId('palette-content-result', {}, { timeout: 5_000 });
    expect(passages).toHaveLength(2);
    // Spotlight draws a group's label from a CSS variable.
    expect(passages[0]!.closest('.mantine-Spotlight-actionsGroup')?.getAttribute('style')).toContain('Said in notes and emails');
    expect(passages[0]!.querySelector('mark')?.textContent).toBe('Julia');
    const sent = input.calls.filter((call) => call.url.startsWith('/api/search?')).map((call) => new URL(call.url, 'http://x').searchParams);
    expect(sent.at(-1)?.get('q')).toBe('Julai');
    expect(sent.at(-1)?.get('limit')).toBe('5');
    // Records still come first: Enter's default stays the best record.
    expect(screen.getAllByTestId('palette-result')[0]).toHaveAttribute('data-selected');
    await userEvent.click(passages[0]!);
    await waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('/communications?communication=comm-7'), { timeout: 5_000 });
  });

  it('ends with a row that opens the Search screen for the query', async () => {
    const input = await openPalette();
    await userEvent.type(input, 'gp commitment');
    const row = await screen.findByTestId('palette-search-everything');
    expect(row).toHaveTextContent('Search everything for “gp commitment”');
    const rows = [...document.querySelectorAll('[data-action]')];
    expect(rows.at(-1)).toBe(row);
    await userEvent.click(row);
    await waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('/search?q=gp+commitment'), { timeout: 5_000 });
  });

  it('keeps the highlight on the first row when passages land after the records', async () => {
    const later = hit({ chunkId: 'later', sourceId: 'comm-b', title: 'Second passage' });
    const calls = mockApi((url) => {
      const q = new URL(url, 'http://x').searchParams.get('q');
      if (url.startsWith('/api/search/records')) return { status: 200, body: { data: q === 'Julai' ? results : [] } };
      if (url.startsWith('/api/search?'))
        return { status: 200, body: searchResult(q === 'Julai' ? [later] : [hit({ chunkId: 'first', sourceId: 'comm-a', title: 'First passage' }), later]) };
      return undefined;
    });
    renderWithProviders(<CommandPalette />);
    await act(async () => spotlight.open());
    const input = await screen.findByTestId('palette-input');
    await userEvent.type(input, 'Julai');
    await screen.findByText('Second passage', {}, { timeout: 5_000 });
    await userEvent.clear(input);
    await userEvent.type(input, 'zzz');
    await screen.findByText('First passage', {}, { timeout: 5_000 });
    await waitFor(() => expect(calls.some((call) => call.url.includes('q=zzz'))).toBe(true));
    const rows = screen.getAllByTestId('palette-content-result');
    await waitFor(() => expect(rows[0]).toHaveAttribute('data-selected'), { timeout: 5_000 });
    expect(rows[1]).not.toHaveAttribute('data-selected');
  });
});
