import { testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { callTool, connectHttpClient, listenOnLoopback } from './mcp/testing/client.js';
import { createApiKey, createCommitment, createCommunication, createContact, createFund, createOrganization } from './testing/factories.js';
import { createTestApi, type TestApi } from './testing/harness.js';

const PEOPLE = [
  { firstName: 'Ottilie', lastName: 'Thistlewood', email: 'ottilie.thistlewood@harborview-fo.de', phone: '+44 20 7946 0958' },
  { firstName: 'Kwabena', lastName: 'Fairweather', email: 'kfairweather@kestrelfinch.com', phone: '+1 212 555 0142' },
];
const FIRM = 'Harborview Familienbuero GmbH';

describe.each(testDialects())('MCP with a pii key on %s', (dialect) => {
  let api: TestApi;
  let baseUrl: string;
  beforeAll(async () => {
    api = await createTestApi(dialect);
    baseUrl = await listenOnLoopback(api);
  });
  afterAll(() => api.close());

  it('no read tool or resource shows a seeded name, email or phone; placeholders go in, rehydrate brings names back', async () => {
    const organization = await createOrganization(api, { name: FIRM, description: `${FIRM} is a single-family office.` });
    const contacts = [];
    for (const person of PEOPLE)
      contacts.push(
        await createContact(api, {
          firstName: person.firstName,
          lastName: person.lastName,
          emails: [person.email],
          phones: [person.phone],
          organizationId: organization.id,
        }),
      );
    const [ottilie, kwabena] = contacts as [(typeof contacts)[0], (typeof contacts)[0]];
    const fund = await createFund(api);
    const commitment = await createCommitment(api, { organizationId: organization.id, fundId: fund.id, primaryContactId: ottilie.id });
    await createCommunication(api, {
      kind: 'email',
      contactIds: [ottilie.id, kwabena.id],
      organizationIds: [organization.id],
      subject: `Fund II with ${PEOPLE[0]?.firstName}`,
      body: `${PEOPLE[0]?.firstName} ${PEOPLE[0]?.lastName} (${PEOPLE[0]?.email}, ${PEOPLE[0]?.phone}) asked ${PEOPLE[1]?.lastName} to call ${PEOPLE[1]?.phone} about ${FIRM}.`,
    });
    await api.core.dispatcher.drain();

    const key = await createApiKey(api, { role: 'agent', redaction: 'pii', name: 'Redacted agent' });
    const client = await connectHttpClient(baseUrl, key.key);
    onTestFinished(() => client.close());

    const outputs: string[] = [];
    const read = async (tool: string, args: Record<string, unknown>) => {
      const result = await callTool(client, tool, args);
      expect(result.isError, `${tool} ${JSON.stringify(result.body)}`).toBe(false);
      outputs.push(JSON.stringify(result.body));
      return result.body;
    };
    const contactDossier = await read('get_dossier', { type: 'contact', id: ottilie.id });
    await read('get_dossier', { type: 'contact', id: kwabena.id });
    await read('get_dossier', { type: 'organization', id: organization.id });
    await read('get_dossier', { type: 'commitment', id: commitment.id });
    await read('get_dossier', { type: 'fund', id: fund.id });
    for (const type of ['contacts', 'organizations', 'commitments', 'tasks']) await read('list_records', { type });
    await read('timeline', { type: 'contact', id: ottilie.id });
    await read('timeline', { type: 'organization', id: organization.id });
    await read('pipeline_summary', { fundId: fund.id });
    await read('who_knows', { contactId: ottilie.id });
    await read('who_knows', { organizationId: organization.id });
    await read('search', { q: 'Fund II family office call' });
    for (const uri of [`lpdesk://organizations/${organization.id}`, `lpdesk://contacts/${ottilie.id}`])
      outputs.push(JSON.stringify(await client.readResource({ uri })));
    outputs.push(JSON.stringify(await client.listResources()));

    const seen = outputs.join('\n');
    const digits = (phone: string) => phone.replace(/\D/g, '');
    for (const person of PEOPLE) {
      for (const raw of [person.firstName, person.lastName, person.email]) expect(seen, raw).not.toContain(raw);
      expect(seen.replace(/\D/g, ' '), person.phone).not.toContain(digits(person.phone));
    }
    expect(seen).not.toContain('Harborview');

    // Round trip: the placeholder the model saw is accepted in a write and lands as the real name.
    const placeholder = String(contactDossier.fullName);
    expect(placeholder).toMatch(/^\[PERSON_\d+\]$/);
    const note = await callTool(client, 'add_note', { entityType: 'contact', entityId: ottilie.id, text: `Spoke with ${placeholder} about the close` });
    expect(note.isError, JSON.stringify(note.body)).toBe(false);
    expect(JSON.stringify(note.body)).not.toContain(PEOPLE[0]?.lastName as string);
    const stored = await api.request('GET', `/api/communications?contactId=${ottilie.id}&kind=note`, { as: api.admin });
    expect(stored.body.data[0].body).toContain(`${PEOPLE[0]?.firstName} ${PEOPLE[0]?.lastName}`);
    const rehydrated = await callTool(client, 'rehydrate', { text: `${placeholder} confirmed.` });
    expect(rehydrated.body.text).toContain(PEOPLE[0]?.lastName);

    // The call log keeps the arguments as the model sent them: placeholders, never the names.
    const calls = await api.request('GET', `/api/agent/calls?apiKeyId=${key.id}&tool=add_note`, { as: api.admin });
    expect(calls.body.data[0].arguments.text).toBe(`Spoke with ${placeholder} about the close`);
  });
});
