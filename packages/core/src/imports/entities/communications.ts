import { CommunicationCreateInput, type CommunicationKind, type CommunicationUpdateInput, type ImportRowError } from '@lpdesk/contracts';
import { createCommunicationIn, presentCommunications, updateCommunicationIn } from '../../communications/index.js';
import { findRow } from '../../kernel/records.js';
import type { Tx, WriteScope } from '../../kernel/write.js';
import type { Known, RunContext } from '../context.js';
import { linkContact, linkOrganization } from '../links.js';
import type { RowValues } from '../read.js';
import { changedFields, type EntityAdapter, type FlatFields, pick, type RowPlan, schemaErrors } from './types.js';

const SCALARS = ['kind', 'occurredAt', 'subject', 'body', 'outcome', 'nextAction', 'nextActionDueOn', 'durationMinutes'] as const;

async function snapshot(tx: Tx, id: string, keys: string[]): Promise<FlatFields> {
  const [view] = await presentCommunications(tx, [await findRow(tx, 'communications', id, 'Communication')]);
  if (!view) return {};
  return pick({ ...Object.fromEntries(SCALARS.map((key) => [key, view[key]])) }, keys);
}

async function apply(scope: WriteScope, id: string, fields: FlatFields): Promise<void> {
  await updateCommunicationIn(scope, id, fields as CommunicationUpdateInput);
}

/** A communication is the same when it has the same kind, time and subject and shares a participant. */
async function findSame(context: RunContext, kind: string, occurredAt: string, subject: string | undefined, linkIds: string[]): Promise<Known | null> {
  const candidates = await context.db
    .selectFrom('communications')
    .select(['id', 'subject'])
    .where('kind', '=', kind)
    .where('occurredAt', '=', occurredAt)
    .where('deletedAt', 'is', null)
    .execute();
  const wantedSubject = (subject ?? '').trim().toLowerCase();
  const sameSubject = candidates.filter((row) => (row.subject ?? '').trim().toLowerCase() === wantedSubject);
  if (sameSubject.length === 0 || linkIds.length === 0) return null;
  const links = await context.db
    .selectFrom('communicationLinks')
    .select(['communicationId'])
    .where('communicationId', 'in', sameSubject.map((row) => row.id))
    .where('entityId', 'in', linkIds)
    .executeTakeFirst();
  return links ? { entityId: links.communicationId, line: null, label: subject ?? kind } : null;
}

async function plan(context: RunContext, values: RowValues): Promise<RowPlan> {
  const errors: ImportRowError[] = [...values.errors];
  const columnOf = (key: string) => values.columns.get(key) ?? null;
  const scalars: FlatFields = {};
  for (const key of SCALARS) {
    const value = values.values.get(key);
    if (value !== undefined) scalars[key] = key === 'durationMinutes' ? Math.round(value as number) : value;
  }
  if (!scalars.kind) errors.push({ column: columnOf('kind'), message: 'Kind: say what it was (call, meeting, email, note or text)' });
  if (!scalars.occurredAt) errors.push({ column: columnOf('occurredAt'), message: 'When: a communication needs the date it happened' });
  const contactIds: string[] = [];
  const pending: string[] = [];
  for (const reference of (values.values.get('contacts') as string[] | undefined) ?? []) {
    const contact = linkContact(context, reference);
    if ('error' in contact) errors.push({ column: columnOf('contacts'), message: `Contacts: ${contact.error}` });
    else if (contact.known.entityId) contactIds.push(contact.known.entityId);
    else pending.push(reference);
  }
  const organizationIds: string[] = [];
  for (const name of (values.values.get('organizations') as string[] | undefined) ?? []) {
    const organization = linkOrganization(context, name, false);
    if ('error' in organization) errors.push({ column: columnOf('organizations'), message: `Organizations: ${organization.error}` });
    else if (!organization.create && organization.known.entityId) organizationIds.push(organization.known.entityId);
  }
  if (contactIds.length + organizationIds.length + pending.length === 0 && errors.length === 0) {
    errors.push({ column: null, message: 'link the communication to a contact (by email or name) or an organization (by name)' });
  }
  const draft = { ...scalars, contactIds: [...new Set(contactIds)], organizationIds: [...new Set(organizationIds)], source: 'import' as const };
  errors.push(...schemaErrors(CommunicationCreateInput.safeParse(draft), (path) => columnOf(String(path[0] ?? ''))));
  const duplicateKnown =
    errors.length === 0 && scalars.kind && scalars.occurredAt
      ? await findSame(context, scalars.kind as CommunicationKind, scalars.occurredAt as string, scalars.subject as string | undefined, [...contactIds, ...organizationIds])
      : null;
  return {
    errors,
    notes: [],
    duplicate: duplicateKnown ? { known: duplicateKnown, reason: 'same kind, time, subject and participant' } : null,
    createBlocked: null,
    sourceRecord: null,
    async create(scope) {
      if (!scope) return null;
      return (await createCommunicationIn(scope, CommunicationCreateInput.parse(draft))).id;
    },
    async update(scope, id) {
      if (!scope || !id) return null;
      const keys = Object.keys(scalars);
      const before = await snapshot(scope.tx, id, keys);
      const changes = changedFields(before, scalars);
      if (Object.keys(changes).length > 0) await apply(scope, id, changes);
      const after = await snapshot(scope.tx, id, Object.keys(changes));
      return { before: pick(before, Object.keys(changes)), after };
    },
  };
}

export const communicationAdapter: EntityAdapter = { entityType: 'communication', table: 'communications', plan, snapshot, apply };
