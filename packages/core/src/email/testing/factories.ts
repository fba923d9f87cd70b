import { createHash } from 'node:crypto';
import type { EmailAddressView, EmailDirection, EmailLinkEntityType, EmailMatchKind } from '@lpdesk/contracts';
import { parseEmail } from '../../identity/normalize/emails.js';
import type { CoreContext } from '../../kernel/context.js';
import { newId } from '../../kernel/ids.js';

// Test data for the read side: rows written straight into the email tables, the way the pipeline leaves
// them (a thread, the message, its addresses, a sighting, links, attachments with their blobs, and the
// timeline entry of a linked message). Tests of the pipeline itself go through ingestEnvelopes instead.

export interface FixtureLink {
  entityType: EmailLinkEntityType;
  entityId: string;
  matchKind?: EmailMatchKind;
  confidence?: number;
  matchedOn?: string | null;
}

export interface FixtureAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  /** False: over the size limit, listed without its bytes. */
  stored?: boolean;
}

export interface FixtureMessage {
  subject?: string | null;
  from: EmailAddressView;
  to?: EmailAddressView[];
  cc?: EmailAddressView[];
  /** ISO 8601, explicit in every test. */
  sentAt: string;
  direction?: EmailDirection;
  /** Join an existing thread; default a new one. */
  threadId?: string;
  messageId?: string;
  mailboxId?: string;
  folder?: string;
  bodyText?: string;
  bodyHtml?: string;
  links?: FixtureLink[];
  attachments?: FixtureAttachment[];
}

export interface FixtureResult {
  id: string;
  messageId: string;
  threadId: string;
  communicationId: string | null;
  attachmentIds: string[];
}

let counter = 0;

/** A team mailbox (no credentials): what sightings point at. */
export async function insertTestMailbox(core: CoreContext, label = 'Team inbox'): Promise<string> {
  const id = newId();
  const now = core.clock.now().toISOString();
  await core.db
    .insertInto('emailMailboxes')
    .values({ id, kind: 'imap', label, address: 'team@fund.example.com', ownerUserId: null, settingsJson: '{}', credentialsEnc: null, paused: 0, version: 1, createdAt: now, updatedAt: now, createdBy: null, updatedBy: null, deletedAt: null, deletedBy: null })
    .execute();
  return id;
}

async function ensureThread(core: CoreContext, message: FixtureMessage, now: string): Promise<string> {
  if (message.threadId) {
    const thread = await core.db.selectFrom('emailThreads').select(['firstAt', 'lastAt']).where('id', '=', message.threadId).executeTakeFirstOrThrow();
    await core.db
      .updateTable('emailThreads')
      .set({ firstAt: thread.firstAt < message.sentAt ? thread.firstAt : message.sentAt, lastAt: thread.lastAt > message.sentAt ? thread.lastAt : message.sentAt, updatedAt: now })
      .where('id', '=', message.threadId)
      .execute();
    return message.threadId;
  }
  const id = newId();
  await core.db.insertInto('emailThreads').values({ id, subject: message.subject ?? null, providerThreadId: null, firstAt: message.sentAt, lastAt: message.sentAt, createdAt: now, updatedAt: now }).execute();
  return id;
}

function addressRows(messageRowId: string, message: FixtureMessage) {
  const named = [['from', [message.from]] as const, ['to', message.to ?? []] as const, ['cc', message.cc ?? []] as const];
  return named.flatMap(([role, list]) =>
    list.flatMap((entry) => {
      const parsed = parseEmail(entry.address);
      return parsed ? [{ messageRowId, role, address: parsed.address, matchKey: parsed.matchKey, domain: parsed.domain }] : [];
    }),
  );
}

/** One stored message; linked messages keep their body and get a timeline entry, as the pipeline leaves them. */
export async function insertTestEmail(core: CoreContext, message: FixtureMessage): Promise<FixtureResult> {
  counter += 1;
  const now = core.clock.now().toISOString();
  const id = newId();
  const messageId = message.messageId ?? `fixture-${counter}-${id}@test.lpdesk`;
  const threadId = await ensureThread(core, message, now);
  const links = message.links ?? [];
  const linked = links.length > 0;
  const text = message.bodyText ?? '';
  const direction = message.direction ?? 'inbound';
  const communicationId = linked ? newId() : null;
  await core.db
    .insertInto('emailMessages')
    .values({
      id,
      messageId,
      threadId,
      subject: message.subject ?? null,
      fromJson: JSON.stringify(message.from),
      toJson: JSON.stringify(message.to ?? []),
      ccJson: JSON.stringify(message.cc ?? []),
      sentAt: message.sentAt,
      direction,
      inReplyTo: null,
      size: text.length,
      hasBody: linked ? 1 : 0,
      needsBody: 0,
      bodyText: linked ? text : null,
      bodyHtml: linked ? (message.bodyHtml ?? null) : null,
      snippet: linked ? text.slice(0, 200) : '',
      communicationId,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  const addresses = addressRows(id, message);
  if (addresses.length > 0) await core.db.insertInto('emailMessageAddresses').values(addresses).execute();
  const mailboxId = message.mailboxId ?? (await insertTestMailbox(core));
  await core.db
    .insertInto('emailSightings')
    .values({ messageRowId: id, mailboxId, folder: message.folder ?? (direction === 'outbound' ? 'Sent' : 'INBOX'), uidValidity: '1', locator: String(counter), providerThreadId: null, seenAt: now })
    .execute();
  if (linked) {
    await core.db
      .insertInto('emailLinks')
      .values(links.map((l) => ({ messageRowId: id, entityType: l.entityType, entityId: l.entityId, matchKind: l.matchKind ?? 'exact_email', confidence: l.confidence ?? 1, matchedOn: l.matchedOn ?? null, createdAt: now })))
      .execute();
    await insertTimelineEntry(core, { communicationId: communicationId ?? id, messageRowId: id, message, direction, now, links });
  }
  const attachmentIds: string[] = [];
  for (const [position, attachment] of (message.attachments ?? []).entries()) {
    const sha256 = createHash('sha256').update(attachment.content).digest('hex');
    const stored = attachment.stored ?? true;
    if (stored && !(await core.db.selectFrom('emailBlobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst())) {
      await core.db.insertInto('emailBlobs').values({ sha256, size: attachment.content.length, content: attachment.content, createdAt: now }).execute();
    }
    const attachmentId = newId();
    attachmentIds.push(attachmentId);
    await core.db
      .insertInto('emailAttachments')
      .values({ id: attachmentId, messageRowId: id, filename: attachment.filename, contentType: attachment.contentType, size: attachment.content.length, sha256, stored: stored ? 1 : 0, position })
      .execute();
  }
  return { id, messageId, threadId, communicationId, attachmentIds };
}

async function insertTimelineEntry(
  core: CoreContext,
  entry: { communicationId: string; messageRowId: string; message: FixtureMessage; direction: EmailDirection; now: string; links: FixtureLink[] },
) {
  const { communicationId, message, now } = entry;
  await core.db
    .insertInto('communications')
    .values({
      id: communicationId,
      kind: 'email',
      occurredAt: message.sentAt,
      subject: message.subject ?? null,
      body: (message.bodyText ?? '').slice(0, 200),
      outcome: null,
      nextAction: null,
      nextActionDueOn: null,
      durationMinutes: null,
      source: 'email_sync',
      authorId: null,
      direction: entry.direction,
      emailMessageId: entry.messageRowId,
      version: 1,
      createdAt: now,
      updatedAt: now,
      createdBy: null,
      updatedBy: null,
      deletedAt: null,
      deletedBy: null,
    })
    .execute();
  const unique = [...new Map(entry.links.map((l) => [`${l.entityType}:${l.entityId}`, l])).values()];
  await core.db
    .insertInto('communicationLinks')
    .values(unique.map((l) => ({ communicationId, entityType: l.entityType, entityId: l.entityId })))
    .execute();
}
