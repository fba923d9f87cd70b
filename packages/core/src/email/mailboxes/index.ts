import type { CoreContext } from '../../kernel/context.js';
import type { MailboxConnection } from '../providers/types.js';

// STUB (helper "sources" owns this folder): enrolment, encrypted credentials, the admin view.

/** The decrypted connection settings of a live mailbox (for providers only; never presented). */
export async function loadConnection(_core: CoreContext, _mailboxId: string): Promise<MailboxConnection> {
  throw new Error('loadConnection: not implemented yet');
}
