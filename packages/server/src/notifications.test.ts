import { testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createCommunication, createContact, createTask } from './testing/factories.js';
import { type Caller, createTestApi, type TestApi } from './testing/harness.js';

let serial = 0;

describe.each(testDialects())('notification routes on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(dialect);
  });
  afterAll(() => api.close());

  async function member(label: string): Promise<Caller & { id: string; username: string }> {
    const username = `${label}${++serial}`;
    return { ...(await api.createUser(username, 'member')), username };
  }
  const count = async (as: Caller) => (await api.request('GET', '/api/notifications/unread-count', { as })).body.data.unread as number;

  it('brings an assignment and a mention to the bell; reading them brings the count down', async () => {
    const [ana, ben] = [await member('ana'), await member('ben')];
    const task = await api.request('POST', '/api/tasks', { as: ana, body: { title: 'Send the Q3 letter', assigneeId: ben.id } });
    const person = await createContact(api);
    await api.request('POST', '/api/communications', {
      as: ana,
      body: {
        kind: 'meeting',
        occurredAt: '2031-03-14T15:00:00.000Z',
        subject: 'Annual meeting',
        body: `@${ben.username} to follow up`,
        contactIds: [person.id],
      },
    });
    await api.core.dispatcher.drain();

    expect(await count(ben)).toBe(2);
    expect(await count(ana)).toBe(0);
    const list = await api.request('GET', '/api/notifications', { as: ben });
    expect(list.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
    const [mention, assignment] = list.body.data;
    expect(mention).toMatchObject({ kind: 'mention', entityType: 'communication', link: { entityType: 'contact', entityId: person.id }, readAt: null });
    expect(assignment).toMatchObject({ kind: 'task_assigned', entityType: 'task', entityId: task.body.data.id, link: null });

    expect((await api.request('POST', `/api/notifications/${assignment.id}/read`, { as: ben })).body.data.readAt).toEqual(expect.any(String));
    expect(await count(ben)).toBe(1);
    expect((await api.request('POST', '/api/notifications/read-all', { as: ben })).body.data).toEqual({ marked: 1 });
    expect(await count(ben)).toBe(0);
  });

  it('refuses strangers, API keys, other users’ notifications and bad input with clear 4xx', async () => {
    const [ana, ben] = [await member('ana'), await member('ben')];
    await createTask(api, { title: 'For Ana', assigneeId: ana.id });
    await createCommunication(api, { body: `cc @${ana.username}` });
    await api.core.dispatcher.drain();
    const [theirs] = (await api.request('GET', '/api/notifications', { as: ana })).body.data;

    expect((await api.request('GET', '/api/notifications')).status).toBe(401);
    expect((await api.request('GET', '/api/notifications/unread-count')).status).toBe(401);
    expect((await api.request('POST', '/api/notifications/read-all')).status).toBe(401);
    const key = await createApiKey(api, { role: 'member' });
    expect((await api.request('GET', '/api/notifications', { as: { apiKey: key.key } })).status).toBe(403);

    const stolen = await api.request('POST', `/api/notifications/${theirs.id}/read`, { as: ben });
    expect(stolen.status).toBe(404);
    expect(stolen.body.error.code).toBe('not_found');
    expect((await api.request('POST', '/api/notifications/read-all', { as: ben })).body.data).toEqual({ marked: 0 });
    expect(await count(ana)).toBe(2);

    expect((await api.request('POST', '/api/notifications/not-an-id/read', { as: ana })).status).toBe(400);
    expect((await api.request('GET', '/api/notifications?limit=0', { as: ana })).status).toBe(400);
    expect((await api.request('GET', '/api/notifications?unread=yes', { as: ana })).status).toBe(400);
    expect((await api.request('GET', '/api/notifications?recipientId=x', { as: ana })).status).toBe(400);
    expect((await api.request('PATCH', '/api/notifications/preferences', { as: ana, body: { emailDigest: 'no' } })).status).toBe(400);
    expect((await api.request('PATCH', '/api/notifications/preferences', { as: ana, body: { emailDigest: false, extra: 1 } })).status).toBe(400);
    expect((await api.request('GET', '/api/notifications/preferences', { as: ana })).body.data).toEqual({ emailDigest: true });
  });

  it('keeps the digest setting per user', async () => {
    const [ana, ben] = [await member('ana'), await member('ben')];
    expect((await api.request('PATCH', '/api/notifications/preferences', { as: ana, body: { emailDigest: false } })).body.data).toEqual({ emailDigest: false });
    expect((await api.request('GET', '/api/notifications/preferences', { as: ana })).body.data).toEqual({ emailDigest: false });
    expect((await api.request('GET', '/api/notifications/preferences', { as: ben })).body.data).toEqual({ emailDigest: true });
  });
});
