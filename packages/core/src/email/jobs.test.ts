import { ImapMailboxCreateInput } from '@lpdesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobActor } from '../jobs/index.js';
import { openTestCore, type TestCore, testActor, testDialects } from '../testing/index.js';
import { EMAIL_SYNC_ALL_JOB, EMAIL_SYNC_JOB, emailSyncAllJob, emailSyncJob, enqueueMailboxSync } from './jobs.js';
import { createMailbox, updateMailbox } from './mailboxes/index.js';
import { startMailWatchers } from './watch.js';

// Scheduling without a mail server: the fan-out, the anti-pile-up rule and a failed run failing the attempt.

describe.each(testDialects())('email sync jobs on %s', (dialect) => {
  let core: TestCore;
  const actor = testActor();
  beforeAll(async () => {
    core = await openTestCore(dialect);
  });
  afterAll(() => core?.dispose());

  // Port 1 on loopback refuses at once: every sync of this mailbox is a recorded failed run.
  const enrol = async (label: string) =>
    (await createMailbox(core, actor, ImapMailboxCreateInput.parse({ kind: 'imap', host: '127.0.0.1', port: 1, secure: false, username: `${label}@fund.example`, password: 'pw', label }))).id;
  const queued = (mailboxId: string) =>
    core.db.selectFrom('jobs').select(['status', 'payloadJson']).where('kind', '=', EMAIL_SYNC_JOB).where('payloadJson', 'like', `%${mailboxId}%`).execute();

  it('fans out one sync per live, unpaused mailbox every minute, without piling up', async () => {
    const live = await enrol('live');
    const paused = await enrol('paused');
    await updateMailbox(core, actor, paused, { paused: true });
    expect(emailSyncAllJob.schedule?.cron).toBe('* * * * *');
    const result = await emailSyncAllJob.run(null, { core, actor: jobActor(), job: { id: 'x', kind: EMAIL_SYNC_ALL_JOB, attempt: 1, maxAttempts: 1 } });
    expect(result).toMatchObject({ queued: 1 });
    expect((await queued(live)).map((job) => [job.status, JSON.parse(job.payloadJson)])).toEqual([['queued', { mailboxId: live, trigger: 'schedule' }]]);
    expect(await queued(paused)).toEqual([]);
    // One is already waiting: neither the next minute nor IDLE news adds another.
    expect(await enqueueMailboxSync(core, jobActor(), live, 'schedule')).toBe(false);
    expect(await enqueueMailboxSync(core, jobActor(), live, 'idle')).toBe(false);
    expect(await queued(live)).toHaveLength(1);
  });

  it('records a failed run and fails the attempt, so the runner retries with backoff', async () => {
    const id = await enrol('unreachable');
    await expect(emailSyncJob.run({ mailboxId: id, trigger: 'schedule' }, { core, actor: jobActor(), job: { id: 'y', kind: EMAIL_SYNC_JOB, attempt: 1, maxAttempts: 3 } })).rejects.toThrow(/failed/);
    const runs = await core.db.selectFrom('emailSyncRuns').select(['status', 'trigger']).where('mailboxId', '=', id).execute();
    expect(runs).toEqual([{ status: 'failed', trigger: 'schedule' }]);
    expect(emailSyncJob.backoffMs?.(1)).toBe(30_000);
    expect(emailSyncJob.backoffMs?.(2)).toBe(60_000);
    expect(emailSyncJob.backoffMs?.(20)).toBe(600_000);
  });

  it('skips a paused mailbox on schedule but syncs it when asked by hand', async () => {
    const id = await enrol(`paused-${dialect}`);
    await updateMailbox(core, actor, id, { paused: true });
    const context = { core, actor: jobActor(), job: { id: 'z', kind: EMAIL_SYNC_JOB, attempt: 1, maxAttempts: 3 } };
    expect(await emailSyncJob.run({ mailboxId: id, trigger: 'schedule' }, context)).toEqual({ skipped: 'mailbox paused' });
    await expect(emailSyncJob.run({ mailboxId: id, trigger: 'manual' }, context)).rejects.toThrow(/failed/);
  });

  it('keeps retrying a watcher whose server is down, warns, queues nothing, and stops promptly', async () => {
    const id = await enrol(`watch-${dialect}`);
    const warnings: string[] = [];
    const log = { info() {}, error() {}, warn: (_details: object, message: string) => warnings.push(message) };
    const watchers = startMailWatchers(core, { log, backoffMs: 20, maxBackoffMs: 40, refreshMs: 60_000 });
    const deadline = Date.now() + 5000;
    while (warnings.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(watchers.watching()).toContain(id);
    expect(warnings.length).toBeGreaterThanOrEqual(3);
    expect(new Set(warnings)).toEqual(new Set(['mail watcher could not start; retrying']));
    const stopping = Date.now();
    await watchers.stop();
    expect(Date.now() - stopping).toBeLessThan(2000);
    expect(watchers.watching()).toEqual([]);
    expect(await queued(id)).toEqual([]);
  });
});
