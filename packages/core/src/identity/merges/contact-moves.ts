import type { Tx } from '../../kernel/write.js';
import type { MergeJournal } from './journal.js';
import type { MergePair } from './moves.js';

const truthy = (value: unknown) => value === true || value === 1 || value === '1';

/**
 * A contact's own rows: emails and phones join the survivor's (the survivor's primary stays primary),
 * organization links move unless the survivor already works there, and commitments that named the
 * merged person as primary contact name the survivor.
 */
export async function moveContactRows(tx: Tx, journal: MergeJournal, { survivorId, mergedId }: MergePair): Promise<void> {
  for (const table of ['contactEmails', 'contactPhones'] as const) {
    const rows = await tx
      .selectFrom(table)
      .select(['id', 'contactId', 'isPrimary', 'position'])
      .where('contactId', 'in', [survivorId, mergedId])
      .orderBy('position')
      .execute();
    const survivorRows = rows.filter((r) => r.contactId === survivorId);
    const survivorHasPrimary = survivorRows.some((r) => truthy(r.isPrimary));
    let position = survivorRows.reduce((max, r) => Math.max(max, Number(r.position) + 1), 0);
    for (const row of rows.filter((r) => r.contactId === mergedId)) {
      const patch: Record<string, unknown> = { contactId: survivorId, position };
      if (survivorHasPrimary && truthy(row.isPrimary)) patch.isPrimary = 0;
      await journal.update(table, { id: row.id }, patch);
      position += 1;
    }
  }

  const links = await tx
    .selectFrom('contactOrganizations')
    .select(['contactId', 'organizationId', 'isPrimary'])
    .where('contactId', 'in', [survivorId, mergedId])
    .execute();
  const survivorLinks = links.filter((l) => l.contactId === survivorId);
  const survivorOrganizations = new Set(survivorLinks.map((l) => l.organizationId));
  const survivorHasPrimary = survivorLinks.some((l) => truthy(l.isPrimary));
  for (const link of links.filter((l) => l.contactId === mergedId)) {
    const key = { contactId: mergedId, organizationId: link.organizationId };
    if (survivorOrganizations.has(link.organizationId)) {
      await journal.delete('contactOrganizations', key);
      continue;
    }
    const patch: Record<string, unknown> = { contactId: survivorId };
    if (survivorHasPrimary && truthy(link.isPrimary)) patch.isPrimary = 0;
    await journal.update('contactOrganizations', key, patch);
  }

  const commitments = await tx.selectFrom('commitments').select('id').where('primaryContactId', '=', mergedId).execute();
  for (const commitment of commitments) await journal.update('commitments', { id: commitment.id }, { primaryContactId: survivorId });
}
