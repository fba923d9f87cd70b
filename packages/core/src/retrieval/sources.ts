import type { RetrievalSourceType } from '@lpdesk/contracts';
import type { Db } from '../db/connect.js';
import { startOfDay } from '../kernel/clock.js';
import type { Tx } from '../kernel/write.js';
import { contentHash, splitIntoSpans } from './chunking.js';
import { visibleRegion } from './email-text.js';

/**
 * What the index holds for one source, built from the rows. A source is one communication (or the
 * captured email it shows) or the notes of one record (its notes field and, for an organization, every
 * line of its notes log). Its key names all its chunks, so a change replaces them as a whole.
 */
export interface ChunkDraft {
  chunkId: string;
  sourceKey: string;
  sourceType: RetrievalSourceType;
  sourceId: string;
  kind: string;
  eventAt: string | null;
  fundId: string | null;
  confidence: number | null;
  title: string | null;
  entityIds: string[];
  header: string;
  body: string;
  start: number;
  end: number;
  contentHash: string;
}

export type NoteOwnerType = 'organization' | 'contact' | 'commitment';
export const NOTE_OWNER_TYPES: readonly NoteOwnerType[] = ['organization', 'contact', 'commitment'];

export const communicationSourceKey = (id: string) => `communication:${id}`;
export const notesSourceKey = (type: NoteOwnerType, id: string) => `notes:${type}:${id}`;

type Reader = Db | Tx;

function draft(fields: Omit<ChunkDraft, 'contentHash'>): ChunkDraft {
  // The hash covers what a vector is made of; payload changes (links, fund) do not re-embed.
  return { ...fields, contentHash: contentHash(fields.header, fields.body) };
}

/** Names and addresses out of the stored address JSON (`{name, address}` or a list of them). */
function addressWords(json: string | null): string[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    const list = Array.isArray(value) ? value : [value];
    return list.flatMap((entry) => {
      if (!entry || typeof entry !== 'object') return [];
      const record = entry as { name?: unknown; address?: unknown };
      return [record.name, record.address].filter((part): part is string => typeof part === 'string' && part !== '');
    });
  } catch {
    return [];
  }
}

async function fundsOfCommitments(db: Reader, commitmentIds: readonly string[]): Promise<Map<string, string>> {
  if (commitmentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('commitments')
    .select(['id', 'fundId'])
    .where('id', 'in', [...commitmentIds])
    .execute();
  return new Map(rows.map((row) => [row.id, row.fundId]));
}

/** Chunks of these communications (live ones only; a trashed, deleted or unmatched one has none). */
export async function buildCommunicationChunks(db: Reader, ids: readonly string[]): Promise<Map<string, ChunkDraft[]>> {
  const result = new Map<string, ChunkDraft[]>(ids.map((id) => [communicationSourceKey(id), []]));
  if (ids.length === 0) return result;
  const rows = await db
    .selectFrom('communications')
    .select(['id', 'kind', 'occurredAt', 'subject', 'body', 'outcome', 'nextAction', 'emailMessageId'])
    .where('id', 'in', [...ids])
    .where('deletedAt', 'is', null)
    .execute();
  if (rows.length === 0) return result;
  const links = await db
    .selectFrom('communicationLinks')
    .select(['communicationId', 'entityType', 'entityId'])
    .where(
      'communicationId',
      'in',
      rows.map((row) => row.id),
    )
    .where('entityType', 'in', ['contact', 'organization', 'commitment'])
    .orderBy('entityType')
    .orderBy('entityId')
    .execute();
  const funds = await fundsOfCommitments(
    db,
    links.filter((l) => l.entityType === 'commitment').map((l) => l.entityId),
  );
  const entitiesOf = new Map<string, { ids: string[]; fundId: string | null }>();
  for (const link of links) {
    const entry = entitiesOf.get(link.communicationId) ?? { ids: [], fundId: null };
    entry.ids.push(link.entityId);
    const fund = link.entityType === 'commitment' ? funds.get(link.entityId) : undefined;
    if (fund) {
      entry.fundId ??= fund;
      if (!entry.ids.includes(fund)) entry.ids.push(fund);
    }
    entitiesOf.set(link.communicationId, entry);
  }
  const emailIds = rows.flatMap((row) => (row.emailMessageId ? [row.emailMessageId] : []));
  const emails = await buildEmailParts(db, emailIds);
  for (const row of rows) {
    const key = communicationSourceKey(row.id);
    const entities = entitiesOf.get(row.id) ?? { ids: [], fundId: null };
    const email = row.emailMessageId ? emails.get(row.emailMessageId) : undefined;
    if (email) {
      const entityIds = [...new Set([...entities.ids, ...email.entityIds])];
      result.set(
        key,
        email.spans.map((span, n) =>
          draft({
            chunkId: `email:${email.id}:${n}`,
            sourceKey: key,
            sourceType: 'email',
            sourceId: email.id,
            kind: 'email',
            eventAt: email.sentAt,
            fundId: entities.fundId,
            confidence: email.confidence,
            title: email.subject,
            entityIds,
            header: email.header,
            body: span.text,
            start: span.start,
            end: span.end,
          }),
        ),
      );
      continue;
    }
    if (row.emailMessageId) continue; // its message is gone: nothing to show
    const body = row.body ?? '';
    const spans = splitIntoSpans(body);
    const extra = [row.outcome, row.nextAction].filter(Boolean).join(' ');
    const header = [row.subject ?? '', extra].filter(Boolean).join('\n');
    if (spans.length === 0 && header === '') continue;
    const pieces = spans.length > 0 ? spans : [{ start: 0, end: 0, text: '' }];
    result.set(
      key,
      pieces.map((span, n) =>
        draft({
          chunkId: `communication:${row.id}:${n}`,
          sourceKey: key,
          sourceType: 'communication',
          sourceId: row.id,
          kind: row.kind,
          eventAt: row.occurredAt,
          fundId: entities.fundId,
          confidence: null,
          title: row.subject,
          entityIds: entities.ids,
          header,
          body: span.text,
          start: span.start,
          end: span.end,
        }),
      ),
    );
  }
  return result;
}

interface EmailParts {
  id: string;
  subject: string | null;
  sentAt: string;
  header: string;
  entityIds: string[];
  confidence: number | null;
  spans: { start: number; end: number; text: string }[];
}

/**
 * A captured message: the reply part of its body in chunks; the subject, sender, recipients and
 * Message-ID in every chunk's header, so they are searchable. Only linked messages reach here (an
 * unlinked one has no communication), and those are visible to every reader of email (docs/email.md).
 */
async function buildEmailParts(db: Reader, ids: readonly string[]): Promise<Map<string, EmailParts>> {
  const result = new Map<string, EmailParts>();
  if (ids.length === 0) return result;
  const rows = await db
    .selectFrom('emailMessages')
    .select(['id', 'messageId', 'subject', 'fromJson', 'toJson', 'ccJson', 'sentAt', 'bodyText', 'snippet'])
    .where('id', 'in', [...ids])
    .execute();
  const links = await db
    .selectFrom('emailLinks')
    .select(['messageRowId', 'entityId', 'confidence'])
    .where('messageRowId', 'in', [...ids])
    .orderBy('entityId')
    .execute();
  for (const row of rows) {
    const own = links.filter((link) => link.messageRowId === row.id);
    const body = row.bodyText ?? '';
    const region = visibleRegion(body);
    const spans = splitIntoSpans(body, region.start, region.end);
    const header = [row.subject ?? '', ...addressWords(row.fromJson), ...addressWords(row.toJson), ...addressWords(row.ccJson), row.messageId]
      .filter(Boolean)
      .join('\n');
    result.set(row.id, {
      id: row.id,
      subject: row.subject,
      sentAt: row.sentAt,
      header,
      entityIds: own.map((link) => link.entityId),
      confidence: own.length > 0 ? Math.max(...own.map((link) => link.confidence)) : null,
      spans: spans.length > 0 ? spans : [{ start: 0, end: 0, text: '' }],
    });
  }
  return result;
}

/** Chunks of the notes of these records: the notes/description field, and each dated line of an organization's notes log. */
export async function buildNoteChunks(db: Reader, type: NoteOwnerType, ids: readonly string[], timeZone: string): Promise<Map<string, ChunkDraft[]>> {
  const result = new Map<string, ChunkDraft[]>(ids.map((id) => [notesSourceKey(type, id), []]));
  if (ids.length === 0) return result;
  const fields = await noteFields(db, type, ids);
  for (const { id, text, title, entityIds, fundId } of fields) {
    const key = notesSourceKey(type, id);
    const drafts = result.get(key) ?? [];
    for (const [n, span] of splitIntoSpans(text).entries()) {
      drafts.push(
        draft({
          chunkId: `note:${type}:${id}:notes.${n}`,
          sourceKey: key,
          sourceType: 'note',
          sourceId: id,
          kind: 'note',
          eventAt: null,
          fundId,
          confidence: null,
          title,
          entityIds,
          header: '',
          body: span.text,
          start: span.start,
          end: span.end,
        }),
      );
    }
    result.set(key, drafts);
  }
  if (type === 'organization') {
    const live = new Set(fields.map((field) => field.id));
    const lines = await db
      .selectFrom('organizationNotes')
      .select(['id', 'organizationId', 'body', 'notedOn'])
      .where('organizationId', 'in', [...live])
      .orderBy('notedOn')
      .orderBy('id')
      .execute();
    for (const line of lines) {
      const key = notesSourceKey(type, line.organizationId);
      const drafts = result.get(key) ?? [];
      for (const [n, span] of splitIntoSpans(line.body).entries()) {
        drafts.push(
          draft({
            chunkId: `note:organization:${line.organizationId}:log.${line.id}.${n}`,
            sourceKey: key,
            sourceType: 'note',
            sourceId: line.organizationId,
            kind: 'note',
            // The day the line is about, from the start of that day in the team's zone.
            eventAt: startOfDay(line.notedOn, timeZone).toISOString(),
            fundId: null,
            confidence: null,
            title: 'Notes log',
            entityIds: [line.organizationId],
            header: '',
            body: span.text,
            start: span.start,
            end: span.end,
          }),
        );
      }
      result.set(key, drafts);
    }
  }
  return result;
}

interface NoteField {
  id: string;
  text: string;
  title: string;
  entityIds: string[];
  fundId: string | null;
}

/** Live records (not in the trash) with their notes text; a record with none still counts as live. */
async function noteFields(db: Reader, type: NoteOwnerType, ids: readonly string[]): Promise<NoteField[]> {
  if (type === 'organization') {
    const rows = await db
      .selectFrom('organizations')
      .select(['id', 'description'])
      .where('id', 'in', [...ids])
      .where('deletedAt', 'is', null)
      .execute();
    return rows.map((row) => ({ id: row.id, text: row.description ?? '', title: 'Description', entityIds: [row.id], fundId: null }));
  }
  if (type === 'contact') {
    const rows = await db
      .selectFrom('contacts')
      .select(['id', 'notes'])
      .where('id', 'in', [...ids])
      .where('deletedAt', 'is', null)
      .execute();
    const organizations = await db
      .selectFrom('contactOrganizations')
      .select(['contactId', 'organizationId'])
      .where('contactId', 'in', [...ids])
      .execute();
    return rows.map((row) => ({
      id: row.id,
      text: row.notes ?? '',
      title: 'Notes',
      entityIds: [row.id, ...organizations.filter((o) => o.contactId === row.id).map((o) => o.organizationId)],
      fundId: null,
    }));
  }
  const rows = await db
    .selectFrom('commitments')
    .select(['id', 'organizationId', 'fundId', 'nextStep', 'declinedReason'])
    .where('id', 'in', [...ids])
    .where('deletedAt', 'is', null)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    text: [row.nextStep, row.declinedReason].filter(Boolean).join('\n'),
    title: 'Next step',
    entityIds: [row.id, row.organizationId, row.fundId],
    fundId: row.fundId,
  }));
}
