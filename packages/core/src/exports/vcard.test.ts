import { PassThrough } from 'node:stream';
import { ContactExportQuery } from '@lpdesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../contacts/commands.js';
import { getContactRecord } from '../contacts/queries.js';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { openTestCore, type TestCore, testActor, testDialects } from '../testing/index.js';
import { prepareExport } from './export.js';
import { contactVcard, escapeVcardText, foldVcardLine } from './vcard.js';

const actor = testActor({ kind: 'system', door: 'cli' });

/** Unfolds continuation lines (RFC 6350 §3.2) and splits a card into its properties. */
const propertiesOf = (card: string) => card.replace(/\r\n /g, '').split('\r\n').filter(Boolean);

describe('vCard text', () => {
  it('escapes backslash, comma, semicolon and line breaks as RFC 6350 §3.4 asks', () => {
    expect(escapeVcardText('a\\b, c; d\r\ne\nf')).toBe('a\\\\b\\, c\\; d\\ne\\nf');
  });

  it('folds lines at 75 octets without splitting a UTF-8 character', () => {
    const line = `NOTE:${'é'.repeat(60)}`;
    const folded = foldVcardLine(line);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });
});

describe.each(testDialects())('vCard export on %s', (dialect) => {
  let core: TestCore;
  let contactId = '';

  beforeAll(async () => {
    core = await openTestCore(dialect);
    const organization = await invoke(operations.organizations.create, { core, actor }, { name: 'Fjord, Pension; Fund', kind: 'pension' });
    const tag = await invoke(operations.tags.create, { core, actor }, { name: 'Anchor LP' });
    const contact = await createContact(core, actor, {
      firstName: 'Åsa',
      lastName: "O'Neil; Jr.",
      title: 'CIO, Private Markets',
      emails: ['asa@fjord.example', 'asa.private@example.org'],
      phones: [{ number: '+47 22 33 44 55', label: 'work' }, '+1 617 555 0100'],
      organizationId: organization.id,
      location: 'Oslo, Norway',
      linkedinUrl: 'https://www.linkedin.com/in/asa',
      notes: 'Met at SuperReturn\nPrefers email, not calls',
      tagIds: [tag.id],
    });
    contactId = contact.id;
    await createContact(core, actor, { firstName: 'Bo', lastName: 'Plain', emails: [] });
  });
  afterAll(() => core.dispose());

  it('writes a card with every field, escaped', async () => {
    const card = contactVcard(await getContactRecord(core, contactId));
    expect(card.endsWith('END:VCARD\r\n')).toBe(true);
    const properties = propertiesOf(card);
    expect(properties.slice(0, 3)).toEqual(['BEGIN:VCARD', 'VERSION:3.0', `UID:urn:uuid:${contactId}`]);
    expect(properties).toContain("N:O'Neil\\; Jr.;Åsa;;;");
    expect(properties).toContain("FN:Åsa O'Neil\\; Jr.");
    expect(properties).toContain('ORG:Fjord\\, Pension\\; Fund');
    expect(properties).toContain('TITLE:CIO\\, Private Markets');
    expect(properties).toContain('EMAIL;TYPE=INTERNET,PREF:asa@fjord.example');
    expect(properties).toContain('EMAIL;TYPE=INTERNET:asa.private@example.org');
    expect(properties.filter((p) => p.startsWith('TEL;'))).toHaveLength(2);
    expect(properties).toContain('TEL;TYPE=WORK,PREF:+4722334455');
    expect(properties).toContain('ADR;TYPE=WORK:;;;Oslo\\, Norway;;;');
    expect(properties).toContain('URL:https://www.linkedin.com/in/asa');
    expect(properties).toContain('CATEGORIES:Anchor LP');
    expect(properties).toContain('NOTE:Met at SuperReturn\\nPrefers email\\, not calls');
  });

  it('serves one contact through the operation and the whole list as one .vcf', async () => {
    const single = await invoke(operations.exports.contactVcard, { core, actor }, { id: contactId });
    expect(single).toMatchObject({ filename: 'asa-oneil-jr.vcf', contentType: 'text/vcard; charset=utf-8' });
    const prepared = await prepareExport(core, { collection: 'contacts', query: ContactExportQuery.parse({ format: 'vcf' }) });
    expect(prepared.filename).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.vcf$/);
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (chunk: Buffer) => chunks.push(chunk));
    expect(await prepared.writeTo(sink)).toBe(2);
    const file = Buffer.concat(chunks).toString('utf8');
    expect(file.match(/BEGIN:VCARD\r\n/g)).toHaveLength(2);
    expect(file).toContain(single.content);
    await expect(
      invoke(operations.exports.organizations, { core, actor }, { format: 'vcf' } as never),
    ).rejects.toThrow();
  });
});
