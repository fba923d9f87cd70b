import { newId } from '../../kernel/ids.js';
import { auditedInsertFields } from '../../kernel/records.js';
import type { LogEntry, WriteScope } from '../../kernel/write.js';

// The timeline entry of a linked message: one communication of kind email, linked to the message's
// contacts and organizations and to the owners of the mailboxes that saw it. The body stays in
// email_messages, so the append-only activity log never holds mail text.

export interface TimelineMessage {
  id: string;
  communicationId: string | null;
  subject: string | null;
  sentAt: string;
  direction: string;
}

export interface TimelineLinks {
  contactIds: string[];
  organizationIds: string[];
  userIds: string[];
}

const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort();
const sameLinks = (a: TimelineLinks, b: TimelineLinks) =>
  JSON.stringify([a.contactIds, a.organizationIds, a.userIds]) === JSON.stringify([b.contactIds, b.organizationIds, b.userIds]);

async function currentLinks(scope: WriteScope, communicationIds: readonly string[]): Promise<Map<string, TimelineLinks>> {
  const out = new Map<string, TimelineLinks>();
  if (communicationIds.length === 0) return out;
  const rows = await scope.tx.selectFrom('communicationLinks').select(['communicationId', 'entityType', 'entityId']).where('communicationId', 'in', [...communicationIds]).execute();
  const grouped = new Map<string, { contact: string[]; organization: string[]; user: string[] }>();
  for (const row of rows) {
    const group = grouped.get(row.communicationId) ?? { contact: [], organization: [], user: [] };
    if (row.entityType === 'contact' || row.entityType === 'organization' || row.entityType === 'user') group[row.entityType].push(row.entityId);
    grouped.set(row.communicationId, group);
  }
  for (const id of communicationIds) {
    const group = grouped.get(id) ?? { contact: [], organization: [], user: [] };
    out.set(id, { contactIds: sorted(group.contact), organizationIds: sorted(group.organization), userIds: sorted(group.user) });
  }
  return out;
}

function linkRows(communicationId: string, links: TimelineLinks) {
  return [
    ...links.contactIds.map((entityId) => ({ communicationId, entityType: 'contact', entityId })),
    ...links.organizationIds.map((entityId) => ({ communicationId, entityType: 'organization', entityId })),
    ...links.userIds.map((entityId) => ({ communicationId, entityType: 'user', entityId })),
  ];
}

/**
 * Bring the timeline entries of these messages in line with their links: create, update (links, subject,
 * date, direction) or delete. Deleted outright with a log entry: a message that lost its links is not
 * something anyone restores from the trash, and a re-match brings it back as a new entry.
 */
export async function syncTimelineEntries(scope: WriteScope, wanted: ReadonlyMap<TimelineMessage, TimelineLinks | null>): Promise<void> {
  const messages = [...wanted.keys()];
  const existingIds = messages.flatMap((m) => (m.communicationId ? [m.communicationId] : []));
  const existing = new Map<string, { id: string; subject: string | null; occurredAt: string; direction: string | null; version: number }>();
  for (let start = 0; start < existingIds.length; start += 400) {
    const rows = await scope.tx
      .selectFrom('communications')
      .select(['id', 'subject', 'occurredAt', 'direction', 'version'])
      .where('id', 'in', existingIds.slice(start, start + 400))
      .where('deletedAt', 'is', null)
      .execute();
    for (const row of rows) existing.set(row.id, row);
  }
  const before = await currentLinks(scope, [...existing.keys()]);
  const entries: LogEntry[] = [];
  const newRows = [];
  const newLinks: ReturnType<typeof linkRows> = [];
  for (const [message, links] of wanted) {
    const current = message.communicationId ? existing.get(message.communicationId) : undefined;
    if (!links) {
      if (!message.communicationId) continue;
      if (current) {
        await scope.tx.deleteFrom('communicationLinks').where('communicationId', '=', current.id).execute();
        await scope.tx.deleteFrom('communications').where('id', '=', current.id).execute();
        entries.push({ action: 'delete', entityType: 'communication', entityId: current.id, diff: { before: { ...before.get(current.id), emailMessageId: message.id }, after: null } });
      }
      await scope.tx.updateTable('emailMessages').set({ communicationId: null }).where('id', '=', message.id).execute();
      continue;
    }
    if (current) {
      const was = before.get(current.id) as TimelineLinks;
      const fieldsSame = current.subject === message.subject && current.occurredAt === message.sentAt && current.direction === message.direction;
      if (fieldsSame && sameLinks(was, links)) continue;
      await scope.tx
        .updateTable('communications')
        .set({ subject: message.subject, occurredAt: message.sentAt, direction: message.direction, version: current.version + 1, updatedAt: scope.now, updatedBy: scope.actor.id })
        .where('id', '=', current.id)
        .execute();
      await scope.tx.deleteFrom('communicationLinks').where('communicationId', '=', current.id).execute();
      const rows = linkRows(current.id, links);
      if (rows.length > 0) await scope.tx.insertInto('communicationLinks').values(rows).execute();
      entries.push({
        action: 'update',
        entityType: 'communication',
        entityId: current.id,
        diff: {
          before: { ...was, subject: current.subject, occurredAt: current.occurredAt, direction: current.direction },
          after: { ...links, subject: message.subject, occurredAt: message.sentAt, direction: message.direction },
        },
      });
      continue;
    }
    const row = {
      id: newId(),
      kind: 'email',
      occurredAt: message.sentAt,
      subject: message.subject,
      body: null,
      outcome: null,
      nextAction: null,
      nextActionDueOn: null,
      durationMinutes: null,
      source: 'email_sync',
      authorId: null,
      direction: message.direction,
      emailMessageId: message.id,
      ...auditedInsertFields(scope),
    };
    newRows.push(row);
    newLinks.push(...linkRows(row.id, links));
    await scope.tx.updateTable('emailMessages').set({ communicationId: row.id }).where('id', '=', message.id).execute();
    entries.push({ action: 'create', entityType: 'communication', entityId: row.id, diff: { after: { ...row, ...links } } });
  }
  for (let start = 0; start < newRows.length; start += 200) await scope.tx.insertInto('communications').values(newRows.slice(start, start + 200)).execute();
  for (let start = 0; start < newLinks.length; start += 500) await scope.tx.insertInto('communicationLinks').values(newLinks.slice(start, start + 500)).execute();
  if (entries.length > 0) await scope.logMany(entries);
}
