import type { EmailMessageDetailView, EmailMessageListQuery, EmailThreadListQuery, EmailThreadView } from '@lpdesk/contracts';
import { type ExpressionBuilder, type SqlBool, sql, type Expression } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../kernel/actor.js';
import type { CoreContext } from '../../kernel/context.js';
import { DomainError, Forbidden, NotFound } from '../../kernel/errors.js';
import { countTotal } from '../../kernel/list-totals.js';
import { can } from '../../kernel/permissions.js';
import { containsText } from '../../kernel/records.js';
import type { Tx } from '../../kernel/write.js';
import type { Db } from '../../db/connect.js';
import { presentEmailMessages, presentEmailThreads } from './presenter.js';

/*
 * Who sees what. Captured mail is CRM data only once it is linked to a contact or organization: readers
 * (email.read: members, managers, agents) see linked messages, headers and bodies. Unlinked messages are
 * the team's own mail that matched nobody (personal, vendors, newsletters); their headers are listed only
 * to those who manage capture (email.manage: admins), and no one gets their body (none is kept).
 */
export function seesUnlinkedMail(actor: Actor): boolean {
  return can(actor, 'email.manage');
}

/**
 * Mail arrives through sync runs that need not log an event per message (and tests write rows directly),
 * so the outbox position does not version these lists: count every time.
 */
const UNCACHED = { cache: false };

type MessageScope = ExpressionBuilder<Database & { m: Database['emailMessages'] }, 'm'>;

function isLinked(eb: MessageScope): Expression<SqlBool> {
  return eb.exists(eb.selectFrom('emailLinks as vl').select('vl.messageRowId').whereRef('vl.messageRowId', '=', 'm.id'));
}

/**
 * Linked to the contact or organization; for an organization, also mail linked to its people (a partner
 * writing from a personal address), as its communications timeline shows them.
 */
function linkedTo(eb: MessageScope, entityId: string): Expression<SqlBool> {
  const people = eb.selectFrom('contactOrganizations as co').select('co.contactId').where('co.organizationId', '=', entityId);
  return eb.exists(
    eb
      .selectFrom('emailLinks as el')
      .select('el.messageRowId')
      .whereRef('el.messageRowId', '=', 'm.id')
      .where((inner) => inner.or([inner('el.entityId', '=', entityId), inner.and([inner('el.entityType', '=', 'contact'), inner('el.entityId', 'in', people)])])),
  );
}

/** The sender's display name, out of the stored JSON, on either dialect. */
function fromName(core: CoreContext) {
  return core.dialect === 'postgres' ? sql<string | null>`(m.from_json::jsonb ->> 'name')` : sql<string | null>`json_extract(m.from_json, '$.name')`;
}

export async function listEmailMessages(core: CoreContext, actor: Actor, query: EmailMessageListQuery) {
  const manager = seesUnlinkedMail(actor);
  if (query.linked === 'unlinked' && !manager) throw new Forbidden('Only admins (email.manage) may list captured mail that is not linked to a contact or organization');
  let base = core.db.selectFrom('emailMessages as m');
  if (!manager || query.linked === 'linked') base = base.where((eb) => isLinked(eb));
  if (query.linked === 'unlinked') base = base.where((eb) => eb.not(isLinked(eb)));
  const { entityId, mailboxId, threadId, q } = query;
  if (entityId) base = base.where((eb) => linkedTo(eb, entityId));
  if (threadId) base = base.where('m.threadId', '=', threadId);
  if (query.messageId) base = base.where('m.messageId', '=', query.messageId.replace(/^<|>$/g, ''));
  if (mailboxId) {
    base = base.where((eb) => eb.exists(eb.selectFrom('emailSightings as s').select('s.messageRowId').whereRef('s.messageRowId', '=', 'm.id').where('s.mailboxId', '=', mailboxId)));
  }
  if (q) {
    base = base.where((eb) =>
      eb.or([
        containsText(eb.ref('m.subject'), q),
        containsText(fromName(core), q),
        eb.exists(eb.selectFrom('emailMessageAddresses as a').select('a.messageRowId').whereRef('a.messageRowId', '=', 'm.id').where('a.role', '=', 'from').where((inner) => containsText(inner.ref('a.address'), q))),
      ]),
    );
  }
  const [total, rows] = await Promise.all([
    countTotal(core, base.select((eb) => eb.fn.countAll<number>().as('total')), UNCACHED),
    base.selectAll('m').orderBy('m.sentAt', 'desc').orderBy('m.id', 'desc').limit(query.limit).offset(query.offset).execute(),
  ]);
  return { data: await presentEmailMessages(core.db, rows), total, limit: query.limit, offset: query.offset };
}

/** One message as the reader may see it: unknown and (for readers who do not manage capture) unlinked are both 404. */
async function visibleMessageRow(db: Db | Tx, actor: Actor, id: string, options: { linkedOnly?: boolean } = {}) {
  let query = db.selectFrom('emailMessages as m').selectAll('m').where('m.id', '=', id);
  if (options.linkedOnly || !seesUnlinkedMail(actor)) query = query.where((eb) => isLinked(eb));
  const row = await query.executeTakeFirst();
  if (!row) throw new NotFound('Email message', id);
  return row;
}

export async function getEmailMessage(core: CoreContext, actor: Actor, id: string): Promise<EmailMessageDetailView> {
  const [view] = await presentEmailMessages(core.db, [await visibleMessageRow(core.db, actor, id)], { bodies: true });
  if (!view) throw new NotFound('Email message', id);
  return view;
}

async function threadMessages(db: Db | Tx, actor: Actor, threadIds: string[]) {
  if (threadIds.length === 0) return [];
  let query = db.selectFrom('emailMessages as m').selectAll('m').where('m.threadId', 'in', threadIds);
  if (!seesUnlinkedMail(actor)) query = query.where((eb) => isLinked(eb));
  return query.orderBy('m.sentAt').orderBy('m.id').execute();
}

export async function listEmailThreads(core: CoreContext, actor: Actor, query: EmailThreadListQuery) {
  const manager = seesUnlinkedMail(actor);
  const { entityId } = query;
  let base = core.db.selectFrom('emailThreads as t');
  if (entityId || !manager) {
    base = base.where((eb) => {
      let messages = eb.selectFrom('emailMessages as m').select('m.id').whereRef('m.threadId', '=', 't.id');
      messages = messages.where((inner) => (entityId ? linkedTo(inner, entityId) : isLinked(inner)));
      return eb.exists(messages);
    });
  }
  const [total, threads] = await Promise.all([
    countTotal(core, base.select((eb) => eb.fn.countAll<number>().as('total')), UNCACHED),
    base.selectAll('t').orderBy('t.lastAt', 'desc').orderBy('t.id', 'desc').limit(query.limit).offset(query.offset).execute(),
  ]);
  const messages = await threadMessages(core.db, actor, threads.map((t) => t.id));
  return { data: await presentEmailThreads(core.db, threads, messages), total, limit: query.limit, offset: query.offset };
}

/** A thread with the messages the reader may see; 404 when it has none (or does not exist). */
export async function getEmailThread(db: Db | Tx, actor: Actor, id: string): Promise<EmailThreadView> {
  const thread = await db.selectFrom('emailThreads').selectAll().where('id', '=', id).executeTakeFirst();
  if (!thread) throw new NotFound('Email thread', id);
  const messages = await threadMessages(db, actor, [id]);
  if (messages.length === 0 && !seesUnlinkedMail(actor)) throw new NotFound('Email thread', id);
  const [view] = await presentEmailThreads(db, [thread], messages);
  if (!view) throw new NotFound('Email thread', id);
  return view;
}

export interface AttachmentFile {
  filename: string;
  contentType: string;
  size: number;
  content: Uint8Array;
}

/**
 * An attachment's bytes; 404 when its bytes were not kept (over the limit). Like a body, attachment content
 * is served only for a linked message, to admins too: unmatched mail keeps its headers only.
 */
export async function getEmailAttachmentFile(core: CoreContext, actor: Actor, id: string): Promise<AttachmentFile> {
  const attachment = await core.db.selectFrom('emailAttachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!attachment) throw new NotFound('Attachment', id);
  try {
    await visibleMessageRow(core.db, actor, attachment.messageRowId, { linkedOnly: true });
  } catch (error) {
    if (error instanceof NotFound) throw new NotFound('Attachment', id);
    throw error;
  }
  const blob = attachment.stored === 1 ? await core.db.selectFrom('emailBlobs').select(['content', 'size']).where('sha256', '=', attachment.sha256).executeTakeFirst() : undefined;
  if (!blob) throw new DomainError('not_found', `Attachment ${id} is listed, but its content was not kept (over the size limit: only its name, size and SHA-256 are stored)`);
  return { filename: attachment.filename, contentType: attachment.contentType, size: blob.size, content: blob.content };
}
