import { IdParams, ListEnvelope, MailboxCreateInput, MailboxUpdateInput, MailboxView, NoContent, UpdateOperationInput } from '@lpdesk/contracts';
import { z } from 'zod';
import type { CoreContext } from '../../kernel/context.js';
import { defineOperation } from '../../kernel/operations.js';
import { openCredentials } from '../credentials.js';
import { type MailboxConnection, MailSourceError } from '../providers/types.js';
import { createMailbox, deleteMailbox, updateMailbox } from './commands.js';
import { findMailbox, getMailbox, listMailboxes } from './queries.js';
import { GmailSecrets, ImapSecrets, parseSettings } from './settings.js';

export { createMailbox, deleteMailbox, ensureImportMailbox, MAILBOX_ENTITY, updateMailbox } from './commands.js';
export { presentMailboxes, presentRun } from './presenter.js';
export { findMailbox, getMailbox, listMailboxes } from './queries.js';

/** The decrypted connection settings of a live mailbox (for providers only; never presented). */
export async function loadConnection(core: CoreContext, mailboxId: string): Promise<MailboxConnection> {
  const row = await findMailbox(core.db, mailboxId);
  const stored = parseSettings(row.kind, row.settingsJson);
  if (stored.kind === 'mbox') return { kind: 'mbox', files: stored.settings.files };
  // A mailbox without credentials (never set) opens as an authentication failure at the source.
  const secrets = row.credentialsEnc === null ? null : openCredentials(core.settings.instanceSecret, row.credentialsEnc);
  if (stored.kind === 'imap') {
    const { host, port, secure, username, folders, allowUntrustedCertificate } = stored.settings;
    return { kind: 'imap', host, port, secure, username, password: secrets === null ? '' : ImapSecrets.parse(secrets).password, folders, allowUntrustedCertificate };
  }
  const { userEmail, labels, apiBaseUrl, tokenUrl } = stored.settings;
  if (secrets === null) throw new MailSourceError(`No Gmail credentials are stored for ${userEmail}: enrol the mailbox again`, 'auth');
  const auth = GmailSecrets.parse(secrets);
  return { kind: 'gmail', userEmail, labels, auth, ...(apiBaseUrl ? { apiBaseUrl } : {}), ...(tokenUrl ? { tokenUrl } : {}) };
}

/** Mailbox enrolment and settings: admins only (email.manage). */
export const mailboxOperations = {
  list: defineOperation({ name: 'emailMailboxes.list', summary: 'List team mailboxes with their sync status (never a password or token)', permission: 'email.manage', input: z.object({}), output: ListEnvelope(MailboxView), run: ({ core }) => listMailboxes(core) }),
  get: defineOperation({ name: 'emailMailboxes.get', summary: 'Get a team mailbox with its sync status', permission: 'email.manage', input: IdParams, output: MailboxView, run: ({ core }, { id }) => getMailbox(core, id) }),
  create: defineOperation({ name: 'emailMailboxes.create', summary: 'Enrol a team mailbox (IMAP or Gmail API); its password or token is encrypted at rest', permission: 'email.manage', input: MailboxCreateInput, output: MailboxView, run: ({ core, actor }, input) => createMailbox(core, actor, input) }),
  update: defineOperation({ name: 'emailMailboxes.update', summary: 'Change a mailbox: label, folders, owner, paused, a new password', permission: 'email.manage', input: UpdateOperationInput(MailboxUpdateInput), output: MailboxView, run: ({ core, actor }, { id, changes, expectedVersion }) => updateMailbox(core, actor, id, changes, expectedVersion) }),
  delete: defineOperation({ name: 'emailMailboxes.delete', summary: 'Remove a mailbox: it stops syncing and its credentials are wiped; captured mail stays', permission: 'email.manage', input: IdParams, output: NoContent, run: ({ core, actor }, { id }) => deleteMailbox(core, actor, id) }),
};
