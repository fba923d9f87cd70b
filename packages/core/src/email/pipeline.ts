import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { newId } from '../kernel/ids.js';
import { type WriteScope, write } from '../kernel/write.js';
import { parseBody, type ParsedBody, storeBodies } from './ingest/bodies.js';
import { lockIngest } from './ingest/lock.js';
import { type ParsedHeaders, parseHeaders } from './ingest/parse.js';
import { loadTeam } from './ingest/team.js';
import { assignThreads, refreshThreads } from './ingest/threading.js';
import { relinkMessages } from './links.js';
import type { MessageEnvelope, RawMessage } from './providers/types.js';

// parse → de-duplicate → thread → match → bodies → timelines, one transaction per batch (not per message).

/** Where a batch of envelopes came from. */
export interface IngestTarget {
  mailboxId: string;
  folder: string;
  /** The provider marks this folder as sent mail: its messages are outbound. */
  isSentFolder: boolean;
  uidValidity: string | null;
}

export interface IngestCounts {
  stored: number;
  matched: number;
  duplicates: number;
  errors: number;
  errorMessages: string[];
}

/** Errors kept per run: enough to see what went wrong without a run record the size of a mailbox. */
export const MAX_ERROR_MESSAGES = 50;

export { lockIngest };

interface Parsed {
  envelope: MessageEnvelope;
  headers: ParsedHeaders;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function pushError(counts: IngestCounts, message: string): void {
  counts.errors += 1;
  if (counts.errorMessages.length < MAX_ERROR_MESSAGES) counts.errorMessages.push(message);
}

/**
 * Store one batch of envelopes from one folder. Whole messages are fetched (through `fetchSources`) only
 * for those linked to a contact or organization: the rest keep headers only.
 */
export async function ingestEnvelopes(
  core: CoreContext,
  actor: Actor,
  target: IngestTarget,
  envelopes: readonly MessageEnvelope[],
  fetchSources: (locators: readonly string[]) => AsyncIterable<RawMessage>,
): Promise<IngestCounts> {
  const counts: IngestCounts = { stored: 0, matched: 0, duplicates: 0, errors: 0, errorMessages: [] };
  const now = core.clock.now().toISOString();
  const parsed: Parsed[] = [];
  const seen = new Set<string>();
  for (const envelope of envelopes) {
    try {
      const headers = await parseHeaders(envelope.headers, { receivedAt: envelope.receivedAt, now });
      // The same message twice in one batch (a provider listing it twice): stored once.
      if (seen.has(headers.messageId)) {
        counts.duplicates += 1;
        continue;
      }
      seen.add(headers.messageId);
      parsed.push({ envelope, headers });
    } catch (error) {
      pushError(counts, `${target.folder} ${envelope.locator}: unreadable headers (${errorText(error)})`);
    }
  }
  if (parsed.length === 0) return counts;

  const wanted = await write(core, actor, (scope) => storeBatch(scope, target, parsed, counts));
  if (wanted.length === 0) return counts;

  // Bodies of linked messages, parsed outside the transaction, then stored in one.
  const rowByLocator = new Map(wanted.map((w) => [w.locator, w.messageRowId]));
  const bodies: { messageRowId: string; body: ParsedBody }[] = [];
  try {
    for await (const raw of fetchSources(wanted.map((w) => w.locator))) {
      const messageRowId = rowByLocator.get(raw.locator);
      if (!messageRowId) continue;
      try {
        bodies.push({ messageRowId, body: await parseBody(raw.source) });
      } catch (error) {
        pushError(counts, `${target.folder} ${raw.locator}: unreadable message (${errorText(error)})`);
      }
    }
  } catch (error) {
    // The headers are in; the bodies stay needs_body and the next sync tries again.
    pushError(counts, `${target.folder}: fetching message bodies failed (${errorText(error)})`);
  }
  if (bodies.length > 0) await write(core, actor, (scope) => storeBodies(scope, bodies));
  return counts;
}

/** The transactional part: sightings, new messages, threads, links. Answers the linked messages still without a body. */
async function storeBatch(scope: WriteScope, target: IngestTarget, parsed: readonly Parsed[], counts: IngestCounts): Promise<{ locator: string; messageRowId: string }[]> {
  await lockIngest(scope);
  const tx = scope.tx;
  const messageIds = parsed.map((p) => p.headers.messageId);
  const existing = new Map<string, { id: string; direction: string }>();
  for (let start = 0; start < messageIds.length; start += 400) {
    const rows = await tx.selectFrom('emailMessages').select(['id', 'messageId', 'direction']).where('messageId', 'in', messageIds.slice(start, start + 400)).execute();
    for (const row of rows) existing.set(row.messageId, row);
  }
  const known = parsed.filter((p) => existing.has(p.headers.messageId));
  const fresh = parsed.filter((p) => !existing.has(p.headers.messageId));
  const relink = new Set<string>();
  const locatorOf = new Map<string, string>();

  // Already stored (another mailbox or folder, or this folder listed again after a UIDVALIDITY change).
  if (known.length > 0) {
    const knownIds = known.map((p) => (existing.get(p.headers.messageId) as { id: string }).id);
    const sighted = new Set(
      (
        await tx.selectFrom('emailSightings').select('messageRowId').where('mailboxId', '=', target.mailboxId).where('folder', '=', target.folder).where('messageRowId', 'in', knownIds).execute()
      ).map((row) => row.messageRowId),
    );
    for (const p of known) {
      const row = existing.get(p.headers.messageId) as { id: string; direction: string };
      counts.duplicates += 1;
      locatorOf.set(row.id, p.envelope.locator);
      // A new mailbox's owner joins the timeline entry; a Sent folder makes it outbound.
      if (!sighted.has(row.id)) relink.add(row.id);
      if ((target.isSentFolder || p.envelope.isSent === true) && row.direction !== 'outbound') {
        await tx.updateTable('emailMessages').set({ direction: 'outbound', updatedAt: scope.now }).where('id', '=', row.id).execute();
        relink.add(row.id);
      }
    }
    const sightings = known.map((p) => ({
      messageRowId: (existing.get(p.headers.messageId) as { id: string }).id,
      mailboxId: target.mailboxId,
      folder: target.folder,
      uidValidity: target.uidValidity,
      locator: p.envelope.locator,
      providerThreadId: p.envelope.providerThreadId ?? null,
      seenAt: scope.now,
    }));
    await upsertSightings(scope, sightings);
  }

  const team = await loadTeam(tx);
  const newIds: string[] = [];
  if (fresh.length > 0) {
    const threads = await assignThreads(
      scope,
      fresh.map((p) => ({ messageId: p.headers.messageId, refs: p.headers.refs, providerThreadId: p.envelope.providerThreadId ?? null, subject: p.headers.subject, sentAt: p.headers.sentAt })),
    );
    for (const id of threads.movedMessageRowIds) relink.add(id);
    const rows = fresh.map((p, index) => {
      const h = p.headers;
      const fromKey = h.addresses.find((a) => a.role === 'from')?.matchKey;
      // isSent: the source marks the message as the mailbox's own (a Takeout mbox's Sent label).
      const outbound = target.isSentFolder || p.envelope.isSent === true || (fromKey !== undefined && team.keys.has(fromKey));
      return {
        id: newId(),
        messageId: h.messageId,
        threadId: threads.threadIds[index] as string,
        subject: h.subject,
        fromJson: h.from ? JSON.stringify(h.from) : null,
        toJson: JSON.stringify(h.to),
        ccJson: JSON.stringify(h.cc),
        bccJson: JSON.stringify(h.bcc),
        sentAt: h.sentAt,
        direction: outbound ? 'outbound' : 'inbound',
        inReplyTo: h.inReplyTo,
        size: p.envelope.size ?? null,
        hasBody: 0,
        needsBody: 0,
        bodyText: null,
        bodyHtml: null,
        snippet: '',
        communicationId: null,
        createdAt: scope.now,
        updatedAt: scope.now,
      };
    });
    for (let start = 0; start < rows.length; start += 100) await tx.insertInto('emailMessages').values(rows.slice(start, start + 100)).execute();
    const refs = fresh.flatMap((p, index) => p.headers.refs.map((refMessageId) => ({ messageRowId: (rows[index] as { id: string }).id, refMessageId })));
    for (let start = 0; start < refs.length; start += 500) await tx.insertInto('emailMessageRefs').values(refs.slice(start, start + 500)).execute();
    const addresses = fresh.flatMap((p, index) => p.headers.addresses.map((a) => ({ messageRowId: (rows[index] as { id: string }).id, ...a })));
    for (let start = 0; start < addresses.length; start += 500) await tx.insertInto('emailMessageAddresses').values(addresses.slice(start, start + 500)).execute();
    await upsertSightings(
      scope,
      fresh.map((p, index) => ({
        messageRowId: (rows[index] as { id: string }).id,
        mailboxId: target.mailboxId,
        folder: target.folder,
        uidValidity: target.uidValidity,
        locator: p.envelope.locator,
        providerThreadId: p.envelope.providerThreadId ?? null,
        seenAt: scope.now,
      })),
    );
    await refreshThreads(scope, threads.touched);
    for (const [index, row] of rows.entries()) {
      newIds.push(row.id);
      locatorOf.set(row.id, (fresh[index] as Parsed).envelope.locator);
    }
    counts.stored += rows.length;
  }

  await relinkMessages(scope, [...newIds, ...relink], { team });
  const batchRowIds = [...locatorOf.keys()];
  const state: { id: string; needsBody: number }[] = [];
  for (let start = 0; start < batchRowIds.length; start += 400) {
    state.push(...(await tx.selectFrom('emailMessages').select(['id', 'needsBody']).where('id', 'in', batchRowIds.slice(start, start + 400)).execute()));
  }
  if (newIds.length > 0) {
    const linkedNew = new Set<string>();
    for (let start = 0; start < newIds.length; start += 400) {
      const rows = await tx.selectFrom('emailLinks').select('messageRowId').distinct().where('messageRowId', 'in', newIds.slice(start, start + 400)).execute();
      for (const row of rows) linkedNew.add(row.messageRowId);
    }
    counts.matched += linkedNew.size;
  }
  return state.filter((row) => row.needsBody === 1).map((row) => ({ messageRowId: row.id, locator: locatorOf.get(row.id) as string }));
}

type SightingRow = {
  messageRowId: string;
  mailboxId: string;
  folder: string;
  uidValidity: string | null;
  locator: string;
  providerThreadId: string | null;
  seenAt: string;
};

/** One sighting per mailbox, folder and message: seen again, its locator and UIDVALIDITY are the current ones. */
async function upsertSightings(scope: WriteScope, rows: readonly SightingRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 400) {
    await scope.tx
      .insertInto('emailSightings')
      .values(rows.slice(start, start + 400))
      .onConflict((conflict) =>
        conflict.columns(['mailboxId', 'folder', 'messageRowId']).doUpdateSet((eb) => ({
          uidValidity: eb.ref('excluded.uidValidity'),
          locator: eb.ref('excluded.locator'),
          providerThreadId: eb.ref('excluded.providerThreadId'),
          seenAt: eb.ref('excluded.seenAt'),
        })),
      )
      .execute();
  }
}
