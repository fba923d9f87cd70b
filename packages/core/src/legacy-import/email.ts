import type { EmailMatchKind } from '@lpdesk/contracts';
import { messageIdsIn } from '../email/ingest/parse.js';
import { type TimelineLinks, type TimelineMessage, syncTimelineEntries } from '../email/ingest/timeline.js';
import { parseEmail } from '../identity/normalize/emails.js';
import { newId } from '../kernel/ids.js';
import { instant, type LegacyRow, text } from './reader.js';
import { countCreated } from './report.js';
import { countState, type ImportRun, ledgerEntry, track } from './run.js';

/** Legacy link kinds and their confidences (exact email 1.0, domain 0.6, manual 1.0 unless the row says otherwise). */
const MATCH_KINDS: Record<string, { kind: EmailMatchKind; confidence: number }> = {
  exact_email: { kind: 'exact_email', confidence: 1 },
  domain_match: { kind: 'domain', confidence: 0.6 },
  domain: { kind: 'domain', confidence: 0.6 },
  manual: { kind: 'manual', confidence: 1 },
};

type Address = { name: string | null; address: string };

function addressesOf(run: ImportRun, row: LegacyRow, column: string): Address[] {
  const value = run.legacy.json('emails', row, column);
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) {
    run.report.malformed.push({ table: 'emails', id: String(row.id), column });
    return [];
  }
  return value.flatMap((item): Address[] => {
    if (typeof item === 'string') return item.trim() ? [{ name: null, address: item.trim() }] : [];
    if (item && typeof item === 'object' && typeof (item as { email?: unknown; address?: unknown }).email === 'string')
      return [{ name: (item as { name?: string }).name ?? null, address: (item as { email: string }).email }];
    if (item && typeof item === 'object' && typeof (item as { address?: unknown }).address === 'string')
      return [{ name: (item as { name?: string }).name ?? null, address: (item as { address: string }).address }];
    return [];
  });
}

/**
 * The Gmail capture tables onto LP Desk's email model (migration 0016): threads, messages (Message-ID
 * kept, so a later sync of the same mail deduplicates), addresses (bcc kept), per-mailbox sightings under
 * one paused mailbox per legacy account, attachment metadata (the bytes stay on the legacy volume:
 * `stored` is 0) and links with their legacy kinds and confidences.
 */
export async function importEmail(run: ImportRun): Promise<void> {
  const { tx, now } = run.scope;
  const threads = new Map<string, string>();
  for (const row of run.legacy.rows('email_threads')) {
    const known = await ledgerEntry(run, 'email_threads', String(row.id));
    let id = known?.entityId ?? null;
    if (!id) {
      id = newId();
      const first = instant(row.first_at) ?? instant(row.created_at) ?? now;
      await tx
        .insertInto('emailThreads')
        .values({
          id,
          subject: text(row.subject),
          providerThreadId: text(row.provider_thread_id),
          firstAt: first,
          lastAt: instant(row.last_at) ?? first,
          createdAt: instant(row.created_at) ?? now,
          updatedAt: now,
        })
        .execute();
    }
    countState(run, 'email_thread', await track(run, 'email_threads', String(row.id), 'email_thread', id, { subject: row.subject }), !known);
    threads.set(String(row.id), id);
  }
  const teamAddresses = new Set(
    run.legacy
      .rows('users')
      .map((row) => text(row.email)?.toLowerCase())
      .filter((email): email is string => Boolean(email)),
  );
  const messages = new Map<string, string>();
  for (const row of run.legacy.rows('emails')) {
    const legacyId = String(row.id);
    const messageId = messageIdsIn(text(row.message_id))[0];
    if (!messageId) {
      run.report.skipped.push({ table: 'emails', id: legacyId, reason: 'no Message-ID' });
      continue;
    }
    // Parsed every run: the report describes the file, whatever an earlier run already brought over.
    const to = addressesOf(run, row, 'to_json');
    const cc = addressesOf(run, row, 'cc_json');
    const bcc = addressesOf(run, row, 'bcc_json');
    const already = await tx.selectFrom('emailMessages').select('id').where('messageId', '=', messageId).executeTakeFirst();
    if (already) {
      messages.set(legacyId, already.id);
      await track(run, 'emails', legacyId, 'email_message', already.id, { messageId });
      continue;
    }
    const sentAt = instant(row.sent_at) ?? instant(row.created_at) ?? now;
    let threadId = threads.get(String(row.thread_id));
    if (!threadId) {
      threadId = newId();
      await tx
        .insertInto('emailThreads')
        .values({ id: threadId, subject: text(row.subject), providerThreadId: null, firstAt: sentAt, lastAt: sentAt, createdAt: now, updatedAt: now })
        .execute();
    }
    const from = text(row.from_address);
    const bodyText = text(row.body_text);
    const id = newId();
    await tx
      .insertInto('emailMessages')
      .values({
        id,
        messageId,
        threadId,
        subject: text(row.subject),
        fromJson: from ? JSON.stringify({ name: text(row.from_name), address: from }) : null,
        toJson: JSON.stringify(to),
        ccJson: JSON.stringify(cc),
        bccJson: JSON.stringify(bcc),
        sentAt,
        direction: from && teamAddresses.has(from.toLowerCase()) ? 'outbound' : 'inbound',
        inReplyTo: messageIdsIn(text(row.in_reply_to))[0] ?? null,
        size: bodyText?.length ?? null,
        hasBody: bodyText || text(row.body_html) ? 1 : 0,
        needsBody: 0,
        bodyText,
        bodyHtml: text(row.body_html),
        snippet: text(row.snippet) ?? bodyText?.slice(0, 200) ?? '',
        communicationId: null,
        createdAt: instant(row.created_at) ?? now,
        updatedAt: now,
      })
      .execute();
    const refs = run.legacy.stringList('emails', row, 'references_json').flatMap((ref) => messageIdsIn(ref));
    for (const ref of new Set(refs)) await tx.insertInto('emailMessageRefs').values({ messageRowId: id, refMessageId: ref }).execute();
    const roles: [string, Address[]][] = [
      ['from', from ? [{ name: null, address: from }] : []],
      ['to', to],
      ['cc', cc],
      ['bcc', bcc],
    ];
    const seen = new Set<string>();
    for (const [role, list] of roles) {
      for (const entry of list) {
        const parsed = parseEmail(entry.address);
        if (!parsed || seen.has(`${role}\u0000${parsed.address}`)) continue;
        seen.add(`${role}\u0000${parsed.address}`);
        await tx
          .insertInto('emailMessageAddresses')
          .values({ messageRowId: id, role, address: parsed.address, matchKey: parsed.matchKey, domain: parsed.domain })
          .execute();
      }
    }
    messages.set(legacyId, id);
    countState(run, 'email_message', await track(run, 'emails', legacyId, 'email_message', id, { messageId }), true);
  }
  await importSightings(run, messages);
  await importAttachments(run, messages);
  await importLinks(run, messages);
  await syncTimelines(run, [...new Set(messages.values())]);
  for (const row of run.legacy.rows('email_sync_runs'))
    run.report.skipped.push({
      table: 'email_sync_runs',
      id: String(row.id),
      reason: 'sync history of the legacy Gmail integration (LP Desk records its own runs)',
    });
}

async function legacyMailbox(run: ImportRun, account: string, cache: Map<string, string>): Promise<string> {
  const cached = cache.get(account);
  if (cached) return cached;
  const label = `Legacy Gmail: ${account}`.slice(0, 200);
  const known = await run.scope.tx.selectFrom('emailMailboxes').select('id').where('label', '=', label).executeTakeFirst();
  let id = known?.id;
  if (!id) {
    id = newId();
    const { now } = run.scope;
    // Paused and without credentials: it only holds where the legacy tool saw each message.
    await run.scope.tx
      .insertInto('emailMailboxes')
      .values({
        id,
        kind: 'gmail',
        label,
        address: account,
        ownerUserId: null,
        settingsJson: JSON.stringify({ legacyImport: true }),
        credentialsEnc: null,
        paused: 1,
        version: 1,
        createdAt: now,
        updatedAt: now,
        createdBy: null,
        updatedBy: null,
        deletedAt: null,
        deletedBy: null,
      })
      .execute();
    await run.scope.log({ action: 'create', entityType: 'mailbox', entityId: id, diff: { after: { label, address: account, paused: true } } });
    countState(run, 'mailbox', 'new', true);
  }
  cache.set(account, id);
  return id;
}

async function importSightings(run: ImportRun, messages: Map<string, string>): Promise<void> {
  const mailboxes = new Map<string, string>();
  for (const row of run.legacy.rows('email_account_messages')) {
    const messageRowId = messages.get(String(row.email_id));
    const account = text(row.account_email)?.toLowerCase();
    if (!messageRowId || !account) {
      run.report.skipped.push({ table: 'email_account_messages', id: String(row.id), reason: 'its email or account is missing' });
      continue;
    }
    const mailboxId = await legacyMailbox(run, account, mailboxes);
    const locator = text(row.provider_message_id) ?? String(row.id);
    const known = await run.scope.tx
      .selectFrom('emailSightings')
      .select('messageRowId')
      .where('messageRowId', '=', messageRowId)
      .where('mailboxId', '=', mailboxId)
      .executeTakeFirst();
    if (known) continue;
    await run.scope.tx
      .insertInto('emailSightings')
      .values({
        messageRowId,
        mailboxId,
        folder: 'legacy',
        uidValidity: null,
        locator,
        providerThreadId: text(row.provider_thread_id),
        seenAt: instant(row.seen_at) ?? run.scope.now,
      })
      .execute();
    countState(run, 'email_sighting', 'new', true);
  }
}

async function importAttachments(run: ImportRun, messages: Map<string, string>): Promise<void> {
  const positions = new Map<string, number>();
  for (const row of run.legacy.rows('email_attachments')) {
    const messageRowId = messages.get(String(row.email_id));
    if (!messageRowId) {
      run.report.skipped.push({ table: 'email_attachments', id: String(row.id), reason: 'its email is missing' });
      continue;
    }
    const position = positions.get(messageRowId) ?? 0;
    positions.set(messageRowId, position + 1);
    const known = await ledgerEntry(run, 'email_attachments', String(row.id));
    if (known) continue;
    const id = newId();
    await run.scope.tx
      .insertInto('emailAttachments')
      .values({
        id,
        messageRowId,
        filename: text(row.filename) ?? 'attachment',
        contentType: text(row.content_type) ?? 'application/octet-stream',
        size: Number(row.size_bytes) || 0,
        sha256: text(row.sha256) ?? '',
        stored: 0,
        position,
      })
      .execute();
    countState(run, 'email_attachment', await track(run, 'email_attachments', String(row.id), 'email_attachment', id, { sha256: row.sha256 }), true);
  }
}

function linkTarget(run: ImportRun, type: string, id: string): { entityType: 'contact' | 'organization'; entityId: string } | null {
  const lookups: Record<string, [Map<string, string>, 'contact' | 'organization']> = {
    investor: [run.gridInvestors, 'organization'],
    grid_contact: [run.gridContacts, 'contact'],
    fundraising_contact: [run.gridContacts, 'contact'],
    contact: [run.contacts, 'contact'],
    organization: [run.organizations, 'organization'],
  };
  const lookup = lookups[type];
  const entityId = lookup?.[0].get(id);
  return lookup && entityId ? { entityType: lookup[1], entityId } : null;
}

async function importLinks(run: ImportRun, messages: Map<string, string>): Promise<void> {
  for (const row of run.legacy.rows('email_investor_links')) {
    const legacyId = String(row.id);
    const messageRowId = messages.get(String(row.email_id));
    const target = linkTarget(run, String(row.target_type), String(row.target_id));
    const kind = MATCH_KINDS[String(row.match_kind)];
    if (!messageRowId || !target || !kind) {
      run.report.skipped.push({
        table: 'email_investor_links',
        id: legacyId,
        reason: !kind ? `unknown match kind ${String(row.match_kind)}` : 'its email or linked record is missing',
      });
      continue;
    }
    const known = await run.scope.tx
      .selectFrom('emailLinks')
      .select('messageRowId')
      .where('messageRowId', '=', messageRowId)
      .where('entityType', '=', target.entityType)
      .where('entityId', '=', target.entityId)
      .executeTakeFirst();
    if (!known) {
      const confidence = row.confidence === null || row.confidence === undefined ? kind.confidence : Number(row.confidence);
      await run.scope.tx
        .insertInto('emailLinks')
        .values({
          messageRowId,
          ...target,
          matchKind: kind.kind,
          confidence,
          matchedOn: text(row.matched_on),
          createdAt: instant(row.created_at) ?? run.scope.now,
        })
        .execute();
    }
    countState(run, 'email_link', await track(run, 'email_investor_links', legacyId, 'email_link', messageRowId, { ...target, kind: kind.kind }), !known);
  }
}

/** Linked mail shows on timelines as LP Desk's own capture does: one communication of kind email per linked message. */
async function syncTimelines(run: ImportRun, messageRowIds: string[]): Promise<void> {
  if (messageRowIds.length === 0) return;
  const { tx } = run.scope;
  const wanted = new Map<TimelineMessage, TimelineLinks | null>();
  for (let start = 0; start < messageRowIds.length; start += 500) {
    const chunk = messageRowIds.slice(start, start + 500);
    const rows = await tx.selectFrom('emailMessages').select(['id', 'communicationId', 'subject', 'sentAt', 'direction']).where('id', 'in', chunk).execute();
    const links = await tx.selectFrom('emailLinks').select(['messageRowId', 'entityType', 'entityId']).where('messageRowId', 'in', chunk).execute();
    for (const row of rows) {
      const own = links.filter((link) => link.messageRowId === row.id);
      if (own.length === 0) continue;
      const ids = (type: string) => [...new Set(own.filter((link) => link.entityType === type).map((link) => link.entityId))].sort();
      wanted.set(row, { contactIds: ids('contact'), organizationIds: ids('organization'), userIds: [] });
    }
  }
  await syncTimelineEntries(run.scope, wanted);
  const created = [...wanted.keys()].filter((message) => message.communicationId === null).length;
  if (created > 0) countCreated(run.report, 'communication', created);
}
