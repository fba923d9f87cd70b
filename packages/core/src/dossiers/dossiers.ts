import { listStageChanges, presentCommitments } from '../commitments/presenter.js';
import { listCommunications } from '../communications/index.js';
import { presentContacts } from '../contacts/presenter.js';
import { getContactRecord } from '../contacts/queries.js';
import type { CoreContext } from '../kernel/context.js';
import { getOrganization } from '../organizations/queries.js';
import { presentTasks } from '../tasks/index.js';

const RECENT_COMMUNICATIONS = 20;

async function commitmentsOf(core: CoreContext, organizationIds: string[]) {
  if (organizationIds.length === 0) return [];
  const rows = await core.db
    .selectFrom('commitments as c')
    .innerJoin('funds as f', 'f.id', 'c.fundId')
    .selectAll('c')
    .where('c.organizationId', 'in', organizationIds)
    .where('c.deletedAt', 'is', null)
    .orderBy('f.vintage', 'desc')
    .orderBy('f.name')
    .execute();
  return presentCommitments(core.db, rows);
}

async function openTasksFor(core: CoreContext, links: { type: string; ids: string[] }[]) {
  const wanted = links.filter((l) => l.ids.length > 0);
  if (wanted.length === 0) return [];
  const rows = await core.db
    .selectFrom('tasks')
    .selectAll()
    .where('deletedAt', 'is', null)
    .where('status', '=', 'open')
    .where((eb) => eb.or(wanted.map((l) => eb.and([eb('entityType', '=', l.type), eb('entityId', 'in', l.ids)]))))
    .orderBy('dueOn')
    // Ties in a stable order (ids are time-ordered): PostgreSQL returns equal rows in whatever order its heap holds them.
    .orderBy('id')
    .limit(50)
    .execute();
  return presentTasks(core.db, rows);
}

/** A contact with everything a partner needs before a call: firms, commitments, history, follow-ups. */
export async function contactDossier(core: CoreContext, id: string) {
  const contact = await getContactRecord(core, id);
  const organizationIds = contact.organizations.map((o) => o.organizationId);
  const commitments = await commitmentsOf(core, organizationIds);
  const [communications, openTasks, stageChanges] = await Promise.all([
    listCommunications(core, { contactId: id, limit: RECENT_COMMUNICATIONS, offset: 0 }),
    openTasksFor(core, [
      { type: 'contact', ids: [id] },
      { type: 'commitment', ids: commitments.map((c) => c.id) },
    ]),
    listStageChanges(core.db, { organizationIds, limit: 50 }),
  ]);
  return { ...contact, commitments, recentCommunications: communications.data, openTasks, stageChanges };
}

export async function organizationDossier(core: CoreContext, id: string) {
  const organization = await getOrganization(core, id);
  const contactRows = await core.db
    .selectFrom('contacts as c')
    .innerJoin('contactOrganizations as co', 'co.contactId', 'c.id')
    .selectAll('c')
    .where('co.organizationId', '=', id)
    .where('c.deletedAt', 'is', null)
    .orderBy('co.isPrimary', 'desc')
    .orderBy('c.lastName')
    .orderBy('c.id')
    .execute();
  const people = await presentContacts(core.db, contactRows);
  const commitments = await commitmentsOf(core, [id]);
  const [communications, openTasks, stageChanges] = await Promise.all([
    listCommunications(core, { organizationId: id, limit: RECENT_COMMUNICATIONS, offset: 0 }),
    openTasksFor(core, [
      { type: 'organization', ids: [id] },
      { type: 'contact', ids: people.map((p) => p.id) },
      { type: 'commitment', ids: commitments.map((c) => c.id) },
    ]),
    listStageChanges(core.db, { organizationIds: [id], limit: 50 }),
  ]);
  const contacts = people.map((p) => {
    const link = p.organizations.find((o) => o.organizationId === id);
    return { id: p.id, firstName: p.firstName, lastName: p.lastName, fullName: p.fullName, title: p.title, emails: p.emails, role: link?.role ?? null, isPrimary: link?.isPrimary ?? false };
  });
  return { ...organization, contacts, commitments, recentCommunications: communications.data, openTasks, stageChanges };
}
