import { buildMessage, type Dovecot, dovecotSkipReason, startDovecot, testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from './testing/harness.js';

const skip = dovecotSkipReason();

describe.skipIf(skip !== null).each(testDialects())(`email sync routes on %s${skip ? ` (skipped: ${skip})` : ''}`, (dialect) => {
  let api: TestApi;
  let dovecot: Dovecot;
  beforeAll(async () => {
    api = await createTestApi(dialect);
    dovecot = await startDovecot();
    await dovecot.addUser('team@fund.example', 'app-password');
    await dovecot.append('team@fund.example', 'INBOX', buildMessage({ messageId: 'route-1@lp.example', from: 'lp@lp.example', to: ['team@fund.example'], subject: 'Capital call', date: '2030-04-01T09:00:00.000Z', text: 'Hello' }));
    await dovecot.append('team@fund.example', 'INBOX', buildMessage({ messageId: 'route-2@lp.example', from: 'lp@lp.example', to: ['team@fund.example'], subject: 'Re: Capital call', date: '2030-04-02T09:00:00.000Z', text: 'Again' }));
  }, 30_000);
  afterAll(async () => {
    await api?.close();
    await dovecot?.stop();
  });

  const enrol = async (password: string, port = dovecot.port) => {
    const created = await api.request('POST', '/api/email/mailboxes', { as: api.admin, body: { kind: 'imap', host: '127.0.0.1', port, secure: false, username: 'team@fund.example', password, label: `box ${password} ${port}` } });
    expect(created.status).toBe(201);
    return created.body.data.id as string;
  };

  it('syncs a mailbox now and lists its runs, newest first', async () => {
    const id = await enrol('app-password');
    const first = await api.request('POST', `/api/email/mailboxes/${id}/sync`, { as: api.admin });
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ mailboxId: id, trigger: 'manual', status: 'succeeded', fetched: 2, stored: 2, duplicates: 0, errors: 0 });
    expect(first.body.data.durationMs).toBeGreaterThanOrEqual(0);
    const second = await api.request('POST', `/api/email/mailboxes/${id}/sync`, { as: api.admin });
    expect(second.body.data).toMatchObject({ status: 'succeeded', fetched: 0, stored: 0 });

    const runs = await api.request('GET', `/api/email/mailboxes/${id}/runs?limit=5`, { as: api.admin });
    expect(runs.status).toBe(200);
    expect(runs.body.total).toBe(2);
    expect(runs.body.data.map((run: { id: string }) => run.id)).toEqual([second.body.data.id, first.body.data.id]);
    const paged = await api.request('GET', `/api/email/mailboxes/${id}/runs?limit=1&offset=1`, { as: api.admin });
    expect(paged.body.data.map((run: { id: string }) => run.id)).toEqual([first.body.data.id]);
  });

  it('records a wrong password or an unreachable server as a failed run, not a 500', async () => {
    const wrong = await enrol('not-the-password');
    const denied = await api.request('POST', `/api/email/mailboxes/${wrong}/sync`, { as: api.admin });
    expect(denied.status).toBe(200);
    expect(denied.body.data).toMatchObject({ status: 'failed', fetched: 0 });
    expect(denied.body.data.errors).toBeGreaterThanOrEqual(1);
    expect(denied.body.data.errorMessages.join(' ')).toMatch(/login|auth|password/i);

    const dead = await enrol('app-password', 1);
    const unreachable = await api.request('POST', `/api/email/mailboxes/${dead}/sync`, { as: api.admin });
    expect(unreachable.status).toBe(200);
    expect(unreachable.body.data).toMatchObject({ status: 'failed' });
    expect(unreachable.body.data.errorMessages.join(' ')).toMatch(/unreachable/i);
    const runs = await api.request('GET', `/api/email/mailboxes/${dead}/runs`, { as: api.admin });
    expect(runs.body.data.map((run: { status: string }) => run.status)).toEqual(['failed']);
  });

  it('answers 404 for an unknown mailbox, 400 for a bad id or query, 403 for members', async () => {
    const unknown = '01900000-0000-7000-8000-000000000000';
    expect((await api.request('POST', `/api/email/mailboxes/${unknown}/sync`, { as: api.admin })).status).toBe(404);
    expect((await api.request('GET', `/api/email/mailboxes/${unknown}/runs`, { as: api.admin })).status).toBe(404);
    expect((await api.request('POST', '/api/email/mailboxes/not-an-id/sync', { as: api.admin })).status).toBe(400);
    const id = await enrol('app-password');
    expect((await api.request('GET', `/api/email/mailboxes/${id}/runs?limit=0`, { as: api.admin })).status).toBe(400);
    const member = await api.createUser('syncmember', 'member');
    expect((await api.request('POST', `/api/email/mailboxes/${id}/sync`, { as: member })).status).toBe(403);
    expect((await api.request('GET', `/api/email/mailboxes/${id}/runs`, { as: member })).status).toBe(403);
  });
});
