import type { EmailSyncRunView, EmailSyncTrigger } from '@lpdesk/contracts';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import type { MailboxConnection, MailProvider } from './providers/types.js';

// STUB (helper "pipeline" owns this file): one sync run of one mailbox, recorded in email_sync_runs.

export interface SyncProgress {
  folder: string;
  fetched: number;
  stored: number;
  matched: number;
  duplicates: number;
}

export interface SyncOptions {
  trigger: EmailSyncTrigger;
  /** Tests and one-off imports hand in the provider and connection; otherwise from the mailbox's kind and stored settings. */
  provider?: MailProvider;
  connection?: MailboxConnection;
  onProgress?: (progress: SyncProgress) => void;
  signal?: AbortSignal;
}

/**
 * Sync every folder of a mailbox from its cursors, record the run (counts, errors, duration) and answer it.
 * A source failure (wrong password, unreachable server) is a failed run, not a throw.
 */
export async function syncMailbox(_core: CoreContext, _actor: Actor, _mailboxId: string, _options: SyncOptions): Promise<EmailSyncRunView> {
  throw new Error('syncMailbox: not implemented yet');
}
