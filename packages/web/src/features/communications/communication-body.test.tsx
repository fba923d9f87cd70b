import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { CommunicationBody, CommunicationBodyPreview } from './communication-body';
import { describeChange } from './communication-history';

const MEETING_NOTE = ['Agenda:', '1. Fund II terms', '2. Fee break', '3. Co-invest rights', '4. Reporting cadence', '5. Next meeting', '6. Send the deck'].join(
  '\n',
);

describe('CommunicationBody', () => {
  it('shows every numbered line of a meeting note as its own list item', () => {
    renderWithProviders(<CommunicationBody body={MEETING_NOTE} />);
    const items = screen.getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual(['Fund II terms', 'Fee break', 'Co-invest rights', 'Reporting cadence', 'Next meeting', 'Send the deck']);
    expect(screen.getByText('Agenda:')).toBeInTheDocument();
  });

  it('keeps single line breaks in plain text and renders Markdown emphasis', () => {
    const { container } = renderWithProviders(<CommunicationBody body={'Spoke with Ada\nShe wants the **deck**\nFollow up Friday'} />);
    expect(container.querySelectorAll('br')).toHaveLength(2);
    expect(screen.getByText('deck').tagName).toBe('STRONG');
  });

  it('never renders raw HTML or script links from the text', () => {
    const hostile = 'Hi <img src=x onerror="alert(1)"> <script>alert(2)</script><b>bold?</b>\n[click](javascript:alert(3))';
    const { container } = renderWithProviders(<CommunicationBody body={hostile} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
    const link = screen.getByText('click').closest('a');
    expect(link?.getAttribute('href') ?? '').not.toMatch(/javascript/i);
  });

  it('opens links in a new tab without handing over the opener', () => {
    renderWithProviders(<CommunicationBody body="See https://example.com/deck and [the memo](https://example.com/memo)" />);
    const link = screen.getByText('the memo').closest('a');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link?.getAttribute('rel')).toContain('noopener');
  });
});

describe('CommunicationBodyPreview', () => {
  it('shows a six-line note in full, with no Show more', () => {
    renderWithProviders(<CommunicationBodyPreview body={MEETING_NOTE} />);
    expect(screen.getAllByRole('listitem')).toHaveLength(6);
    expect(screen.queryByTestId('communication-show-more')).toBeNull();
  });

  it('cuts a long note with Show more, and Show more expands it', async () => {
    const long = Array.from({ length: 20 }, (_, i) => `Line ${i + 1}`).join('\n');
    renderWithProviders(<CommunicationBodyPreview body={long} />);
    const toggle = screen.getByTestId('communication-show-more');
    expect(toggle).toHaveTextContent('Show more');
    await userEvent.click(toggle);
    expect(toggle).toHaveTextContent('Show less');
    expect(screen.getByText(/Line 20/)).toBeInTheDocument();
  });
});

describe('describeChange', () => {
  it('says who changed which fields', () => {
    const base = { id: '0190c0de-0000-7000-8000-000000000009', at: '2031-03-14T15:00:00.000Z', actorName: 'Casey Partner' };
    expect(describeChange({ ...base, action: 'create', before: {}, after: { body: 'x' } })).toBe('Casey Partner logged it');
    expect(describeChange({ ...base, action: 'update', before: { body: 'a', subject: 'b' }, after: { body: 'c', subject: 'd' } })).toBe(
      'Casey Partner edited notes and subject',
    );
    expect(describeChange({ ...base, action: 'delete', before: {}, after: {} })).toBe('Casey Partner moved it to the trash');
  });
});
