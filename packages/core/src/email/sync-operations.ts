import { EmailSyncRunListQuery, EmailSyncRunView, IdParams, ListEnvelope } from '@lpdesk/contracts';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { defineOperation } from '../kernel/operations.js';
import { findMailbox, presentRun } from './mailboxes/index.js';
import { syncMailbox } from './sync.js';

// "Sync now" and the run history of a mailbox (admins: email.manage). The run itself is email/sync.ts.

/** Sync a mailbox now and answer the recorded run; a wrong password or dead server is a failed run, not an error. */
export async function syncMailboxNow(core: CoreContext, actor: Actor, mailboxId: string): Promise<EmailSyncRunView> {
  await findMailbox(core.db, mailboxId);
  return syncMailbox(core, actor, mailboxId, { trigger: 'manual' });
}

/** A mailbox's sync runs, newest first. */
export async function listSyncRuns(core: CoreContext, mailboxId: string, query: EmailSyncRunListQuery): Promise<ListEnvelope<EmailSyncRunView>> {
  await findMailbox(core.db, mailboxId);
  const base = core.db.selectFrom('emailSyncRuns').where('mailboxId', '=', mailboxId);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('startedAt', 'desc').orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { data: rows.map(presentRun), total: Number(count.n), limit: query.limit, offset: query.offset };
}

const RunListInput = IdParams.extend(EmailSyncRunListQuery.shape);

export const emailSyncOperations = {
  syncNow: defineOperation({
    name: 'emailSync.syncNow',
    summary: 'Sync a mailbox now and answer the run: counts, errors and duration (a source failure is a failed run)',
    permission: 'email.manage',
    input: IdParams,
    output: EmailSyncRunView,
    run: ({ core, actor }, { id }) => syncMailboxNow(core, actor, id),
  }),
  runs: defineOperation({
    name: 'emailSync.runs',
    summary: "A mailbox's sync runs, newest first",
    permission: 'email.manage',
    input: RunListInput,
    output: ListEnvelope(EmailSyncRunView),
    run: ({ core }, { id, ...query }) => listSyncRuns(core, id, query),
  }),
};
