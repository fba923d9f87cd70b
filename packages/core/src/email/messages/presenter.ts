import {
  type EmailAddressView,
  EmailDirection,
  EmailLinkEntityType,
  type EmailLinkView,
  EmailMatchKind,
  type EmailMessageDetailView,
  type EmailMessageView,
  type EmailThreadView,
} from '@lpdesk/contracts';
import type { Db } from '../../db/connect.js';
import type { Row } from '../../db/schema.js';
import { asEnum } from '../../kernel/values.js';
import type { Tx } from '../../kernel/write.js';
// The pipeline's own options: what it kept on the way in is what may be shown, and nothing more.
import { sanitizeEmailHtml } from '../ingest/bodies.js';

// Messages and threads as every door shows them: a few set-based queries per page (sightings with their
// mailbox labels, attachments, links with contact and organization names), never one per row.

function parseAddress(value: unknown): EmailAddressView | null {
  if (!value || typeof value !== 'object') return null;
  const address = 'address' in value && typeof value.address === 'string' ? value.address : null;
  if (!address) return null;
  const name = 'name' in value && typeof value.name === 'string' && value.name !== '' ? value.name : null;
  return { name, address };
}

function parseJson(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function addressList(text: string): EmailAddressView[] {
  const value = parseJson(text);
  return Array.isArray(value) ? value.flatMap((entry) => parseAddress(entry) ?? []) : [];
}

async function loadLinks(db: Db | Tx, messageRowIds: string[]): Promise<Map<string, EmailLinkView[]>> {
  const rows = await db.selectFrom('emailLinks').selectAll().where('messageRowId', 'in', messageRowIds).orderBy('confidence', 'desc').orderBy('entityType').orderBy('entityId').execute();
  const idsOf = (type: string) => [...new Set(rows.filter((r) => r.entityType === type).map((r) => r.entityId))];
  const [contactIds, organizationIds] = [idsOf('contact'), idsOf('organization')];
  const [contacts, organizations] = await Promise.all([
    contactIds.length ? db.selectFrom('contacts').select(['id', 'firstName', 'lastName']).where('id', 'in', contactIds).execute() : [],
    organizationIds.length ? db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', organizationIds).execute() : [],
  ]);
  const labels = new Map<string, string>([
    ...contacts.map((c): [string, string] => [`contact:${c.id}`, `${c.firstName} ${c.lastName}`.trim()]),
    ...organizations.map((o): [string, string] => [`organization:${o.id}`, o.name]),
  ]);
  const byMessage = new Map<string, EmailLinkView[]>();
  for (const row of rows) {
    const label = labels.get(`${row.entityType}:${row.entityId}`);
    // A link to a record that no longer exists is not shown (the next relink removes it).
    if (label === undefined) continue;
    const list = byMessage.get(row.messageRowId) ?? [];
    list.push({
      entityType: asEnum(EmailLinkEntityType, row.entityType),
      entityId: row.entityId,
      label,
      matchKind: asEnum(EmailMatchKind, row.matchKind),
      confidence: row.confidence,
      matchedOn: row.matchedOn,
    });
    byMessage.set(row.messageRowId, list);
  }
  return byMessage;
}

async function loadSightings(db: Db | Tx, messageRowIds: string[]) {
  const rows = await db
    .selectFrom('emailSightings as s')
    .innerJoin('emailMailboxes as mb', 'mb.id', 's.mailboxId')
    .select(['s.messageRowId', 's.mailboxId', 's.folder', 'mb.label'])
    .where('s.messageRowId', 'in', messageRowIds)
    .orderBy('mb.label')
    .orderBy('s.folder')
    .execute();
  const byMessage = new Map<string, EmailMessageView['mailboxes']>();
  for (const row of rows) byMessage.set(row.messageRowId, [...(byMessage.get(row.messageRowId) ?? []), { mailboxId: row.mailboxId, label: row.label, folder: row.folder }]);
  return byMessage;
}

async function loadAttachments(db: Db | Tx, messageRowIds: string[]) {
  const rows = await db.selectFrom('emailAttachments').selectAll().where('messageRowId', 'in', messageRowIds).orderBy('position').execute();
  const byMessage = new Map<string, EmailMessageView['attachments']>();
  for (const row of rows) {
    const view = { id: row.id, filename: row.filename, contentType: row.contentType, size: row.size, sha256: row.sha256, stored: row.stored === 1 };
    byMessage.set(row.messageRowId, [...(byMessage.get(row.messageRowId) ?? []), view]);
  }
  return byMessage;
}

/**
 * A body is shown only for a message that has one and is linked: a message the relink left unlinked
 * loses its body there, and this check keeps one from ever leaving the core in between.
 */
export async function presentEmailMessages(db: Db | Tx, rows: Row<'emailMessages'>[], options: { bodies: true }): Promise<EmailMessageDetailView[]>;
export async function presentEmailMessages(db: Db | Tx, rows: Row<'emailMessages'>[], options?: { bodies: false }): Promise<EmailMessageView[]>;
export async function presentEmailMessages(db: Db | Tx, rows: Row<'emailMessages'>[], options: { bodies: boolean } = { bodies: false }): Promise<EmailMessageDetailView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [links, sightings, attachments] = await Promise.all([loadLinks(db, ids), loadSightings(db, ids), loadAttachments(db, ids)]);
  return rows.map((row) => {
    const messageLinks = links.get(row.id) ?? [];
    const withBody = row.hasBody === 1 && messageLinks.length > 0;
    const view: EmailMessageDetailView = {
      id: row.id,
      messageId: row.messageId,
      threadId: row.threadId,
      subject: row.subject,
      from: parseAddress(parseJson(row.fromJson)),
      to: addressList(row.toJson),
      cc: addressList(row.ccJson),
      bcc: addressList(row.bccJson),
      sentAt: row.sentAt,
      direction: asEnum(EmailDirection, row.direction),
      hasBody: withBody,
      snippet: withBody ? row.snippet : '',
      mailboxes: sightings.get(row.id) ?? [],
      attachments: attachments.get(row.id) ?? [],
      links: messageLinks,
      communicationId: messageLinks.length > 0 ? row.communicationId : null,
    };
    if (options.bodies && withBody) {
      view.bodyText = row.bodyText ?? '';
      if (row.bodyHtml) view.bodyHtml = sanitizeEmailHtml(row.bodyHtml);
    }
    return view;
  });
}

/** The strongest link per contact or organization across a thread's messages. */
export function threadLinks(messages: readonly EmailMessageView[]): EmailLinkView[] {
  const best = new Map<string, EmailLinkView>();
  for (const link of messages.flatMap((m) => m.links)) {
    const key = `${link.entityType}:${link.entityId}`;
    const current = best.get(key);
    if (!current || link.confidence > current.confidence || (link.matchKind === 'manual' && current.matchKind !== 'manual')) best.set(key, link);
  }
  return [...best.values()].sort((a, b) => b.confidence - a.confidence || a.label.localeCompare(b.label));
}

/** Threads with the messages the reader may see, oldest first (bodies included where kept). */
export async function presentEmailThreads(db: Db | Tx, threads: Row<'emailThreads'>[], messageRows: Row<'emailMessages'>[]): Promise<EmailThreadView[]> {
  const messages = await presentEmailMessages(db, messageRows, { bodies: true });
  return threads.map((thread) => {
    const own = messages.filter((m) => m.threadId === thread.id).sort((a, b) => a.sentAt.localeCompare(b.sentAt) || a.id.localeCompare(b.id));
    return {
      id: thread.id,
      subject: thread.subject,
      firstAt: own[0]?.sentAt ?? thread.firstAt,
      lastAt: own.at(-1)?.sentAt ?? thread.lastAt,
      messages: own,
      links: threadLinks(own),
    };
  });
}
