import { testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { callTool, connectHttpClient, listenOnLoopback } from './mcp/testing/client.js';
import { createApiKey, createContact, createOrganization } from './testing/factories.js';
import { createTestApi, type TestApi } from './testing/harness.js';

/** A `pii` agent key over Streamable HTTP: placeholders out, real values in, rehydrate for the person. */
describe.each(testDialects())('MCP redaction round trip on %s', (dialect) => {
  let api: TestApi;
  let baseUrl: string;
  beforeAll(async () => {
    api = await createTestApi(dialect);
    baseUrl = await listenOnLoopback(api);
  });
  afterAll(() => api.close());

  const connect = async (key: string) => {
    const client = await connectHttpClient(baseUrl, key);
    onTestFinished(() => client.close());
    return client;
  };

  it('shows placeholders, accepts them in a write, rehydrates the answer and refuses unknown ones', async () => {
    const org = await createOrganization(api, { name: 'Wexford Lantern Endowment' });
    const contact = await createContact(api, {
      firstName: 'Ysolde',
      lastName: 'Marchbanks',
      emails: ['ysolde.marchbanks@wexford-lantern.org'],
      phones: ['+44 20 7946 0321'],
      organizationId: org.id,
    });
    const key = await createApiKey(api, { role: 'agent', redaction: 'pii', writes: 'direct' });
    const client = await connect(key.key);

    const dossier = await callTool(client, 'get_dossier', { type: 'contact', id: contact.id });
    expect(dossier.isError).toBe(false);
    const shown = JSON.stringify(dossier.body);
    expect(shown).toContain(contact.id);
    for (const raw of ['Ysolde', 'Marchbanks', 'ysolde.marchbanks', '7946 0321', '+442079460321', 'Wexford']) expect(shown).not.toContain(raw);
    const person = shown.match(/\[PERSON_\d+\]/)?.[0] as string;
    const organization = shown.match(/\[ORG_\d+\]/)?.[0] as string;
    expect(person).toBeDefined();
    expect(organization).toBeDefined();

    const note = await callTool(client, 'add_note', {
      entityType: 'contact',
      entityId: contact.id,
      text: `Spoke with ${person} about the ${organization} allocation`,
    });
    expect(note.isError).toBe(false);
    expect(JSON.stringify(note.body)).not.toContain('Wexford');
    const stored = await api.request('GET', `/api/communications?contactId=${contact.id}`, { as: api.admin });
    const bodies = (stored.body.data as { body: string | null }[]).map((c) => c.body);
    expect(bodies.some((body) => body?.includes('Wexford Lantern Endowment allocation') && /Ysolde|Marchbanks/.test(body))).toBe(true);

    const answer = await callTool(client, 'rehydrate', { text: `${organization}: ${person} is in.` });
    expect(JSON.stringify(answer.body)).toContain('Wexford Lantern Endowment');

    const before = (await api.request('GET', `/api/communications?contactId=${contact.id}`, { as: api.admin })).body.total;
    const refused = await callTool(client, 'add_note', { entityType: 'contact', entityId: contact.id, text: 'Ask [PERSON_999] for the side letter' });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.body)).toContain('[PERSON_999]');
    expect((await api.request('GET', `/api/communications?contactId=${contact.id}`, { as: api.admin })).body.total).toBe(before);

    // The call log keeps the arguments as the model sent them: placeholders, not names.
    const calls = await api.request('GET', `/api/agent/calls?apiKeyId=${key.id}&tool=add_note`, { as: api.admin });
    const logged = JSON.stringify(calls.body.data);
    expect(logged).toContain(person);
    expect(logged).not.toContain('Marchbanks');

    // Another session numbers afresh: the first session's placeholders mean nothing there.
    const other = await connect(key.key);
    const elsewhere = await callTool(other, 'rehydrate', { text: `${organization} ${person}` });
    expect(JSON.stringify(elsewhere.body)).not.toContain('Wexford');
  });
});
