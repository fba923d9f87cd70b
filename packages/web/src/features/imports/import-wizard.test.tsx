import type { ImportField, ImportReport, ImportUploadResult, ImportView } from '@lpdesk/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithProviders } from '../../test/render';
import { ImportWizard } from './import-wizard';
import { RunStep } from './run-step';
import { mappingProblems, sampleValues } from './mapping-step';

const IMPORT_ID = '0190c0de-0000-7000-8000-0000000000f1';
const EXISTING = '0190c0de-0000-7000-8000-0000000000e1';
const CREATED = '0190c0de-0000-7000-8000-0000000000c1';

const FIELDS: ImportField[] = [
  { key: 'fullName', label: 'Full name', type: 'text', required: true },
  { key: 'email', label: 'Email', type: 'email', required: false },
  { key: 'organization', label: 'Organization', type: 'link', required: false },
  { key: 'tags', label: 'Tags', type: 'tags', required: false },
  { key: 'custom.region', label: 'Region', type: 'text', required: false },
];

const UPLOAD: ImportUploadResult = {
  id: IMPORT_ID,
  fileName: 'airtable-contacts.csv',
  entity: 'contacts',
  columns: ['Name', 'E-mail', 'Company', 'Notes'],
  suggestedMapping: { Name: 'fullName', 'E-mail': 'email', Company: 'organization', Notes: null },
  remembered: false,
  preview: {
    delimiter: ',',
    encoding: 'utf-8',
    rowCount: 3,
    rows: [
      { Name: 'Ada Lovelace', 'E-mail': 'ada@engines.example', Company: 'Analytical LP', Notes: '' },
      { Name: 'Grace Hopper', 'E-mail': 'GRACE@navy.example', Company: 'Navy Ventures', Notes: 'met at dinner' },
      { Name: '', 'E-mail': '', Company: '', Notes: '' },
    ],
  },
};

function report(dryRun: boolean, secondRowAction: 'skip' | 'update'): ImportReport {
  return {
    id: IMPORT_ID,
    dryRun,
    status: 'completed',
    rows: [
      { line: 2, action: 'create', ...(dryRun ? {} : { entityId: CREATED }), notes: ['organization Analytical LP created'] },
      { line: 3, action: secondRowAction, entityId: EXISTING, duplicate: { entityId: EXISTING, reason: 'same email' } },
      { line: 4, action: 'error', errors: [{ column: 'E-mail', message: 'is not an email address' }] },
    ],
    totals: { rows: 3, create: 1, update: secondRowAction === 'update' ? 1 : 0, skip: secondRowAction === 'skip' ? 1 : 0, error: 1 },
  };
}

const VIEW: ImportView = {
  id: IMPORT_ID,
  fileName: UPLOAD.fileName,
  entity: 'contacts',
  status: 'completed',
  columns: UPLOAD.columns,
  rowCount: 3,
  processedRows: 3,
  progress: 1,
  totals: { rows: 3, create: 1, update: 1, skip: 0, error: 1 },
  mapping: UPLOAD.suggestedMapping,
  error: null,
  createdBy: { id: null, name: 'Casey Partner' },
  createdAt: '2031-03-14T15:00:00.000Z',
  startedAt: '2031-03-14T15:01:00.000Z',
  finishedAt: '2031-03-14T15:01:01.000Z',
  undoneAt: null,
};

describe('import wizard', () => {
  it('uploads, maps, dry-runs with a per-row duplicate choice, runs what the dry run showed, and undoes it', async () => {
    const calls = mockApi((url, init) => {
      const method = init?.method ?? 'GET';
      if (url.startsWith('/api/imports?') && method === 'POST') return { status: 200, body: { data: UPLOAD } };
      if (url === '/api/imports/fields?entity=contacts') return { status: 200, body: { data: FIELDS } };
      if (url === `/api/imports/${IMPORT_ID}/dry-run`) {
        const body = JSON.parse(String(init?.body)) as { options: { rowChoices?: Record<string, string> } };
        return { status: 200, body: { data: report(true, body.options.rowChoices?.['3'] === 'update' ? 'update' : 'skip') } };
      }
      if (url === `/api/imports/${IMPORT_ID}/run`) return { status: 200, body: { data: report(false, 'update') } };
      if (url === `/api/imports/${IMPORT_ID}`) return { status: 200, body: { data: VIEW } };
      if (url === `/api/imports/${IMPORT_ID}/undo`) return { status: 200, body: { data: { id: IMPORT_ID, trashed: 1, reverted: 1, kept: [] } } };
      return undefined;
    });
    renderWithProviders(<ImportWizard initialEntity="contacts" />);

    const file = new File(['Name,E-mail\nAda,ada@engines.example\n'], 'airtable-contacts.csv', { type: 'text/csv' });
    await userEvent.upload(screen.getByTestId('import-file-input'), file);
    expect(screen.getByTestId('import-file-name')).toHaveTextContent('airtable-contacts.csv');
    await userEvent.click(screen.getByTestId('import-upload'));
    const upload = calls.find((c) => c.method === 'POST' && c.url.startsWith('/api/imports?'));
    expect(upload?.url).toBe('/api/imports?entity=contacts');
    expect(upload?.body).toBeInstanceOf(FormData);

    // Suggestions prefill the selects; samples skip blank cells.
    const table = await screen.findByTestId('mapping-table');
    expect(within(table).getByText('GRACE@navy.example')).toBeInTheDocument();
    expect(screen.getByTestId('map-Name')).toHaveValue('Full name (required)');
    expect(screen.getByTestId('map-Notes')).toHaveValue('Don’t import');

    await userEvent.click(screen.getByTestId('import-dry-run'));
    const dryRun = await screen.findByTestId('import-dry-run-report');
    expect(within(screen.getByTestId('total-create')).getByText('1')).toBeInTheDocument();
    // The report opens on the errors, shown with their column.
    expect(within(dryRun).getByText('is not an email address')).toBeInTheDocument();
    const sent = calls.find((c) => c.url.endsWith('/dry-run'))?.body as { entity: string; mapping: Record<string, string> };
    expect(sent.entity).toBe('contacts');
    expect(sent.mapping).toEqual({ Name: 'fullName', 'E-mail': 'email', Company: 'organization' });

    // The duplicate row: update it instead of skipping, then check again.
    await userEvent.click(within(dryRun).getByText(/^All/));
    await userEvent.click(screen.getByTestId('row-choice-3'));
    await userEvent.click(await screen.findByRole('option', { name: 'Update existing', hidden: true }));
    await userEvent.click(screen.getByTestId('import-recheck'));
    await expect.poll(() => within(screen.getByTestId('total-update')).queryByText('1')).not.toBeNull();

    await userEvent.click(screen.getByTestId('import-run'));
    const run = calls.find((c) => c.url.endsWith('/run'))?.body as { options: { rowChoices: Record<string, string> } };
    expect(run.options.rowChoices).toEqual({ '3': 'update' });
    const summary = await screen.findByTestId('import-summary');
    const links = within(summary).getAllByText('open contact').map((link) => link.closest('a')?.getAttribute('href'));
    expect(links).toEqual([`/contacts/${CREATED}`, `/contacts/${EXISTING}`]);

    await userEvent.click(await within(summary).findByTestId('undo-this-import'));
    const dialog = await screen.findByTestId('undo-import-dialog');
    expect(dialog).toHaveTextContent('The 1 contact it created move to the trash');
    await userEvent.click(within(dialog).getByTestId('confirm-undo-import'));
    await expect.poll(() => calls.some((c) => c.method === 'POST' && c.url.endsWith('/undo'))).toBe(true);
  });

  it('shows the server’s reason when the upload is refused', async () => {
    mockApi((url, init) =>
      url.startsWith('/api/imports') && init?.method === 'POST' ? { status: 400, body: { error: { code: 'invalid', message: 'The file has no header row' } } } : undefined,
    );
    renderWithProviders(<ImportWizard initialEntity={null} />);
    await userEvent.upload(screen.getByTestId('import-file-input'), new File(['\n'], 'empty.csv', { type: 'text/csv' }));
    await userEvent.click(screen.getByTestId('import-upload'));
    expect(await screen.findByTestId('import-upload-error')).toHaveTextContent('The file has no header row');
  });
});

describe('a large run', () => {
  it('shows the progress of a run that answered "running", then its report', async () => {
    let polls = 0;
    const calls = mockApi((url) => {
      if (url === `/api/imports/${IMPORT_ID}`) {
        polls += 1;
        const done = polls >= 2;
        return { status: 200, body: { data: { ...VIEW, status: done ? 'completed' : 'running', processedRows: done ? 3 : 1, progress: done ? 1 : 1 / 3 } } };
      }
      if (url === `/api/imports/${IMPORT_ID}/report`) return { status: 200, body: { ...report(false, 'update'), data: report(false, 'update') } };
      return undefined;
    });
    const started: ImportReport = { id: IMPORT_ID, dryRun: false, status: 'running', rows: [], totals: { rows: 0, create: 0, update: 0, skip: 0, error: 0 } };
    renderWithProviders(<RunStep id={IMPORT_ID} entity="contacts" started={started} onAnother={() => {}} />);
    await screen.findByTestId('import-progress');
    await screen.findByText(/1 of 3 rows \(33%\)/);
    const summary = await screen.findByTestId('import-summary', {}, { timeout: 4_000 });
    expect(summary).toHaveTextContent('1 created, 1 updated, 0 skipped, 1 row with errors was left out');
    expect(calls.filter((c) => c.url.endsWith('/report'))).toHaveLength(1);
  });
});

describe('mapping checks', () => {
  it('asks for required fields and warns about a single-value field chosen twice', () => {
    expect(mappingProblems(FIELDS, { Name: 'fullName', 'E-mail': 'email' })).toEqual({ blocking: [], warnings: [] });
    const missing = mappingProblems(FIELDS, { 'E-mail': 'email', Work: 'email' });
    expect(missing.blocking).toHaveLength(1);
    expect(missing.blocking[0]).toContain('Full name');
    // Two email columns combine; two organization columns are worth a warning, not a refusal.
    expect(missing.warnings).toEqual([]);
    const twice = mappingProblems(FIELDS, { Name: 'fullName', Company: 'organization', Employer: 'organization' });
    expect(twice.blocking).toEqual([]);
    expect(twice.warnings[0]).toContain('“Company” and “Employer”');
  });

  it('samples distinct non-blank values', () => {
    expect(sampleValues(UPLOAD, 'Company')).toEqual(['Analytical LP', 'Navy Ventures']);
    expect(sampleValues(UPLOAD, 'Notes')).toEqual(['met at dinner']);
  });
});
