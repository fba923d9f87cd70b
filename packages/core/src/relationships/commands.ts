import type { IntroductionBody, WorksAtUpdateInput } from '@lpdesk/contracts';
import { refreshOrganizationSortNames } from '../contacts/organization-sort.js';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { Invalid, NotFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { auditedUpdateFields, claimRow, findRow } from '../kernel/records.js';
import { definedEntries } from '../kernel/values.js';
import { type WriteScope, write } from '../kernel/write.js';
import type { StoredEvidence } from './strength.js';

type WorksAtRow = { title: string | null; startedOn: string | null; endedOn: string | null; role: string | null; isPrimary: boolean };

async function worksAtRow(scope: WriteScope, contactId: string, organizationId: string): Promise<WorksAtRow | null> {
  const row = await scope.tx
    .selectFrom('contactOrganizations')
    .select(['title', 'startedOn', 'endedOn', 'role', 'isPrimary'])
    .where('contactId', '=', contactId)
    .where('organizationId', '=', organizationId)
    .executeTakeFirst();
  return row ? { title: row.title, startedOn: row.startedOn, endedOn: row.endedOn, role: row.role, isPrimary: Boolean(row.isPrimary) } : null;
}

/**
 * Edits one works-at link (title, dates, role, primary), adding it when the contact has none there yet:
 * a mover is one contact whose old link gets an end date and whose new link becomes primary. A versioned
 * change of the contact (If-Match applies), logged with the link's before and after.
 */
export async function updateWorksAt(
  core: CoreContext,
  actor: Actor,
  contactId: string,
  organizationId: string,
  changes: WorksAtUpdateInput,
  expectedVersion?: number,
): Promise<void> {
  await write(core, actor, async (scope) => {
    await claimRow(scope, 'contacts', contactId, 'Contact', { expectedVersion });
    await findRow(scope.tx, 'organizations', organizationId, 'Organization');
    const before = await worksAtRow(scope, contactId, organizationId);
    const after: WorksAtRow = { ...(before ?? { title: null, startedOn: null, endedOn: null, role: null, isPrimary: false }), ...definedEntries(changes) };
    if (after.startedOn && after.endedOn && after.endedOn < after.startedOn) {
      throw new Invalid('endedOn: must not be before startedOn', { issues: [{ path: ['endedOn'], message: 'ends before it starts' }] });
    }
    const values = { title: after.title, startedOn: after.startedOn, endedOn: after.endedOn, role: after.role, isPrimary: after.isPrimary ? 1 : 0 };
    if (after.isPrimary && !before?.isPrimary) {
      await scope.tx.updateTable('contactOrganizations').set({ isPrimary: 0 }).where('contactId', '=', contactId).execute();
    }
    if (before) {
      await scope.tx.updateTable('contactOrganizations').set(values).where('contactId', '=', contactId).where('organizationId', '=', organizationId).execute();
    } else {
      const others = await scope.tx.selectFrom('contactOrganizations').select('organizationId').where('contactId', '=', contactId).execute();
      // A contact's first organization is its primary one, as when links are set on the contact itself.
      await scope.tx
        .insertInto('contactOrganizations')
        .values({ contactId, organizationId, ...values, isPrimary: after.isPrimary || others.length === 0 ? 1 : 0 })
        .execute();
    }
    await scope.tx.updateTable('contacts').set(auditedUpdateFields(scope)).where('id', '=', contactId).execute();
    await refreshOrganizationSortNames(scope.tx, { contactId });
    await scope.log({
      action: 'update',
      entityType: 'contact',
      entityId: contactId,
      diff: { before: { worksAt: before ? { organizationId, ...before } : null }, after: { worksAt: { organizationId, ...after } } },
    });
  });
}

async function introducerType(scope: WriteScope, id: string): Promise<'contact' | 'user'> {
  if (await scope.tx.selectFrom('contacts').select('id').where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst()) return 'contact';
  if (await scope.tx.selectFrom('users').select('id').where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst()) return 'user';
  throw new Invalid(`introducedById: no contact or team member ${id}`, { issues: [{ path: ['introducedById'], message: 'unknown contact or user' }] });
}

/** Records who introduced a contact (another contact or a team member); entering it again replaces the note and date. */
export async function addIntroduction(core: CoreContext, actor: Actor, contactId: string, input: IntroductionBody): Promise<void> {
  await write(core, actor, async (scope) => {
    await findRow(scope.tx, 'contacts', contactId, 'Contact');
    if (input.introducedById === contactId)
      throw new Invalid('introducedById: a contact cannot introduce themselves', { issues: [{ path: ['introducedById'], message: 'same as the contact' }] });
    const toType = await introducerType(scope, input.introducedById);
    const at = input.on ? `${input.on}T00:00:00.000Z` : scope.now;
    const evidence: StoredEvidence[] = [
      { kind: 'introduction', at, weight: 1, communicationId: null, summary: input.note ? `Introduction: ${input.note}` : 'Introduction' },
    ];
    const existing = await scope.tx
      .selectFrom('relationshipEdges')
      .select(['id', 'note', 'lastSeenAt'])
      .where('kind', '=', 'introduced_by')
      .where('fromId', '=', contactId)
      .where('toId', '=', input.introducedById)
      .executeTakeFirst();
    const fields = { strength: 1, evidenceJson: JSON.stringify(evidence), note: input.note ?? null, lastSeenAt: at, updatedAt: scope.now };
    if (existing) await scope.tx.updateTable('relationshipEdges').set(fields).where('id', '=', existing.id).execute();
    else {
      await scope.tx
        .insertInto('relationshipEdges')
        .values({
          id: newId(),
          kind: 'introduced_by',
          fromType: 'contact',
          fromId: contactId,
          toType,
          toId: input.introducedById,
          ...fields,
          createdAt: scope.now,
        })
        .execute();
    }
    await scope.log({
      action: 'add_introduction',
      entityType: 'contact',
      entityId: contactId,
      diff: {
        before: { introducedBy: existing ? { id: input.introducedById, note: existing.note, on: existing.lastSeenAt } : null },
        after: { introducedBy: { id: input.introducedById, type: toType, note: fields.note, on: at } },
      },
    });
  });
}

export async function removeIntroduction(core: CoreContext, actor: Actor, contactId: string, introducedById: string): Promise<void> {
  await write(core, actor, async (scope) => {
    const existing = await scope.tx
      .selectFrom('relationshipEdges')
      .select(['id', 'toType', 'note', 'lastSeenAt'])
      .where('kind', '=', 'introduced_by')
      .where('fromId', '=', contactId)
      .where('toId', '=', introducedById)
      .executeTakeFirst();
    if (!existing) throw new NotFound('Introduction', `${contactId} ← ${introducedById}`);
    await scope.tx.deleteFrom('relationshipEdges').where('id', '=', existing.id).execute();
    await scope.log({
      action: 'remove_introduction',
      entityType: 'contact',
      entityId: contactId,
      diff: {
        before: { introducedBy: { id: introducedById, type: existing.toType, note: existing.note, on: existing.lastSeenAt } },
        after: { introducedBy: null },
      },
    });
  });
}
