import type { CoreContext } from '../../kernel/context.js';
import { newId } from '../../kernel/ids.js';
import { invoke } from '../../kernel/operations.js';
import { operations } from '../../operations.js';
import { testActor } from '../../testing/index.js';
import { type SyncOptions, syncMailbox } from '../sync.js';
import { type MemoryMailbox, memoryConnection, memoryProvider } from './memory-provider.js';

// Records the email tests need, made the short way (mailbox enrolment belongs to core/email/mailboxes).

const ctx = (core: CoreContext) => ({ core, actor: testActor() });

/** A mailbox row as enrolment would leave it, without credentials (tests hand the connection in). */
export async function addTestMailbox(core: CoreContext, options: { address?: string | null; ownerUserId?: string | null; label?: string } = {}): Promise<string> {
  const id = newId();
  const now = core.clock.now().toISOString();
  await core.db
    .insertInto('emailMailboxes')
    .values({
      id,
      kind: 'imap',
      label: options.label ?? 'Test mailbox',
      address: options.address ?? null,
      ownerUserId: options.ownerUserId ?? null,
      settingsJson: '{}',
      credentialsEnc: null,
      paused: 0,
      version: 1,
      createdAt: now,
      updatedAt: now,
      createdBy: null,
      updatedBy: null,
      deletedAt: null,
      deletedBy: null,
    })
    .execute();
  return id;
}

export async function addContact(core: CoreContext, lastName: string, emails: string[]): Promise<string> {
  return (await invoke(operations.contacts.create, ctx(core), { firstName: 'Test', lastName, emails })).id;
}

export async function addOrganization(core: CoreContext, name: string, emailDomains: string[]): Promise<string> {
  return (await invoke(operations.organizations.create, ctx(core), { name, emailDomains })).id;
}

/** Sync a mailbox row from a memory mailbox. */
export function syncFromMemory(core: CoreContext, mailboxId: string, mailbox: MemoryMailbox, options: Partial<SyncOptions> = {}) {
  return syncMailbox(core, testActor(), mailboxId, { trigger: 'manual', provider: memoryProvider(mailbox), connection: memoryConnection(), ...options });
}

export async function addUser(core: CoreContext, username: string, email: string): Promise<string> {
  return (await invoke(operations.access.createUser, ctx(core), { username, password: 'correct horse battery staple', email, role: 'member' })).id;
}

let serial = 0;
/** A name, an address and a domain no other test uses (tests share one database per dialect). */
export function uniqueParty(stem: string) {
  serial += 1;
  const domain = `${stem.toLowerCase()}${serial}-${process.pid}.example`;
  return { name: `${stem}${serial}`, domain, email: `${stem.toLowerCase()}@${domain}` };
}
