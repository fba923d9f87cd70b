import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../kernel/actor.js';
import { invoke } from '../../kernel/operations.js';
import { operations } from '../../operations.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../../testing/index.js';
import { CredentialsUnreadable } from '../credentials.js';
import { loadConnection } from './index.js';

const PASSWORD = 'sekrit-app-password-4711';
const imapInput = { kind: 'imap', host: 'imap.example.com', username: 'Partner@Fund.example.com', password: PASSWORD };

describe.each(testDialects())('mailbox enrolment on %s', (dialect) => {
  let core: TestCore;
  const admin = testActor();
  const as = { get core() { return core; }, actor: admin };

  beforeAll(async () => {
    core = await openTestCore(dialect);
  });
  afterAll(async () => {
    await core.dispose();
  });

  it('enrols an IMAP mailbox with its password sealed: not in the row, the view or the activity log', async () => {
    const view = await invoke(operations.emailMailboxes.create, as, imapInput);
    expect(view).toMatchObject({
      kind: 'imap',
      label: 'partner@fund.example.com',
      address: 'partner@fund.example.com',
      host: 'imap.example.com',
      port: 993,
      secure: true,
      username: 'Partner@Fund.example.com',
      folders: [],
      authMode: 'password',
      hasCredentials: true,
      paused: false,
      lastRun: null,
      lastSuccessAt: null,
      messageCount: 0,
      version: 1,
    });
    expect(JSON.stringify(view)).not.toContain(PASSWORD);
    const row = await core.db.selectFrom('emailMailboxes').selectAll().where('id', '=', view.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(PASSWORD);
    expect(row.credentialsEnc).toMatch(/^v1\./);
    const log = await core.db.selectFrom('activityLog').selectAll().where('entityId', '=', view.id).execute();
    expect(log.map((entry) => entry.action)).toEqual(['create']);
    expect(JSON.stringify(log)).not.toContain(PASSWORD);
    const events = await core.db.selectFrom('outboxEvents').selectAll().execute();
    expect(JSON.stringify(events)).not.toContain(PASSWORD);

    const connection = await loadConnection(core, view.id);
    expect(connection).toEqual({ kind: 'imap', host: 'imap.example.com', port: 993, secure: true, username: 'Partner@Fund.example.com', password: PASSWORD, folders: null, allowUntrustedCertificate: false });
  });

  it('changes label, folders, paused and the password; the log says the password changed, not what it is', async () => {
    const { id } = await invoke(operations.emailMailboxes.create, as, { ...imapInput, username: 'shared-login', label: 'Deals' });
    const updated = await invoke(operations.emailMailboxes.update, as, { id, changes: { label: 'Deal flow', folders: ['INBOX', 'Sent Items'], paused: true, password: 'a new one 999' }, expectedVersion: 1 });
    expect(updated).toMatchObject({ label: 'Deal flow', address: null, folders: ['INBOX', 'Sent Items'], paused: true, version: 2 });
    const connection = await loadConnection(core, id);
    expect(connection).toMatchObject({ password: 'a new one 999', folders: ['INBOX', 'Sent Items'] });
    const log = await core.db.selectFrom('activityLog').select(['action', 'diffJson']).where('entityId', '=', id).orderBy('at').execute();
    expect(log.map((entry) => entry.action)).toEqual(['create', 'update']);
    expect(JSON.stringify(log)).not.toContain('a new one 999');
    expect(JSON.parse(log[1]?.diffJson ?? '{}').after).toMatchObject({ label: 'Deal flow', paused: true, password: 'changed' });
    await expect(invoke(operations.emailMailboxes.update, as, { id, changes: { label: 'stale' }, expectedVersion: 1 })).rejects.toMatchObject({ code: 'precondition_failed' });
  });

  it('enrols a Gmail mailbox (OAuth) and checks a service account key is one', async () => {
    const oauth = await invoke(operations.emailMailboxes.create, as, { kind: 'gmail', userEmail: 'GP@fund.example.com', auth: { mode: 'oauth', clientId: 'cid', clientSecret: 'csecret-123', refreshToken: 'refresh-456' } });
    expect(oauth).toMatchObject({ kind: 'gmail', address: 'gp@fund.example.com', label: 'gp@fund.example.com', authMode: 'oauth', hasCredentials: true, host: null, folders: [] });
    expect(JSON.stringify(await core.db.selectFrom('emailMailboxes').selectAll().where('id', '=', oauth.id).execute())).not.toMatch(/csecret-123|refresh-456/);
    expect(await loadConnection(core, oauth.id)).toEqual({ kind: 'gmail', userEmail: 'gp@fund.example.com', labels: null, auth: { mode: 'oauth', clientId: 'cid', clientSecret: 'csecret-123', refreshToken: 'refresh-456' } });
    await expect(invoke(operations.emailMailboxes.create, as, { kind: 'gmail', userEmail: 'gp@fund.example.com', auth: { mode: 'service_account', serviceAccountKeyJson: '{"type":"x"}' } })).rejects.toMatchObject({ code: 'invalid' });
    await expect(invoke(operations.emailMailboxes.create, as, { kind: 'gmail', userEmail: 'gp@fund.example.com', auth: { mode: 'service_account', serviceAccountKeyJson: 'not json' } })).rejects.toThrow('serviceAccountKeyJson');
    await expect(invoke(operations.emailMailboxes.update, as, { id: oauth.id, changes: { password: 'x' } })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('refuses an unknown owner, a missing secret, and members', async () => {
    await expect(invoke(operations.emailMailboxes.create, as, { ...imapInput, ownerUserId: '01900000-0000-7000-8000-000000000000' })).rejects.toMatchObject({ code: 'invalid' });
    const member = testActor({ role: 'member' });
    await expect(invoke(operations.emailMailboxes.list, { core, actor: member }, {})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(invoke(operations.emailMailboxes.create, { core, actor: member }, imapInput)).rejects.toMatchObject({ code: 'forbidden' });
    const noSecret = { ...core, settings: { ...core.settings, instanceSecret: undefined } };
    await expect(invoke(operations.emailMailboxes.create, { core: noSecret, actor: admin }, imapInput)).rejects.toThrow('instance secret');
    const other = { ...core, settings: { ...core.settings, instanceSecret: 'changed secret' } };
    const { id } = await invoke(operations.emailMailboxes.create, as, imapInput);
    await expect(loadConnection(other, id)).rejects.toThrow(CredentialsUnreadable);
  });

  it('soft-deletes: gone from the list, credentials wiped, runs and sightings kept; status comes from runs and sightings', async () => {
    const { id } = await invoke(operations.emailMailboxes.create, { core, actor: systemActor('cli') }, { ...imapInput, label: 'Status' });
    const run = (at: string, status: string) => ({
      id: `01900000-0000-7000-8000-0000000000${at.slice(11, 13)}`,
      mailboxId: id,
      trigger: 'schedule',
      status,
      startedAt: at,
      finishedAt: at.replace(':00.000Z', ':05.000Z'),
      fetched: 3,
      stored: 2,
      matched: 1,
      duplicates: 1,
      errors: status === 'failed' ? 1 : 0,
      errorMessagesJson: status === 'failed' ? '["wrong password"]' : '[]',
      foldersJson: '[{"folder":"INBOX","fetched":3,"reset":false}]',
      durationMs: 5000,
    });
    await core.db.insertInto('emailSyncRuns').values([run('2031-03-14T10:00:00.000Z', 'succeeded'), run('2031-03-14T11:00:00.000Z', 'failed')]).execute();
    const view = await invoke(operations.emailMailboxes.get, as, { id });
    expect(view.lastRun).toMatchObject({ status: 'failed', errorMessages: ['wrong password'], folders: [{ folder: 'INBOX', fetched: 3, reset: false }], durationMs: 5000 });
    expect(view.lastSuccessAt).toBe('2031-03-14T10:00:05.000Z');

    await invoke(operations.emailMailboxes.delete, as, { id });
    const listed = await invoke(operations.emailMailboxes.list, as, {});
    expect(listed.data.map((m) => m.id)).not.toContain(id);
    await expect(invoke(operations.emailMailboxes.get, as, { id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(loadConnection(core, id)).rejects.toMatchObject({ code: 'not_found' });
    const row = await core.db.selectFrom('emailMailboxes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.credentialsEnc).toBeNull();
    expect(await core.db.selectFrom('emailSyncRuns').select('id').where('mailboxId', '=', id).execute()).toHaveLength(2);
  });
});
