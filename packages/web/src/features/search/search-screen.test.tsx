import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithProviders } from '../../test/render';
import { hit, ids, searchResult } from './search-fixtures';
import type { RetrievalSearchResult, RetrievalStatus } from './search-api';
import { SearchScreen } from './search-screen';

function Where() {
  const location = useLocation();
  return <output data-testid="where">{`${location.pathname}${location.search}`}</output>;
}

const FUND_ID = '0190c0de-0000-7000-8000-00000000f0f0';

/** The screen at `route`, answering searches with `result` and the status with `status`; returns the requests made. */
function renderSearch(
  route: string,
  { result = searchResult([]), status = { chunks: 10, pending: 0, embedder: { name: 'builtin', dimensions: 100 } } as RetrievalStatus, fail = false } = {},
) {
  const calls = mockApi((url) => {
    if (url.startsWith('/api/search/status')) return { status: 200, body: status };
    if (url.startsWith('/api/search?') || url === '/api/search')
      return fail ? { status: 400, body: { error: { code: 'invalid', message: 'q: must not be empty' } } } : { status: 200, body: result };
    if (url.startsWith('/api/funds')) return { status: 200, body: { data: [{ id: FUND_ID, name: 'Fund III' }], total: 1, limit: 100, offset: 0 } };
    if (url.startsWith('/api/email/messages/')) return { status: 200, body: { data: { id: 'msg-1', communicationId: 'comm-from-email' } } };
    return undefined;
  });
  renderWithProviders(
    <>
      <SearchScreen />
      <Where />
    </>,
    { route },
  );
  const searches = () => calls.filter((call) => call.url.startsWith('/api/search?')).map((call) => new URL(call.url, 'http://x').searchParams);
  return { calls, searches };
}

const where = () => screen.getByTestId('where').textContent ?? '';

describe('SearchScreen', () => {
  it('groups passages by investor, else contact, with their labels, links and dates', async () => {
    const result: RetrievalSearchResult = searchResult([
      hit({ chunkId: 'h1', sourceId: 'comm-1', title: 'DDQ follow-up', entityIds: [ids.ada, ids.acme] }),
      hit({ chunkId: 'h2', sourceId: 'comm-2', title: 'Coffee with Bo', entityIds: [ids.bo], kind: 'meeting' }),
      hit({ chunkId: 'h3', sourceType: 'note', sourceId: ids.acme, kind: 'note', title: 'Notes log', entityIds: [ids.acme] }),
    ]);
    renderSearch('/search?q=ddq', { result });
    const groups = await screen.findAllByTestId('search-group');
    expect(groups.map((group) => within(group).getByTestId('search-group-label').textContent)).toEqual(['Acme Family Office', 'Bo Lindqvist']);
    const acmeHits = within(groups[0]!)
      .getAllByTestId('search-hit-title')
      .map((title) => title.textContent);
    expect(acmeHits).toEqual(['DDQ follow-up', 'Notes log']);
    expect(within(groups[0]!).getByRole('link', { name: 'Acme Family Office' })).toHaveAttribute('href', `/organizations/${ids.acme}`);
    expect(within(groups[0]!).getByRole('link', { name: 'Ada Chen' })).toHaveAttribute('href', `/contacts/${ids.ada}`);
    // Event time in the team's zone (UTC in tests), with the kind.
    expect(within(groups[1]!).getByText('Meeting · Mar 1, 2031')).toBeInTheDocument();
    expect(screen.getByTestId('search-summary')).toHaveTextContent('3 passages');
  });

  it('marks matched words as <mark> and never renders the snippet as HTML', async () => {
    const result = searchResult([hit({ snippet: 'Asked for the «DDQ» <img src=x onerror="alert(1)"> and «<b>terms</b>»', entityIds: [ids.acme] })]);
    renderSearch('/search?q=ddq', { result });
    const snippet = await screen.findByTestId('search-snippet');
    const marks = [...snippet.querySelectorAll('mark')].map((mark) => mark.textContent);
    expect(marks).toEqual(['DDQ', '<b>terms</b>']);
    expect(snippet.querySelector('img')).toBeNull();
    expect(snippet.querySelector('b')).toBeNull();
    expect(snippet.textContent).toContain('<img src=x onerror="alert(1)">');
    // One passage is "1 passage", in the summary and on its group.
    expect(screen.getByTestId('search-summary').textContent).toMatch(/^1 passage · /);
    expect(screen.getByTestId('search-group')).toHaveTextContent('1 passage');
  });

  it('sends the filters from the URL, and writes changed filters back to it', async () => {
    const { searches } = renderSearch(`/search?q=gp%20commitment&kind=call,email&fund=${FUND_ID}&from=2031-01-01&to=2031-02-28&mode=sparse`);
    await waitFor(() => expect(searches().length).toBeGreaterThan(0));
    const sent = searches()[0]!;
    expect(Object.fromEntries(sent)).toEqual({
      q: 'gp commitment',
      mode: 'sparse',
      limit: '30',
      kind: 'call,email',
      fundId: FUND_ID,
      from: '2031-01-01',
      to: '2031-02-28',
    });

    await userEvent.click(await screen.findByRole('radio', { name: 'Similar meaning' }));
    await waitFor(() => expect(searches().at(-1)!.get('mode')).toBe('dense'));
    expect(where()).toContain('mode=dense');
    expect(where()).toContain('kind=call%2Cemail');

    await userEvent.click(screen.getByTestId('search-kind-filter'));
    await userEvent.click(await screen.findByRole('option', { name: 'Notes', hidden: true }));
    await waitFor(() => expect(searches().at(-1)!.get('kind')).toBe('call,email,note'));
    expect(where()).toContain('kind=call%2Cemail%2Cnote');
  });

  it('puts what is typed in the URL and searches it', async () => {
    const { searches } = renderSearch('/search');
    expect(await screen.findByText('Search what was said')).toBeInTheDocument();
    await userEvent.type(screen.getByTestId('search-input'), 'julia ddq');
    await waitFor(() => expect(where()).toBe('/search?q=julia+ddq'));
    await waitFor(() => expect(searches().at(-1)!.get('q')).toBe('julia ddq'));
    expect(searches().every((params) => params.get('mode') === 'hybrid')).toBe(true);
  });

  it('focuses the box on /', async () => {
    renderSearch('/search');
    const input = await screen.findByTestId('search-input');
    input.blur();
    expect(input).not.toHaveFocus();
    fireEvent.keyDown(document.body, { key: '/' });
    expect(input).toHaveFocus();
  });

  it('says when nothing matched and when the index is catching up', async () => {
    renderSearch('/search?q=zzz&kind=text', { status: { chunks: 10, pending: 42, embedder: { name: 'builtin', dimensions: 100 } } });
    expect(await screen.findByText('Nothing found for “zzz”')).toBeInTheDocument();
    expect(screen.getByText('Clear a filter or widen the dates.')).toBeInTheDocument();
    expect(await screen.findByTestId('search-index-pending')).toHaveTextContent('42 pending');
  });

  it('shows the server’s message when the search fails', async () => {
    renderSearch('/search?q=x', { fail: true });
    expect(await screen.findByTestId('search-error')).toHaveTextContent('q: must not be empty');
  });

  it('opens a communication in its drawer', async () => {
    const result = searchResult([
      hit({ chunkId: 'h1', sourceType: 'email', sourceId: 'msg-1', kind: 'email', title: 'Re: DDQ', entityIds: [ids.acme] }),
      hit({ chunkId: 'h2', sourceId: 'comm-9', title: 'Call about the DDQ', entityIds: [ids.acme] }),
    ]);
    renderSearch('/search?q=ddq', { result });
    await userEvent.click(await screen.findByRole('button', { name: 'Open Call about the DDQ' }));
    await waitFor(() => expect(where()).toBe('/communications?communication=comm-9'));
  });

  it('opens an email at the communication it is filed as', async () => {
    const result = searchResult([hit({ chunkId: 'h1', sourceType: 'email', sourceId: 'msg-1', kind: 'email', title: 'Re: DDQ', entityIds: [ids.acme] })]);
    renderSearch('/search?q=ddq', { result });
    await userEvent.click(await screen.findByRole('button', { name: 'Open Re: DDQ' }));
    await waitFor(() => expect(where()).toBe('/communications?communication=comm-from-email'));
  });
});
