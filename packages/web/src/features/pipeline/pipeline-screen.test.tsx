import { PIPELINE_STAGES, Stage } from '@lpdesk/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithProviders } from '../../test/render';
import { card } from './kanban-test-cards';
import { PipelineScreen } from './pipeline-screen';

const FUND = { id: '0190c0de-0000-7000-8000-00000000f001', name: 'Fund III', currency: 'USD', targetAmount: null, status: 'raising' };
const OWNER = { id: '0190c0de-0000-7000-8000-0000000000a1', username: 'olivia', fullName: 'Olivia Owner', name: 'Olivia Owner', role: 'member' };

/** A board answer as the server sends it: totals over every matching commitment, a few cards per column. */
function board(q: string | null, ownerId: string | null) {
  const all = [
    card('a', { organization: { id: 'o-a', name: 'Alder Endowment With A Long Name', kind: 'endowment' }, stage: 'meeting', expectedAmount: 300_000_000, ownerId: OWNER.id }),
    card('b', { organization: { id: 'o-b', name: 'Birch Pension', kind: 'pension' }, stage: 'meeting', expectedAmount: 100_000_000 }),
  ].filter((c) => (!q || c.organization?.name.toLowerCase().includes(q.toLowerCase())) && (!ownerId || c.ownerId === ownerId));
  // The server counts 40 more meeting commitments than it sends, as it would with thousands.
  const stages = Stage.options.map((stage) => {
    const cards = all.filter((c) => c.stage === stage);
    const extra = stage === 'meeting' && !q && !ownerId ? 40 : 0;
    return { stage, count: cards.length + extra, amount: cards.reduce((s, c) => s + (c.expectedAmount ?? 0), 0) + extra * 100, cards };
  });
  const expected = stages.filter((s) => (PIPELINE_STAGES as readonly string[]).slice(0, 5).includes(s.stage)).reduce((t, s) => t + s.amount, 0);
  return { fund: FUND, totals: { expected, softCircled: 0, committed: 0, closed: 0, funded: 0, weighted: 0, openCount: 0, lpCount: 0, declinedCount: 0 }, stages };
}

describe('pipeline screen', () => {
  it('shows the server totals, searches and filters by owner on the server, and offers more cards', { timeout: 60_000 }, async () => {
    const calls = mockApi((url) => {
      if (url.startsWith('/api/funds')) return { status: 200, body: { data: [FUND], total: 1, limit: 100, offset: 0 } };
      if (url.startsWith('/api/team')) return { status: 200, body: { data: [OWNER] } };
      if (url.startsWith('/api/reports/pipeline')) {
        const params = new URLSearchParams(url.split('?')[1]);
        return { status: 200, body: { data: board(params.get('q'), params.get('ownerId')) } };
      }
      return undefined;
    });
    renderWithProviders(<PipelineScreen />);
    const meeting = await screen.findByTestId('column-meeting', {}, { timeout: 15_000 });
    await expect.poll(() => within(meeting).queryAllByTestId('kanban-card').length).toBe(2);
    // The column total is the server's (42 commitments), not the sum of the two cards on screen.
    expect(within(meeting).getByTestId('count-meeting')).toHaveTextContent('42');
    expect(within(meeting).getByTestId('show-more-meeting')).toHaveTextContent('Show more (40)');
    // The whole name is there (two lines at most on screen) and in the hover title.
    const alder = within(meeting).getAllByTestId('kanban-card')[0] as HTMLElement;
    expect(alder).toHaveTextContent('Alder Endowment With A Long Name');
    expect(alder.querySelector('[title]')?.getAttribute('title')).toMatch(/^Alder Endowment With A Long Name\n\$3M/);

    await userEvent.click(within(meeting).getByTestId('show-more-meeting'));
    await expect.poll(() => calls.some((c) => c.url.includes('more=meeting%3A40') || c.url.includes('more=meeting:40'))).toBe(true);

    await userEvent.type(screen.getByTestId('pipeline-search'), 'birch');
    await expect.poll(() => calls.some((c) => c.url.startsWith('/api/reports/pipeline') && c.url.includes('q=birch'))).toBe(true);
    await expect.poll(() => screen.getAllByTestId('kanban-card').map((c) => c.getAttribute('data-card-name'))).toEqual(['Birch Pension']);
    expect(screen.getByTestId('count-meeting')).toHaveTextContent('1');
    expect(screen.getByTestId('pipeline-expected')).toHaveTextContent('$1M');

    await userEvent.clear(screen.getByTestId('pipeline-search'));
    await expect.poll(() => calls.some((c) => c.url.startsWith('/api/team'))).toBe(true);
    await userEvent.click(screen.getByTestId('pipeline-owner'));
    await userEvent.click(await screen.findByText('Olivia Owner', {}, { timeout: 5_000 }));
    await expect.poll(() => calls.some((c) => c.url.startsWith('/api/reports/pipeline') && c.url.includes(`ownerId=${OWNER.id}`))).toBe(true);
    await expect.poll(() => screen.getAllByTestId('kanban-card').map((c) => c.getAttribute('data-card-name'))).toEqual(['Alder Endowment With A Long Name']);
  });
});
