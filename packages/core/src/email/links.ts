import type { WriteScope } from '../kernel/write.js';

// STUB (helper "pipeline" owns this file): the one place that decides what a message is linked to.

/**
 * Recompute the links of these messages (by email_messages.id) and everything that follows from them, in
 * the caller's transaction: automatic links (exact address → contact 1.0, domain → organization 0.6,
 * never free-mail domains, never team addresses), minus "do not capture" blocks and thread unlinks, plus
 * thread links made by hand; then the timeline entry (a communication of kind email, its links and the
 * mailbox owners), and what is kept: a message left with no link loses its body and attachments, a
 * linked one without a body is marked `needs_body` for the next sync.
 */
export async function relinkMessages(_scope: WriteScope, _messageRowIds: readonly string[]): Promise<{ linked: number; unlinked: number }> {
  throw new Error('relinkMessages: not implemented yet');
}
