import type { CommunicationCreateInput, CommunicationUpdateInput } from '@lpdesk/contracts';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { Invalid } from '../kernel/errors.js';
import { newId, toUtcIso } from '../kernel/ids.js';
import { auditedInsertFields, auditedUpdateFields, claimRow, findRow, restoreRow, softDeleteRow } from '../kernel/records.js';
import { definedEntries } from '../kernel/values.js';
import { diffRecords, type WriteScope, write } from '../kernel/write.js';
import { appendNoteIn } from '../grid/notes-log.js';
import { calendarDate } from '../kernel/clock.js';
import { createTaskIn } from '../tasks/index.js';
import { type CommunicationView, presentCommunications } from './presenter.js';
import { getCommunication } from './queries.js';

type LinkSet = { contactIds?: string[] | undefined; organizationIds?: string[] | undefined; commitmentIds?: string[] | undefined; userIds?: string[] | undefined };

const LINK_TABLES = [
  ['contactIds', 'contact', 'contacts'],
  ['organizationIds', 'organization', 'organizations'],
  ['commitmentIds', 'commitment', 'commitments'],
  ['userIds', 'user', 'users'],
] as const;

async function replaceLinks(scope: WriteScope, communicationId: string, links: LinkSet) {
  for (const [field, entityType, table] of LINK_TABLES) {
    const ids = links[field];
    if (!ids) continue;
    const unique = [...new Set(ids)];
    if (unique.length > 0) {
      const found = await scope.tx.selectFrom(table).select('id').where('id', 'in', unique).where('deletedAt', 'is', null).execute();
      const missing = unique.filter((id) => !found.some((f) => f.id === id));
      if (missing.length > 0) throw new Invalid(`${field}: unknown ${entityType}(s) ${missing.join(', ')}`, { issues: [{ path: [field], message: `unknown ${entityType}` }] });
    }
    await scope.tx.deleteFrom('communicationLinks').where('communicationId', '=', communicationId).where('entityType', '=', entityType).execute();
    if (unique.length > 0) {
      await scope.tx.insertInto('communicationLinks').values(unique.map((entityId) => ({ communicationId, entityType, entityId }))).execute();
    }
  }
}

const KIND_WORDS: Record<CommunicationCreateInput['kind'], string> = { call: 'Call', meeting: 'Meeting', email: 'Email', note: 'Note', text: 'Text' };

/** The subject, else the body's first non-empty line, else the kind: one line for the notes log. */
function notesLogLine(input: CommunicationCreateInput): string {
  const firstLine = (input.body ?? '').split(/\r?\n/).find((line) => line.trim() !== '')?.trim();
  const text = input.subject?.trim() || firstLine || KIND_WORDS[input.kind];
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}

export async function createCommunicationIn(scope: WriteScope, input: CommunicationCreateInput): Promise<CommunicationView> {
  if (input.contactIds.length + input.organizationIds.length + input.commitmentIds.length === 0) {
    throw new Invalid('contactIds: link the communication to at least one contact, organization or commitment', {
      issues: [{ path: ['contactIds'], message: 'add at least one contact or organization' }],
    });
  }
  const row = {
    id: newId(),
    kind: input.kind,
    occurredAt: toUtcIso(input.occurredAt),
    subject: input.subject ?? null,
    body: input.body ?? null,
    outcome: input.outcome ?? null,
    nextAction: input.nextAction ?? null,
    nextActionDueOn: input.nextActionDueOn ?? null,
    durationMinutes: input.durationMinutes ?? null,
    source: input.source,
    authorId: scope.actor.userId,
    direction: null,
    emailMessageId: null,
    ...auditedInsertFields(scope),
  };
  await scope.tx.insertInto('communications').values(row).execute();
  await replaceLinks(scope, row.id, input);
  const [view] = await presentCommunications(scope.tx, [row]);
  await scope.log({ action: 'create', entityType: 'communication', entityId: row.id, diff: { after: { ...row, contactIds: input.contactIds, organizationIds: input.organizationIds } } });
  if (input.appendToNotesLog) {
    // Logged from the grid: the investor's outreach log gets a line for the day it happened, in the same transaction.
    const line = notesLogLine(input);
    const notedOn = calendarDate(new Date(row.occurredAt), scope.settings.timeZone);
    for (const organizationId of new Set(input.organizationIds)) await appendNoteIn(scope, organizationId, { body: line, notedOn, communicationId: row.id });
  }
  // A next action with a due date becomes a task, so follow-ups show up in Tasks and on the dashboard.
  if (input.nextAction && input.nextActionDueOn) {
    const [entityType, entityId] = input.contactIds[0]
      ? (['contact', input.contactIds[0]] as const)
      : input.organizationIds[0]
        ? (['organization', input.organizationIds[0]] as const)
        : (['commitment', input.commitmentIds[0] as string] as const);
    await createTaskIn(scope, {
      title: input.nextAction,
      dueOn: input.nextActionDueOn,
      status: 'open',
      assigneeId: input.nextActionAssigneeId === undefined ? scope.actor.userId : input.nextActionAssigneeId,
      entityType,
      entityId,
      communicationId: row.id,
    });
  }
  return view as CommunicationView;
}

export function createCommunication(core: CoreContext, actor: Actor, input: CommunicationCreateInput) {
  return write(core, actor, (scope) => createCommunicationIn(scope, input));
}

export async function updateCommunicationIn(scope: WriteScope, id: string, changes: CommunicationUpdateInput, expectedVersion?: number): Promise<CommunicationView> {
    const beforeRow = await claimRow(scope, 'communications', id, 'Communication', { expectedVersion, present: async (row) => (await presentCommunications(scope.tx, [row]))[0] as CommunicationView });
    const [before] = await presentCommunications(scope.tx, [beforeRow]);
    const { contactIds, organizationIds, commitmentIds, userIds, occurredAt, ...columns } = changes;
    await scope.tx
      .updateTable('communications')
      .set({ ...definedEntries(columns), ...(occurredAt ? { occurredAt: toUtcIso(occurredAt) } : {}), ...auditedUpdateFields(scope) })
      .where('id', '=', id)
      .execute();
    await replaceLinks(scope, id, { contactIds, organizationIds, commitmentIds, userIds });
    const [after] = await presentCommunications(scope.tx, [await findRow(scope.tx, 'communications', id, 'Communication')]);
    await scope.log({ action: 'update', entityType: 'communication', entityId: id, diff: diffRecords({ ...before }, { ...after }) });
    return after as CommunicationView;
}

export function updateCommunication(core: CoreContext, actor: Actor, id: string, changes: CommunicationUpdateInput, expectedVersion?: number) {
  return write(core, actor, (scope) => updateCommunicationIn(scope, id, changes, expectedVersion));
}

export function deleteCommunication(core: CoreContext, actor: Actor, id: string) {
  return write(core, actor, (scope) => softDeleteRow(scope, 'communications', 'communication', id, 'Communication'));
}

export async function restoreCommunication(core: CoreContext, actor: Actor, id: string) {
  await write(core, actor, (scope) => restoreRow(scope, 'communications', 'communication', id, 'Communication'));
  return getCommunication(core, id);
}
