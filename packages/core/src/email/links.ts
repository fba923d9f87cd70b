import type { WriteScope } from '../kernel/write.js';
import { dropBodies } from './ingest/bodies.js';
import { lockIngest } from './ingest/lock.js';
import { desiredLinks } from './ingest/matching.js';
import { loadTeam, type Team } from './ingest/team.js';
import { syncTimelineEntries, type TimelineLinks, type TimelineMessage } from './ingest/timeline.js';

const CHUNK = 400;

/**
 * Recompute the links of these messages (by email_messages.id) and everything that follows from them, in
 * the caller's transaction: automatic links (exact address → contact 1.0, domain → organization 0.6,
 * never free-mail domains, never team addresses), minus "do not capture" blocks and thread unlinks, plus
 * thread links made by hand; then the timeline entry (a communication of kind email, its links and the
 * mailbox owners), and what is kept: a message left with no link loses its body and attachments, a
 * linked one without a body is marked `needs_body` for the next sync.
 */
export async function relinkMessages(scope: WriteScope, messageRowIds: readonly string[], options: { team?: Team } = {}): Promise<{ linked: number; unlinked: number }> {
  const ids = [...new Set(messageRowIds)];
  if (ids.length === 0) return { linked: 0, unlinked: 0 };
  await lockIngest(scope);
  const team = options.team ?? (await loadTeam(scope.tx));
  let linked = 0;
  let unlinked = 0;
  for (let start = 0; start < ids.length; start += CHUNK) {
    const result = await relinkChunk(scope, ids.slice(start, start + CHUNK), team);
    linked += result.linked;
    unlinked += result.unlinked;
  }
  return { linked, unlinked };
}

async function relinkChunk(scope: WriteScope, ids: string[], team: Team): Promise<{ linked: number; unlinked: number }> {
  const messages = await scope.tx
    .selectFrom('emailMessages')
    .select(['id', 'threadId', 'subject', 'sentAt', 'direction', 'hasBody', 'needsBody', 'communicationId'])
    .where('id', 'in', ids)
    .execute();
  const desired = await desiredLinks(scope.tx, messages, team);
  const currentRows = await scope.tx.selectFrom('emailLinks').selectAll().where('messageRowId', 'in', ids).execute();
  const current = new Map<string, typeof currentRows>();
  for (const row of currentRows) current.set(row.messageRowId, [...(current.get(row.messageRowId) ?? []), row]);
  const owners = await scope.tx
    .selectFrom('emailSightings as s')
    .innerJoin('emailMailboxes as m', 'm.id', 's.mailboxId')
    .innerJoin('users as u', 'u.id', 'm.ownerUserId')
    .select(['s.messageRowId', 'm.ownerUserId'])
    .where('s.messageRowId', 'in', ids)
    .where('u.deletedAt', 'is', null)
    .execute();
  const ownersOf = new Map<string, Set<string>>();
  for (const row of owners) {
    if (!row.ownerUserId) continue;
    const set = ownersOf.get(row.messageRowId) ?? new Set<string>();
    set.add(row.ownerUserId);
    ownersOf.set(row.messageRowId, set);
  }

  const timeline = new Map<TimelineMessage, TimelineLinks | null>();
  const lostBodies: string[] = [];
  const needBodies: string[] = [];
  let linked = 0;
  let unlinked = 0;
  for (const message of messages) {
    const want = desired.get(message.id) ?? [];
    const had = current.get(message.id) ?? [];
    const key = (l: { entityType: string; entityId: string }) => `${l.entityType}:${l.entityId}`;
    const wantByKey = new Map(want.map((l) => [key(l), l]));
    const hadByKey = new Map(had.map((l) => [key(l), l]));
    for (const [k, link] of hadByKey) {
      const next = wantByKey.get(k);
      if (next && next.matchKind === link.matchKind && next.confidence === link.confidence && next.matchedOn === link.matchedOn) continue;
      await scope.tx.deleteFrom('emailLinks').where('messageRowId', '=', message.id).where('entityType', '=', link.entityType).where('entityId', '=', link.entityId).execute();
    }
    const inserts = want.filter((link) => {
      const old = hadByKey.get(key(link));
      return !old || old.matchKind !== link.matchKind || old.confidence !== link.confidence || old.matchedOn !== link.matchedOn;
    });
    if (inserts.length > 0) {
      await scope.tx
        .insertInto('emailLinks')
        .values(inserts.map((link) => ({ messageRowId: message.id, ...link, createdAt: scope.now })))
        .execute();
    }
    if (want.length > 0) {
      linked += 1;
      timeline.set(message, {
        contactIds: [...new Set(want.filter((l) => l.entityType === 'contact').map((l) => l.entityId))].sort(),
        organizationIds: [...new Set(want.filter((l) => l.entityType === 'organization').map((l) => l.entityId))].sort(),
        userIds: [...(ownersOf.get(message.id) ?? [])].sort(),
      });
      if (!message.hasBody && !message.needsBody) needBodies.push(message.id);
    } else {
      if (had.length > 0 || message.communicationId) unlinked += 1;
      if (message.communicationId) timeline.set(message, null);
      if (message.hasBody || message.needsBody) lostBodies.push(message.id);
    }
  }
  await syncTimelineEntries(scope, timeline);
  if (needBodies.length > 0) await scope.tx.updateTable('emailMessages').set({ needsBody: 1 }).where('id', 'in', needBodies).execute();
  await dropBodies(scope, lostBodies);
  return { linked, unlinked };
}
