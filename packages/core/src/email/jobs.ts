import { EmailSyncJobPayload, type EmailSyncRunView, type EmailSyncTrigger } from '@lpdesk/contracts';
import { enqueueJobIn, type JobHandler } from '../jobs/index.js';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { write } from '../kernel/write.js';
import { syncMailbox } from './sync.js';

// Background sync: a schedule every minute fans out one `email.sync` job per live, unpaused mailbox; IDLE
// (email/watch.ts) enqueues the same job when news arrives. The job runner gives retries with backoff.

export const EMAIL_SYNC_JOB = 'email.sync';
export const EMAIL_SYNC_ALL_JOB = 'email.sync-all';
/** Source failures are usually transient (a server restart, a network blip); a few attempts, then the next schedule. */
const SYNC_MAX_ATTEMPTS = 3;

/** Mailboxes the schedule and IDLE keep current: not deleted, not paused, not one-off file imports. */
export async function liveMailboxIds(core: CoreContext): Promise<{ id: string; kind: string }[]> {
  return core.db
    .selectFrom('emailMailboxes')
    .select(['id', 'kind'])
    .where('deletedAt', 'is', null)
    .where('paused', '=', 0)
    .where('kind', '!=', 'mbox')
    .orderBy('createdAt')
    .execute();
}

/**
 * Queue a sync of one mailbox, unless one is already waiting (queued, or failed and waiting for its retry):
 * a burst of IDLE news or a slow server never piles runs up. Answers whether a job was added.
 */
export async function enqueueMailboxSync(core: CoreContext, actor: Actor, mailboxId: string, trigger: EmailSyncTrigger): Promise<boolean> {
  const payload: EmailSyncJobPayload = { mailboxId, trigger };
  const added = await write(core, actor, async (scope) => {
    const waiting = await scope.tx
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', EMAIL_SYNC_JOB)
      .where('status', 'in', ['queued', 'failed'])
      .where('payloadJson', 'like', `%"mailboxId":"${mailboxId}"%`)
      .executeTakeFirst();
    if (waiting) return false;
    // The key makes two schedulers (two runners in the same minute) enqueue one job, not two.
    const key = trigger === 'schedule' ? `email.sync:${mailboxId}:schedule:${scope.now.slice(0, 16)}` : `email.sync:${mailboxId}:${trigger}:${scope.now}`;
    await enqueueJobIn(scope, core.dialect, { kind: EMAIL_SYNC_JOB, payload, idempotencyKey: key, maxAttempts: SYNC_MAX_ATTEMPTS });
    return true;
  });
  if (added) core.jobs.wake();
  return added;
}

export type EmailSyncJobResult = Pick<EmailSyncRunView, 'id' | 'fetched' | 'stored' | 'matched' | 'duplicates' | 'errors' | 'durationMs'> | { skipped: string };

export const emailSyncJob: JobHandler = {
  kind: EMAIL_SYNC_JOB,
  // 30 s, 60 s, 120 s … at most 10 min: a server that is down is not hammered.
  backoffMs: (attempt) => Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 10 * 60_000),
  async run(payload, { core, actor }): Promise<EmailSyncJobResult> {
    const { mailboxId, trigger } = EmailSyncJobPayload.parse(payload);
    const mailbox = await core.db.selectFrom('emailMailboxes').select(['paused', 'deletedAt']).where('id', '=', mailboxId).executeTakeFirst();
    if (!mailbox || mailbox.deletedAt !== null) return { skipped: 'mailbox removed' };
    if (mailbox.paused && trigger !== 'manual') return { skipped: 'mailbox paused' };
    const run = await syncMailbox(core, actor, mailboxId, { trigger });
    // The run is recorded either way; a failed one also fails the attempt so the runner retries with backoff.
    if (run.status === 'failed') throw new Error(`Sync of mailbox ${mailboxId} failed: ${run.errorMessages.slice(0, 3).join('; ') || 'no detail'}`);
    return { id: run.id, fetched: run.fetched, stored: run.stored, matched: run.matched, duplicates: run.duplicates, errors: run.errors, durationMs: run.durationMs };
  },
};

export const emailSyncAllJob: JobHandler = {
  kind: EMAIL_SYNC_ALL_JOB,
  // Every minute (EMAIL_DEFAULTS.syncEverySeconds): mail appears within it even where IDLE is not available.
  schedule: { cron: '* * * * *' },
  async run(_payload, { core, actor }) {
    let queued = 0;
    const mailboxes = await liveMailboxIds(core);
    for (const mailbox of mailboxes) if (await enqueueMailboxSync(core, actor, mailbox.id, 'schedule')) queued++;
    return { mailboxes: mailboxes.length, queued };
  },
};

export const EMAIL_JOBS: JobHandler[] = [emailSyncJob, emailSyncAllJob];
