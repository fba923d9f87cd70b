import { testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from './testing/harness.js';

const PASSWORD = 'app-password-never-shown';

describe.each(testDialects())('email mailbox routes on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(dialect);
  });
  afterAll(() => api.close());

  it('enrols, lists, changes and removes a mailbox, never answering its password', async () => {
    const created = await api.request('POST', '/api/email/mailboxes', { as: api.admin, body: { kind: 'imap', host: '127.0.0.1', port: 1143, secure: false, username: 'team@fund.example.com', password: PASSWORD, folders: ['INBOX'] } });
    expect(created.status).toBe(201);
    const { id } = created.body.data;
    expect(created.body.data).toMatchObject({ id, kind: 'imap', address: 'team@fund.example.com', port: 1143, secure: false, folders: ['INBOX'], hasCredentials: true, authMode: 'password' });

    const list = await api.request('GET', '/api/email/mailboxes', { as: api.admin });
    expect(list.status).toBe(200);
    expect(list.body.data.map((m: { id: string }) => m.id)).toContain(id);
    const one = await api.request('GET', `/api/email/mailboxes/${id}`, { as: api.admin });
    expect(one.body.data).toMatchObject({ id, lastRun: null, messageCount: 0 });
    for (const answer of [created, list, one]) {
      expect(JSON.stringify(answer.body)).not.toContain(PASSWORD);
      expect(JSON.stringify(answer.body)).not.toContain('credentials');
    }

    const paused = await api.request('PATCH', `/api/email/mailboxes/${id}`, { as: api.admin, body: { paused: true, password: 'another' }, headers: { 'if-match': '"1"' } });
    expect(paused.status).toBe(200);
    expect(paused.body.data).toMatchObject({ paused: true, version: 2 });
    expect(JSON.stringify(paused.body)).not.toContain('another');
    expect((await api.request('PATCH', `/api/email/mailboxes/${id}`, { as: api.admin, body: { label: 'x' }, headers: { 'if-match': '"1"' } })).status).toBe(412);

    expect((await api.request('DELETE', `/api/email/mailboxes/${id}`, { as: api.admin })).status).toBe(204);
    expect((await api.request('GET', `/api/email/mailboxes/${id}`, { as: api.admin })).status).toBe(404);
  });

  it('is for admins: members get 403; bad input is a 400 or 422, never a 500', async () => {
    const member = await api.createUser('mailmember', 'member');
    expect((await api.request('GET', '/api/email/mailboxes', { as: member })).status).toBe(403);
    expect((await api.request('POST', '/api/email/mailboxes', { as: member, body: { kind: 'imap', host: 'h', username: 'u', password: 'p' } })).status).toBe(403);
    const bad = [
      { kind: 'imap', host: 'bad host!', username: 'u', password: 'p' },
      { kind: 'imap', host: 'h', username: 'u' },
      { kind: 'pop3', host: 'h' },
      { kind: 'gmail', userEmail: 'not-an-address', auth: { mode: 'oauth', clientId: 'a', clientSecret: 'b', refreshToken: 'c' } },
      { kind: 'gmail', userEmail: 'a@b.example', auth: { mode: 'service_account', serviceAccountKeyJson: '{}' } },
      { kind: 'imap', host: 'h', username: 'u', password: 'p', ownerUserId: '01900000-0000-7000-8000-000000000000' },
    ];
    for (const body of bad) {
      const answer = await api.request('POST', '/api/email/mailboxes', { as: api.admin, body });
      expect([400, 422]).toContain(answer.status);
    }
    expect((await api.request('GET', '/api/email/mailboxes/not-an-id', { as: api.admin })).status).toBe(400);
  });
});
