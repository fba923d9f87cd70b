import { LinkableEntity, type Task, TaskStatus } from '@lpdesk/contracts';
import type { Db } from '../db/connect.js';
import type { Row } from '../db/schema.js';
import { asEnum, asNullableEnum } from '../kernel/values.js';
import type { Tx } from '../kernel/write.js';
import { loadUserRefs, refOrNull } from '../shared/lookups.js';

export type TaskView = Task;

async function entityNames(db: Db | Tx, rows: { entityType: string | null; entityId: string | null }[]): Promise<Map<string, string>> {
  const idsOf = (type: string) => [...new Set(rows.filter((r) => r.entityType === type && r.entityId).map((r) => r.entityId as string))];
  const contactIds = idsOf('contact');
  const orgIds = idsOf('organization');
  const commitmentIds = idsOf('commitment');
  const [contacts, orgs, commitments] = await Promise.all([
    contactIds.length ? db.selectFrom('contacts').select(['id', 'firstName', 'lastName']).where('id', 'in', contactIds).execute() : [],
    orgIds.length ? db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', orgIds).execute() : [],
    commitmentIds.length
      ? db
          .selectFrom('commitments as c')
          .innerJoin('organizations as o', 'o.id', 'c.organizationId')
          .innerJoin('funds as f', 'f.id', 'c.fundId')
          .select(['c.id', 'o.name as orgName', 'f.name as fundName'])
          .where('c.id', 'in', commitmentIds)
          .execute()
      : [],
  ]);
  return new Map<string, string>([
    ...contacts.map((c): [string, string] => [c.id, `${c.firstName} ${c.lastName}`.trim()]),
    ...orgs.map((o): [string, string] => [o.id, o.name]),
    ...commitments.map((c): [string, string] => [c.id, `${c.orgName} · ${c.fundName}`]),
  ]);
}

export async function presentTasks(db: Db | Tx, rows: Row<'tasks'>[]): Promise<TaskView[]> {
  const [users, names] = await Promise.all([loadUserRefs(db, rows.map((r) => r.assigneeId)), entityNames(db, rows)]);
  return rows.map((row) => ({
    id: row.id,
    version: row.version,
    title: row.title,
    notes: row.notes,
    dueOn: row.dueOn,
    assigneeId: row.assigneeId,
    assignee: refOrNull(users, row.assigneeId),
    status: asEnum(TaskStatus, row.status),
    completedAt: row.completedAt,
    entityType: asNullableEnum(LinkableEntity, row.entityType),
    entityId: row.entityId,
    entityName: row.entityId ? (names.get(row.entityId) ?? null) : null,
    communicationId: row.communicationId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    createdBy: row.createdBy,
    deletedAt: row.deletedAt,
    deletedBy: row.deletedBy,
  }));
}
