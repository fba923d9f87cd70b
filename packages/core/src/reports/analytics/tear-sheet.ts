import { CommunicationKind, OrganizationKind, Stage, type TearSheet } from '@lpdesk/contracts';
import { sql } from 'kysely';
import type { CoreContext } from '../../kernel/context.js';
import { NotFound } from '../../kernel/errors.js';
import { asEnum } from '../../kernel/values.js';
import { userName } from './scope.js';

const TOUCHES = 10;
const TASKS = 50;

/** Everything the printable one-page summary of an investor shows, in one answer. */
export async function tearSheet(core: CoreContext, organizationId: string): Promise<TearSheet> {
  const organization = await core.db
    .selectFrom('organizations as o')
    .leftJoin('users as u', 'u.id', 'o.ownerId')
    .where('o.id', '=', organizationId)
    .where('o.deletedAt', 'is', null)
    .select(['o.id', 'o.name', 'o.kind', 'o.website', 'o.location', 'o.description', 'o.ownerId', 'u.fullName', 'u.username'])
    .executeTakeFirst();
  if (!organization) throw new NotFound('Organization', organizationId);
  const people = core.db
    .selectFrom('contactOrganizations as co')
    .innerJoin('contacts as p', 'p.id', 'co.contactId')
    .where('co.organizationId', '=', organizationId)
    .where('p.deletedAt', 'is', null);
  const commitmentIds = core.db.selectFrom('commitments').select('id').where('organizationId', '=', organizationId).where('deletedAt', 'is', null);
  const [commitments, contacts, touches, tasks] = await Promise.all([
    core.db
      .selectFrom('commitments as c')
      .innerJoin('funds as f', 'f.id', 'c.fundId')
      .leftJoin('users as u', 'u.id', 'c.ownerId')
      .where('c.organizationId', '=', organizationId)
      .where('c.deletedAt', 'is', null)
      .where('f.deletedAt', 'is', null)
      .select([
        'c.id',
        'c.fundId',
        'f.name as fundName',
        'c.currency',
        'c.stage',
        'c.expectedAmount',
        'c.committedAmount',
        'c.fundedAmount',
        'c.expectedCloseOn',
        'c.ownerId',
        'u.fullName',
        'u.username',
      ])
      .orderBy('f.vintage', (ob) => ob.desc().nullsLast())
      .orderBy('f.name')
      .execute(),
    people
      .select([
        'p.id',
        'p.firstName',
        'p.lastName',
        sql<string | null>`coalesce(${sql.ref('co.title')}, ${sql.ref('p.title')})`.as('title'),
        'co.isPrimary',
        'co.endedOn',
        (eb) =>
          eb
            .selectFrom('contactEmails as e')
            .select('e.email')
            .whereRef('e.contactId', '=', 'p.id')
            .orderBy('e.isPrimary', 'desc')
            .orderBy('e.position')
            .limit(1)
            .as('email'),
        (eb) =>
          eb
            .selectFrom('contactPhones as ph')
            .select('ph.phoneE164')
            .whereRef('ph.contactId', '=', 'p.id')
            .orderBy('ph.isPrimary', 'desc')
            .orderBy('ph.position')
            .limit(1)
            .as('phone'),
      ])
      .orderBy(sql`case when ${sql.ref('co.endedOn')} is null then 0 else 1 end`)
      .orderBy('co.isPrimary', 'desc')
      .orderBy('p.lastName')
      .orderBy('p.firstName')
      .orderBy('p.id')
      .execute(),
    core.db
      .selectFrom('communications as m')
      .leftJoin('users as u', 'u.id', 'm.authorId')
      .where('m.deletedAt', 'is', null)
      .where(({ exists, selectFrom, or }) =>
        or([
          exists(
            selectFrom('communicationLinks as l')
              .select('l.entityId')
              .whereRef('l.communicationId', '=', 'm.id')
              .where('l.entityType', '=', 'organization')
              .where('l.entityId', '=', organizationId),
          ),
          exists(
            selectFrom('communicationLinks as l')
              .innerJoin('contactOrganizations as co', 'co.contactId', 'l.entityId')
              .select('l.entityId')
              .whereRef('l.communicationId', '=', 'm.id')
              .where('l.entityType', '=', 'contact')
              .where('co.organizationId', '=', organizationId),
          ),
        ]),
      )
      .select(['m.id', 'm.kind', 'm.occurredAt', 'm.subject', 'm.authorId', 'u.fullName', 'u.username'])
      .orderBy('m.occurredAt', 'desc')
      .orderBy('m.id', 'desc')
      .limit(TOUCHES)
      .execute(),
    core.db
      .selectFrom('tasks as t')
      .leftJoin('users as u', 'u.id', 't.assigneeId')
      .where('t.deletedAt', 'is', null)
      .where('t.status', '=', 'open')
      .where(({ and, or, eb }) =>
        or([
          and([eb('t.entityType', '=', 'organization'), eb('t.entityId', '=', organizationId)]),
          and([eb('t.entityType', '=', 'contact'), eb('t.entityId', 'in', people.select('p.id'))]),
          and([eb('t.entityType', '=', 'commitment'), eb('t.entityId', 'in', commitmentIds)]),
        ]),
      )
      .select(['t.id', 't.title', 't.dueOn', 't.assigneeId', 'u.fullName', 'u.username', 't.entityType', 't.entityId'])
      .orderBy(sql`case when ${sql.ref('t.dueOn')} is null then 1 else 0 end`)
      .orderBy('t.dueOn')
      .orderBy('t.id')
      .limit(TASKS)
      .execute(),
  ]);
  return {
    organization: {
      id: organization.id,
      name: organization.name,
      kind: asEnum(OrganizationKind, organization.kind),
      website: organization.website,
      location: organization.location,
      description: organization.description,
      ownerId: organization.ownerId,
      ownerName: organization.ownerId ? userName(organization) : null,
    },
    commitments: commitments.map((c) => ({
      id: c.id,
      fundId: c.fundId,
      fundName: c.fundName,
      currency: c.currency,
      stage: asEnum(Stage, c.stage),
      expectedAmount: c.expectedAmount === null ? null : Number(c.expectedAmount),
      committedAmount: c.committedAmount === null ? null : Number(c.committedAmount),
      fundedAmount: c.fundedAmount === null ? null : Number(c.fundedAmount),
      expectedCloseOn: c.expectedCloseOn,
      ownerName: c.ownerId ? userName(c) : null,
    })),
    contacts: contacts.map((p) => ({
      id: p.id,
      name: `${p.firstName} ${p.lastName}`.trim(),
      title: p.title,
      email: p.email ?? null,
      phone: p.phone ?? null,
      isPrimary: Boolean(p.isPrimary),
    })),
    lastTouches: touches.map((m) => ({
      id: m.id,
      kind: asEnum(CommunicationKind, m.kind),
      occurredAt: m.occurredAt,
      subject: m.subject,
      authorName: m.authorId ? userName(m) : null,
    })),
    openTasks: tasks.map((t) => ({
      id: t.id,
      title: t.title,
      dueOn: t.dueOn,
      assigneeId: t.assigneeId,
      assigneeName: t.assigneeId ? userName(t) : null,
      entityType: t.entityType,
      entityId: t.entityId,
    })),
  };
}
