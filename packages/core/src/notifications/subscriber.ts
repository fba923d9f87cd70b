import { mentionedUsernames } from '@lpdesk/contracts';
import type { CoreContext } from '../kernel/context.js';
import type { Subscriber } from '../kernel/dispatcher.js';
import type { DomainEvent } from '../kernel/outbox.js';
import { excerpt, type NewNotification, storeNotifications } from './store.js';

export const NOTIFICATIONS_SUBSCRIBER = 'notifications';

/** The free text of each record kind where `@username` mentions are read. */
const MENTION_FIELDS = { task: 'notes', communication: 'body' } as const;
type MentionableType = keyof typeof MENTION_FIELDS;
const isMentionable = (type: string): type is MentionableType => type in MENTION_FIELDS;

const stringField = (values: unknown, field: string): string | undefined => {
  if (values === null || typeof values !== 'object') return undefined;
  const value = (values as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
};

/** The user behind an event, when it was a signed-in person (API keys, agents and jobs are not users). */
const actingUserId = (event: DomainEvent): string | null => (event.actor.kind === 'user' ? event.actor.id : null);

interface Candidate {
  event: DomainEvent;
  kind: 'task_assigned' | 'mention';
  entityType: MentionableType;
  entityId: string;
  /** For an assignment: the assignee's id; for a mention: the lower-cased username. */
  who: string;
}

/**
 * Assignments and mentions in a batch of events, as the diff tells them: a task created for, or
 * changed to, an assignee; a task's notes or a communication's body that was written or changed.
 * Only changed text is read, so an edit that leaves the text alone mentions nobody again.
 */
function candidatesOf(events: DomainEvent[]): Candidate[] {
  const found: Candidate[] = [];
  for (const event of events) {
    if (!event.entityId || !isMentionable(event.entityType) || (event.action !== 'create' && event.action !== 'update')) continue;
    const after = event.diff.after;
    const base = { event, entityType: event.entityType, entityId: event.entityId };
    if (event.entityType === 'task') {
      const assigneeId = stringField(after, 'assigneeId');
      if (assigneeId) found.push({ ...base, kind: 'task_assigned', who: assigneeId });
    }
    for (const username of mentionedUsernames(stringField(after, MENTION_FIELDS[event.entityType]))) found.push({ ...base, kind: 'mention', who: username });
  }
  return found;
}

async function loadContext(core: CoreContext, candidates: Candidate[]) {
  const idsOf = (type: MentionableType) => [...new Set(candidates.filter((c) => c.entityType === type).map((c) => c.entityId))];
  const usernames = [...new Set(candidates.filter((c) => c.kind === 'mention').map((c) => c.who))];
  const actorIds = [...new Set(candidates.map((c) => actingUserId(c.event)).filter((id): id is string => Boolean(id)))];
  const taskIds = idsOf('task');
  const communicationIds = idsOf('communication');
  const [users, tasks, communications] = await Promise.all([
    usernames.length + actorIds.length === 0
      ? []
      : core.db
          .selectFrom('users')
          .select(['id', 'usernameNormalized', 'username', 'fullName', 'disabledAt', 'deletedAt'])
          .where((eb) =>
            eb.or([...(usernames.length ? [eb('usernameNormalized', 'in', usernames)] : []), ...(actorIds.length ? [eb('id', 'in', actorIds)] : [])]),
          )
          .execute(),
    taskIds.length ? core.db.selectFrom('tasks').select(['id', 'title', 'deletedAt']).where('id', 'in', taskIds).execute() : [],
    communicationIds.length
      ? core.db.selectFrom('communications').select(['id', 'kind', 'subject', 'body', 'deletedAt']).where('id', 'in', communicationIds).execute()
      : [],
  ]);
  const active = users.filter((u) => !u.disabledAt && !u.deletedAt);
  return {
    userIdByUsername: new Map(active.map((u) => [u.usernameNormalized, u.id])),
    nameOf: new Map(users.map((u) => [u.id, u.fullName ?? u.username])),
    taskTitles: new Map(tasks.filter((t) => !t.deletedAt).map((t) => [t.id, t.title])),
    communicationLabels: new Map(communications.filter((c) => !c.deletedAt).map((c) => [c.id, `${c.kind} “${excerpt(c.subject || c.body, 60)}”`])),
  };
}

/** Turn a batch of events into notifications: never for the person who acted, once per mention of a record. */
export async function notifyFromEvents(core: CoreContext, events: DomainEvent[]): Promise<number> {
  const candidates = candidatesOf(events);
  if (candidates.length === 0) return 0;
  const context = await loadContext(core, candidates);
  const notifications: NewNotification[] = [];
  for (const candidate of candidates) {
    const { event, entityType, entityId } = candidate;
    const recipientId = candidate.kind === 'mention' ? context.userIdByUsername.get(candidate.who) : candidate.who;
    const actorId = actingUserId(event);
    if (!recipientId || recipientId === actorId) continue;
    const subject = entityType === 'task' ? context.taskTitles.get(entityId) : context.communicationLabels.get(entityId);
    // A record trashed (or purged) since the event is no news.
    if (subject === undefined) continue;
    const who = (actorId && context.nameOf.get(actorId)) || event.actor.name || 'Someone';
    if (candidate.kind === 'task_assigned') {
      notifications.push({
        recipientId,
        kind: 'task_assigned',
        entityType,
        entityId,
        actorId,
        text: `${who} assigned you a task: ${subject}`,
        dedupeKey: `assigned:${entityId}:${event.id}`,
        createdAt: event.at,
      });
    } else {
      const where = entityType === 'task' ? `the task “${subject}”` : `a ${subject}`;
      notifications.push({
        recipientId,
        kind: 'mention',
        entityType,
        entityId,
        actorId,
        text: `${who} mentioned you in ${where}`,
        dedupeKey: `mention:${entityType}:${entityId}`,
        createdAt: event.at,
      });
    }
  }
  return storeNotifications(core.db, notifications);
}

/**
 * Assignments and mentions, from any door or process, right after they commit. It starts at the
 * present when first registered: an upgrade does not flood everyone's bell with old assignments.
 */
export function notificationsSubscriber(core: CoreContext): Subscriber {
  return {
    name: NOTIFICATIONS_SUBSCRIBER,
    from: 'now',
    batchSize: 200,
    handleBatch: async (events) => {
      await notifyFromEvents(core, events);
    },
  };
}
