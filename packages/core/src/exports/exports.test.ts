import { PassThrough } from 'node:stream';
import { ContactExportQuery, OrganizationExportQuery } from '@lpdesk/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../contacts/commands.js';
import { listContacts } from '../contacts/queries.js';
import { createCustomField } from '../custom-fields/commands.js';
import { listOrganizations } from '../organizations/queries.js';
import { seedDemo } from '../seed/demo.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';
import { parseCsv } from '../testing/csv.js';
import { type ExportRequest, prepareExport } from './export.js';

async function exportToBuffer(core: TestCore, request: ExportRequest, pageSize = 7): Promise<{ buffer: Buffer; rows: number }> {
  const prepared = await prepareExport(core, request, { pageSize });
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const rows = await prepared.writeTo(sink);
  return { buffer: Buffer.concat(chunks), rows };
}

const contactsQuery = (query: Record<string, unknown>) => ({ collection: 'contacts' as const, query: ContactExportQuery.parse(query) });

describe.each(testDialects())('exports on %s', (dialect) => {
  let core: TestCore;
  const actor = testActor({ kind: 'system', door: 'cli' });
  let trickyId = '';

  beforeAll(async () => {
    core = await openTestCore(dialect);
    await seedDemo(core, actor, { copies: 2 });
    await createCustomField(core, actor, { entityType: 'contact', key: 'ticket', label: 'Ticket size', type: 'money', options: [], required: false });
    const tricky = await createContact(core, actor, {
      firstName: 'Zoë',
      lastName: 'O"Brien, Jr.',
      title: '=HYPERLINK("http://evil.example")',
      notes: 'Line one\nLine two, with a comma',
      emails: ['zoe@example.com', 'zoe.obrien@example.org'],
      qualifiedPurchaser: true,
      customFields: { ticket: 250_000_050 },
    });
    trickyId = tricky.id;
  });
  afterAll(() => core.dispose());

  it('exports every matching contact across pages, in the list order, for each sort and direction', async () => {
    for (const sort of ['name', '-name', 'title', '-title', 'organization', '-organization', 'createdAt', '-firstName']) {
      const { buffer, rows } = await exportToBuffer(core, contactsQuery({ sort }));
      const list = await listContacts(core, { limit: 500, offset: 0, sort });
      const table = parseCsv(buffer.toString('utf8').replace(/^\uFEFF/, ''));
      const idColumn = table[0]?.indexOf('Id') ?? -1;
      expect(rows, sort).toBe(list.total);
      expect(
        table.slice(1).map((r) => r[idColumn]),
        sort,
      ).toEqual(list.data.map((c) => c.id));
    }
  });

  it('exports only what the filters and search match', async () => {
    const { rows } = await exportToBuffer(core, contactsQuery({ relationship: 'investor' }), 3);
    expect(rows).toBe((await listContacts(core, { limit: 1, offset: 0, relationship: 'investor' })).total);
    expect(rows).toBeGreaterThan(3);
    const tag = (await core.db.selectFrom('entityTags').select('tagId').where('entityType', '=', 'organization').executeTakeFirstOrThrow()).tagId;
    const tagged = await exportToBuffer(core, { collection: 'organizations', query: OrganizationExportQuery.parse({ tagId: tag, format: 'xlsx' }) }, 2);
    expect(tagged.rows).toBe((await listOrganizations(core, { limit: 1, offset: 0, tagId: tag })).total);
    expect(tagged.rows).toBeGreaterThan(2);
  });

  it('quotes commas, quotes and line breaks, neutralizes formulas and writes money as currency units in CSV', async () => {
    const { buffer } = await exportToBuffer(core, contactsQuery({ q: 'Zoë' }));
    expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buffer.toString('utf8').slice(1);
    expect(text).toContain('"O""Brien, Jr."');
    expect(text).toContain('"Line one\nLine two, with a comma"');
    const [header, row] = parseCsv(text);
    const cell = (name: string) => row?.[header?.indexOf(name) ?? -1];
    expect(cell('Id')).toBe(trickyId);
    expect(cell('Name')).toBe('Zoë O"Brien, Jr.');
    expect(cell('Title')).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(cell('Emails')).toBe('zoe@example.com; zoe.obrien@example.org');
    expect(cell('Qualified purchaser')).toBe('yes');
    expect(cell('Ticket size')).toBe('2500000.50');
  });

  it('writes XLSX with typed cells: money as a number, booleans, dates, text never a formula', async () => {
    const { buffer, rows } = await exportToBuffer(core, contactsQuery({ format: 'xlsx' }), 10);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Contacts');
    if (!sheet) throw new Error('no Contacts sheet');
    expect(sheet.actualRowCount).toBe(rows + 1);
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const column = (name: string) => headers.indexOf(name) + 1;
    let found = false;
    sheet.eachRow((row, number) => {
      if (number === 1 || row.getCell(column('Id')).value !== trickyId) return;
      found = true;
      expect(row.getCell(column('Ticket size')).value).toBe(2500000.5);
      expect(row.getCell(column('Qualified purchaser')).value).toBe(true);
      expect(row.getCell(column('Title')).value).toBe('=HYPERLINK("http://evil.example")');
      expect(row.getCell(column('Added')).value).toBeInstanceOf(Date);
    });
    expect(found).toBe(true);
  });

  it('refuses an unknown sort before writing anything', async () => {
    await expect(prepareExport(core, contactsQuery({ sort: 'favouriteColour' }))).rejects.toThrow(/unknown sort field/);
  });
});
