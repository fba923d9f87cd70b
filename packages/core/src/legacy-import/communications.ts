import { CommunicationKind } from '@lpdesk/contracts';
import { createCommunicationIn } from '../communications/commands.js';
import { calendarDay, instant, text } from './reader.js';
import { backdate, countState, type ImportRun, ledgerEntry, LEGACY_SOURCE, attachRecord, track } from './run.js';

/**
 * Communications keep their event time (`communication_date`) as occurredAt and their typing time as
 * createdAt; they link to the contact, its investor organization and the commitment of their opportunity.
 * Attendees (a JSON list the legacy tool never resolved) stay on the source record.
 */
export async function importCommunications(run: ImportRun): Promise<void> {
  const contacts = new Map(run.legacy.rows('contacts').map((row) => [String(row.id), row]));
  for (const row of run.legacy.rows('communications')) {
    const legacyId = String(row.id);
    const contactId = run.contacts.get(String(row.contact_id));
    if (!contactId) {
      run.report.skipped.push({ table: 'communications', id: legacyId, reason: 'its contact is missing' });
      continue;
    }
    const createdAt = instant(row.created_at);
    const occurredAt = instant(row.communication_date) ?? createdAt ?? run.scope.now;
    const kindParse = CommunicationKind.safeParse(
      String(row.type ?? '')
        .trim()
        .toLowerCase(),
    );
    const attendees = run.legacy.stringList('communications', row, 'attendees');
    const legacyContact = contacts.get(String(row.contact_id));
    const organizationId = legacyContact
      ? (run.investorOfContact.get(String(legacyContact.id)) ?? run.organizations.get(String(legacyContact.organization_id)))
      : undefined;
    const commitmentId = run.opportunities.get(String(row.opportunity_id));
    const payload = {
      kind: kindParse.success ? kindParse.data : 'note',
      occurredAt,
      subject: text(row.subject)?.slice(0, 500) ?? null,
      body: text(row.body),
      outcome: text(row.outcome),
      nextAction: text(row.next_action),
      nextActionDueOn: calendarDay(row.next_action_date),
      durationMinutes: Number.isInteger(Number(row.duration_minutes)) && row.duration_minutes !== null ? Number(row.duration_minutes) : null,
    };
    const known = await ledgerEntry(run, 'communications', legacyId);
    let id = known?.entityId ?? null;
    let createdNow = false;
    if (!id) {
      const author = run.users.get(String(row.created_by));
      const view = await createCommunicationIn(run.scope, {
        ...payload,
        source: 'import',
        contactIds: [contactId],
        organizationIds: organizationId ? [organizationId] : [],
        commitmentIds: commitmentId ? [commitmentId] : [],
        ...(author ? { nextActionAssigneeId: author.id } : {}),
      });
      id = view.id;
      await run.scope.tx
        .updateTable('communications')
        .set({ authorId: author?.id ?? null, createdBy: author?.id ?? null })
        .where('id', '=', id)
        .execute();
      createdNow = await backdate(run, 'communications', id, createdAt);
    }
    const state = await track(run, 'communications', legacyId, 'communication', id, payload);
    if (state === 'changed' && !createdNow) {
      await run.scope.tx
        .updateTable('communications')
        .set({ ...payload, updatedAt: run.scope.now })
        .where('id', '=', id)
        .execute();
      await run.scope.log({ action: 'update', entityType: 'communication', entityId: id, diff: { after: payload } });
    }
    countState(run, 'communication', state, createdNow);
    run.communications.set(legacyId, id);
    await attachRecord(
      run,
      LEGACY_SOURCE('communications'),
      legacyId,
      'communication',
      id,
      { type: row.type, subject: row.subject, attendees, contactId },
      'the legacy communication',
      occurredAt,
    );
  }
}
