import type { EmailCaptureBlockView, EmailLinkEntityType, EmailThreadView } from '@lpdesk/contracts';
import { parseEmail } from '../../identity/normalize/emails.js';
import type { Actor } from '../../kernel/actor.js';
import type { CoreContext } from '../../kernel/context.js';
import { Conflict, NotFound } from '../../kernel/errors.js';
import { findRow } from '../../kernel/records.js';
import { type Tx, type WriteScope, write } from '../../kernel/write.js';
import type { Db } from '../../db/connect.js';
import { relinkMessages } from '../links.js';
import { getEmailThread } from './queries.js';

// Manual controls: link or unlink a whole thread, and "do not capture" a contact or organization. Each
// writes its decision, then hands the affected messages to relinkMessages (core/email/links.ts), the one
// place that works out links, timeline entries and what is kept; nothing here touches email_links.

const LABELS: Record<EmailLinkEntityType, string> = { contact: 'Contact', organization: 'Organization' };

async function assertEntity(db: Db | Tx, entityType: EmailLinkEntityType, entityId: string, options: { includeDeleted?: boolean } = {}): Promise<void> {
  const table = entityType === 'contact' ? 'contacts' : 'organizations';
  await findRow(db, table, entityId, LABELS[entityType], options);
}

async function lockThread(scope: WriteScope, threadId: string): Promise<string[]> {
  let query = scope.tx.selectFrom('emailThreads').select('id').where('id', '=', threadId);
  if (scope.dialect === 'postgres') query = query.forUpdate();
  if (!(await query.executeTakeFirst())) throw new NotFound('Email thread', threadId);
  const messages = await scope.tx.selectFrom('emailMessages').select('id').where('threadId', '=', threadId).execute();
  return messages.map((m) => m.id);
}

async function isBlocked(db: Db | Tx, entityType: EmailLinkEntityType, entityId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('emailCaptureBlocks').select('entityId').where('entityType', '=', entityType).where('entityId', '=', entityId).executeTakeFirst());
}

/** Record a link or unlink for a thread (one decision per thread and entity: the newest replaces the last). */
async function decideThread(scope: WriteScope, threadId: string, entityType: EmailLinkEntityType, entityId: string, action: 'link' | 'unlink') {
  const messageIds = await lockThread(scope, threadId);
  const previous = await scope.tx
    .selectFrom('emailThreadOverrides')
    .select('action')
    .where('threadId', '=', threadId)
    .where('entityType', '=', entityType)
    .where('entityId', '=', entityId)
    .executeTakeFirst();
  await scope.tx.deleteFrom('emailThreadOverrides').where('threadId', '=', threadId).where('entityType', '=', entityType).where('entityId', '=', entityId).execute();
  await scope.tx.insertInto('emailThreadOverrides').values({ threadId, entityType, entityId, action, createdAt: scope.now, createdBy: scope.actor.id }).execute();
  const result = await relinkMessages(scope, messageIds);
  await scope.log({
    action,
    entityType: 'email_thread',
    entityId: threadId,
    diff: { entityType, entityId, before: previous?.action ?? null, after: action, messages: messageIds.length, linked: result.linked, unlinked: result.unlinked },
  });
}

export async function linkEmailThread(core: CoreContext, actor: Actor, threadId: string, entityType: EmailLinkEntityType, entityId: string): Promise<EmailThreadView> {
  return write(core, actor, async (scope) => {
    await assertEntity(scope.tx, entityType, entityId);
    if (await isBlocked(scope.tx, entityType, entityId)) {
      throw new Conflict(`${LABELS[entityType]} ${entityId} is marked "do not capture": remove that mark before linking email to it`);
    }
    await decideThread(scope, threadId, entityType, entityId, 'link');
    return getEmailThread(scope.tx, actor, threadId);
  });
}

/** Unlinking is remembered: a later re-match does not link the thread to that contact or organization again. */
export async function unlinkEmailThread(core: CoreContext, actor: Actor, threadId: string, entityType: EmailLinkEntityType, entityId: string): Promise<EmailThreadView> {
  return write(core, actor, async (scope) => {
    // A trashed record can still be unlinked (its mail should not come back when it is restored).
    await assertEntity(scope.tx, entityType, entityId, { includeDeleted: true });
    await decideThread(scope, threadId, entityType, entityId, 'unlink');
    // The reader may have seen the thread only through this link: answer with what is left, if anything.
    try {
      return await getEmailThread(scope.tx, actor, threadId);
    } catch (error) {
      if (error instanceof NotFound) return emptyThread(scope.tx, threadId);
      throw error;
    }
  });
}

async function emptyThread(tx: Tx, threadId: string): Promise<EmailThreadView> {
  const thread = await tx.selectFrom('emailThreads').selectAll().where('id', '=', threadId).executeTakeFirstOrThrow();
  return { id: thread.id, subject: thread.subject, firstAt: thread.firstAt, lastAt: thread.lastAt, messages: [], links: [] };
}

/** Messages whose links may change when the entity is blocked or unblocked: linked to it, or naming its addresses or domains. */
async function messagesConcerning(tx: Tx, entityType: EmailLinkEntityType, entityId: string): Promise<string[]> {
  const ids = new Set<string>();
  const linked = await tx.selectFrom('emailLinks').select('messageRowId').where('entityType', '=', entityType).where('entityId', '=', entityId).execute();
  for (const row of linked) ids.add(row.messageRowId);
  if (entityType === 'contact') {
    const emails = await tx.selectFrom('contactEmails').select(['email', 'emailNormalized']).where('contactId', '=', entityId).execute();
    // Addresses of contacts merged into this one match it too (identity keeps them as aliases).
    const aliases = await tx.selectFrom('entityAliases').select('value').where('entityType', '=', 'contact').where('kind', '=', 'email').where('entityId', '=', entityId).execute();
    const written = [...emails.flatMap((e) => [e.email, e.emailNormalized]), ...aliases.map((a) => a.value)];
    const keys = [...new Set(written.flatMap((email) => [email.toLowerCase(), ...(parseEmail(email)?.matchKey ?? [])]))];
    if (keys.length > 0) {
      const rows = await tx
        .selectFrom('emailMessageAddresses')
        .select('messageRowId')
        .where((eb) => eb.or([eb('matchKey', 'in', keys), eb('address', 'in', keys)]))
        .execute();
      for (const row of rows) ids.add(row.messageRowId);
    }
  } else {
    const domains = await tx.selectFrom('organizationDomains').select('domain').where('organizationId', '=', entityId).execute();
    const names = [...new Set(domains.map((d) => d.domain.toLowerCase()))];
    if (names.length > 0) for (const row of await tx.selectFrom('emailMessageAddresses').select('messageRowId').where('domain', 'in', names).execute()) ids.add(row.messageRowId);
  }
  return [...ids];
}

function blockView(entityType: EmailLinkEntityType, entityId: string, row: { createdAt: string; createdBy: string | null } | undefined): EmailCaptureBlockView {
  return { entityType, entityId, blocked: Boolean(row), blockedAt: row?.createdAt ?? null, blockedBy: row?.createdBy ?? null };
}

export async function getCaptureBlock(core: CoreContext, entityType: EmailLinkEntityType, entityId: string): Promise<EmailCaptureBlockView> {
  await assertEntity(core.db, entityType, entityId, { includeDeleted: true });
  const row = await core.db.selectFrom('emailCaptureBlocks').select(['createdAt', 'createdBy']).where('entityType', '=', entityType).where('entityId', '=', entityId).executeTakeFirst();
  return blockView(entityType, entityId, row);
}

/** "Do not capture": relinks at once, so every message linked to the entity loses the link (and its body, if nothing else links it). */
export async function blockCapture(core: CoreContext, actor: Actor, entityType: EmailLinkEntityType, entityId: string): Promise<EmailCaptureBlockView> {
  return write(core, actor, async (scope) => {
    await assertEntity(scope.tx, entityType, entityId, { includeDeleted: true });
    const existing = await scope.tx.selectFrom('emailCaptureBlocks').select(['createdAt', 'createdBy']).where('entityType', '=', entityType).where('entityId', '=', entityId).executeTakeFirst();
    if (existing) return blockView(entityType, entityId, existing);
    const row = { entityType, entityId, createdAt: scope.now, createdBy: scope.actor.id };
    await scope.tx.insertInto('emailCaptureBlocks').values(row).execute();
    const messageIds = await messagesConcerning(scope.tx, entityType, entityId);
    const result = messageIds.length > 0 ? await relinkMessages(scope, messageIds) : { linked: 0, unlinked: 0 };
    await scope.log({ action: 'email_capture_block', entityType, entityId, diff: { before: { doNotCapture: false }, after: { doNotCapture: true }, messages: messageIds.length, unlinked: result.unlinked } });
    return blockView(entityType, entityId, row);
  });
}

/** Capture again: the matches come back now; bodies of newly linked messages arrive with the next sync. */
export async function unblockCapture(core: CoreContext, actor: Actor, entityType: EmailLinkEntityType, entityId: string): Promise<EmailCaptureBlockView> {
  return write(core, actor, async (scope) => {
    await assertEntity(scope.tx, entityType, entityId, { includeDeleted: true });
    const removed = await scope.tx.deleteFrom('emailCaptureBlocks').where('entityType', '=', entityType).where('entityId', '=', entityId).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) return blockView(entityType, entityId, undefined);
    const messageIds = await messagesConcerning(scope.tx, entityType, entityId);
    const result = messageIds.length > 0 ? await relinkMessages(scope, messageIds) : { linked: 0, unlinked: 0 };
    await scope.log({ action: 'email_capture_unblock', entityType, entityId, diff: { before: { doNotCapture: true }, after: { doNotCapture: false }, messages: messageIds.length, linked: result.linked } });
    return blockView(entityType, entityId, undefined);
  });
}
