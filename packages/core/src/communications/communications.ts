import { type Communication, CommunicationKind, CommunicationSource } from '@lpdesk/contracts';
import type { CommunicationCreateInput, CommunicationListQuery, CommunicationUpdateInput } from '@lpdesk/contracts';
import type { Db } from '../db/connect.js';
import type { Row } from '../db/schema.js';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { Invalid } from '../kernel/errors.js';
import { newId, toUtcIso } from '../kernel/ids.js';
import { auditedInsertFields, auditedUpdateFields, claimRow, containsText, deletedFilter, findRow, resolveSort, restoreRow, softDeleteRow } from '../kernel/records.js';
import { asEnum, definedEntries } from '../kernel/values.js';
import { diffRecords, type Tx, type WriteScope, write } from '../kernel/write.js';
import { loadUserRefs, refOrNull } from '../shared/lookups.js';
import { createTaskIn } from '../tasks/tasks.js';

export type CommunicationView = Communication;

export async function presentCommunications(db: Db | Tx, rows: Row<'communications'>[]): Promise<CommunicationView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const links = await db.selectFrom('communicationLinks').selectAll().where('communicationId', 'in', ids).execute();
  const idsOf = (type: string) => [...new Set(links.filter((l) => l.entityType === type).map((l) => l.entityId))];
  const contactIds = idsOf('contact');
  const orgIds = idsOf('organization');
  const [contacts, orgs, users] = await Promise.all([
    contactIds.length ? db.selectFrom('contacts').select(['id', 'firstName', 'lastName']).where('id', 'in', contactIds).execute() : [],
    orgIds.length ? db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', orgIds).execute() : [],
    loadUserRefs(db, [...rows.map((r) => r.authorId), ...idsOf('user')]),
  ]);
  const contactRef = new Map(contacts.map((c) => [c.id, { id: c.id, name: `${c.firstName} ${c.lastName}`.trim() }]));
  const orgRef = new Map(orgs.map((o) => [o.id, { id: o.id, name: o.name }]));
  const refs = <T>(communicationId: string, type: string, map: Map<string, T>): T[] =>
    links.filter((l) => l.communicationId === communicationId && l.entityType === type).flatMap((l) => (map.has(l.entityId) ? [map.get(l.entityId) as T] : []));
  return rows.map((row) => ({
    id: row.id,
    version: row.version,
    kind: asEnum(CommunicationKind, row.kind),
    occurredAt: row.occurredAt,
    subject: row.subject,
    body: row.body,
    outcome: row.outcome,
    nextAction: row.nextAction,
    nextActionDueOn: row.nextActionDueOn,
    durationMinutes: row.durationMinutes,
    source: asEnum(CommunicationSource, row.source),
    authorId: row.authorId,
    author: refOrNull(users, row.authorId),
    contacts: refs(row.id, 'contact', contactRef),
    organizations: refs(row.id, 'organization', orgRef),
    commitmentIds: links.filter((l) => l.communicationId === row.id && l.entityType === 'commitment').map((l) => l.entityId),
    users: refs(row.id, 'user', users),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    createdBy: row.createdBy,
    deletedAt: row.deletedAt,
    deletedBy: row.deletedBy,
  }));
}

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
    ...auditedInsertFields(scope),
  };
  await scope.tx.insertInto('communications').values(row).execute();
  await replaceLinks(scope, row.id, input);
  const [view] = await presentCommunications(scope.tx, [row]);
  await scope.log({ action: 'create', entityType: 'communication', entityId: row.id, diff: { after: { ...row, contactIds: input.contactIds, organizationIds: input.organizationIds } } });
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

export async function getCommunication(core: CoreContext, id: string): Promise<CommunicationView> {
  const [view] = await presentCommunications(core.db, [await findRow(core.db, 'communications', id, 'Communication', { includeDeleted: true })]);
  return view as CommunicationView;
}

const SORTABLE = { occurredAt: 'occurredAt', createdAt: 'createdAt', kind: 'kind' } as const;

function boundary(value: string, end: boolean): string {
  if (value.length === 10) return end ? `${value}T23:59:59.999Z` : `${value}T00:00:00.000Z`;
  return toUtcIso(value);
}

export async function listCommunications(core: CoreContext, query: CommunicationListQuery) {
  const filter = deletedFilter(query.deleted);
  let base = core.db.selectFrom('communications as m');
  if (filter === 'live') base = base.where('m.deletedAt', 'is', null);
  if (filter === 'trash') base = base.where('m.deletedAt', 'is not', null);
  if (query.kind) base = base.where('m.kind', '=', query.kind);
  if (query.authorId) base = base.where('m.authorId', '=', query.authorId);
  if (query.from) base = base.where('m.occurredAt', '>=', boundary(query.from, false));
  if (query.to) base = base.where('m.occurredAt', '<=', boundary(query.to, true));
  for (const [field, entityType] of [
    ['contactId', 'contact'],
    ['organizationId', 'organization'],
    ['commitmentId', 'commitment'],
  ] as const) {
    const entityId = query[field];
    if (!entityId) continue;
    base = base.where((eb) => {
      const direct = eb.selectFrom('communicationLinks as l').select('l.entityId').whereRef('l.communicationId', '=', 'm.id').where('l.entityType', '=', entityType).where('l.entityId', '=', entityId);
      if (entityType !== 'organization') return eb.exists(direct);
      // An organization's feed includes communications with its people.
      const viaPeople = eb
        .selectFrom('communicationLinks as l2')
        .innerJoin('contactOrganizations as co', 'co.contactId', 'l2.entityId')
        .select('l2.entityId')
        .whereRef('l2.communicationId', '=', 'm.id')
        .where('l2.entityType', '=', 'contact')
        .where('co.organizationId', '=', entityId);
      return eb.or([eb.exists(direct), eb.exists(viaPeople)]);
    });
  }
  if (query.q) {
    const q = query.q;
    base = base.where((eb) => eb.or([containsText(eb.ref('m.subject'), q), containsText(eb.ref('m.body'), q), containsText(eb.ref('m.outcome'), q)]));
  }
  const sort = resolveSort(query.sort, SORTABLE, { column: 'occurredAt', direction: 'desc' });
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base.selectAll('m').orderBy(`m.${sort.column}`, sort.direction).orderBy('m.id', 'desc').limit(query.limit).offset(query.offset).execute(),
  ]);
  return { data: await presentCommunications(core.db, rows), total: Number(total), limit: query.limit, offset: query.offset };
}
