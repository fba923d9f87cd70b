import { gmailProvider } from './gmail.js';
import { imapProvider } from './imap.js';
import { mboxProvider } from './mbox.js';
import type { MailboxConnection, MailProvider } from './types.js';

export type { FolderChanges, FolderCursor, MailboxConnection, MailProvider, MailSession, MessageEnvelope, RawMessage } from './types.js';
export { MailSourceError } from './types.js';

/**
 * The provider for a mailbox kind. Helpers "imap" and "sources" register theirs here:
 * imap → providers/imap.ts, gmail → providers/gmail.ts, mbox → providers/mbox.ts.
 */
const PROVIDERS: Partial<Record<MailboxConnection['kind'], MailProvider>> = {
  imap: imapProvider,
  gmail: gmailProvider,
  mbox: mboxProvider,
};

export function providerFor(kind: MailboxConnection['kind']): MailProvider {
  const provider = PROVIDERS[kind];
  if (!provider) throw new Error(`No mail provider for ${kind}`);
  return provider;
}
