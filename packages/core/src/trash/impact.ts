import { COMMITTED_STAGES, type TrashImpact, type TrashImpactFund } from '@lpdesk/contracts';
import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { CoreContext } from '../kernel/context.js';
import { findRow } from '../kernel/records.js';

/** Stages whose expected amount still counts as open pipeline (not yet committed, not declined). */
const CLOSED_OR_DECLINED = [...COMMITTED_STAGES, 'declined'];

async function countOpenTasks(db: Db, entityType: 'organization' | 'contact', id: string): Promise<number> {
  const row = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('entityType', '=', entityType)
    .where('entityId', '=', id)
    .where('status', '=', 'open')
    .where('deletedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function countCommunications(db: Db, entityType: 'organization' | 'contact', id: string): Promise<number> {
  const row = await db
    .selectFrom('communicationLinks as l')
    .innerJoin('communications as m', 'm.id', 'l.communicationId')
    .select((eb) => eb.fn.count<number>('m.id').distinct().as('n'))
    .where('l.entityType', '=', entityType)
    .where('l.entityId', '=', id)
    .where('m.deletedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The organization's live commitments per fund, with the money that leaves each fund's totals. */
async function commitmentsByFund(db: Db, organizationId: string): Promise<TrashImpactFund[]> {
  const committedStages = sql.join(COMMITTED_STAGES.map((s) => sql.lit(s)));
  const openStages = sql.join(CLOSED_OR_DECLINED.map((s) => sql.lit(s)));
  const rows = await db
    .selectFrom('commitments as c')
    .innerJoin('funds as f', 'f.id', 'c.fundId')
    .select((eb) => [
      'f.id as fundId',
      'f.name as fundName',
      'f.currency as currency',
      eb.fn.countAll<number>().as('commitments'),
      sql<number>`coalesce(sum(case when ${eb.ref('c.stage')} in (${committedStages}) then ${eb.ref('c.committedAmount')} end), 0)`.as('committedAmount'),
      sql<number>`coalesce(sum(case when ${eb.ref('c.stage')} not in (${openStages}) then ${eb.ref('c.expectedAmount')} end), 0)`.as('expectedAmount'),
    ])
    .where('c.organizationId', '=', organizationId)
    .where('c.deletedAt', 'is', null)
    .groupBy(['f.id', 'f.name', 'f.currency'])
    .orderBy('f.name')
    .execute();
  return rows.map((r) => ({ ...r, commitments: Number(r.commitments), committedAmount: Number(r.committedAmount), expectedAmount: Number(r.expectedAmount) }));
}

/** What else leaves which screens if this organization moves to the trash; nothing is changed. */
export async function organizationTrashImpact(core: CoreContext, id: string): Promise<TrashImpact> {
  const org = await findRow(core.db, 'organizations', id, 'Organization');
  const [funds, people, openTasks, communications] = await Promise.all([
    commitmentsByFund(core.db, id),
    core.db
      .selectFrom('contactOrganizations as co')
      .innerJoin('contacts as p', 'p.id', 'co.contactId')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('co.organizationId', '=', id)
      .where('p.deletedAt', 'is', null)
      .executeTakeFirstOrThrow(),
    countOpenTasks(core.db, 'organization', id),
    countCommunications(core.db, 'organization', id),
  ]);
  return {
    entityType: 'organization',
    id,
    name: org.name,
    commitments: funds.reduce((sum, f) => sum + f.commitments, 0),
    funds,
    primaryContactOf: 0,
    linkedRecords: Number(people.n),
    openTasks,
    communications,
  };
}

/** What else changes if this contact moves to the trash; nothing is changed. */
export async function contactTrashImpact(core: CoreContext, id: string): Promise<TrashImpact> {
  const contact = await findRow(core.db, 'contacts', id, 'Contact');
  const [primaryOf, organizations, openTasks, communications] = await Promise.all([
    core.db
      .selectFrom('commitments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('primaryContactId', '=', id)
      .where('deletedAt', 'is', null)
      .executeTakeFirstOrThrow(),
    core.db
      .selectFrom('contactOrganizations as co')
      .innerJoin('organizations as o', 'o.id', 'co.organizationId')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('co.contactId', '=', id)
      .where('o.deletedAt', 'is', null)
      .executeTakeFirstOrThrow(),
    countOpenTasks(core.db, 'contact', id),
    countCommunications(core.db, 'contact', id),
  ]);
  return {
    entityType: 'contact',
    id,
    name: `${contact.firstName} ${contact.lastName}`.trim(),
    commitments: 0,
    funds: [],
    primaryContactOf: Number(primaryOf.n),
    linkedRecords: Number(organizations.n),
    openTasks,
    communications,
  };
}
