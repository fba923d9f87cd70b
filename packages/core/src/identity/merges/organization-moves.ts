import type { Db } from '../../db/connect.js';
import type { Tx } from '../../kernel/write.js';
import type { MergeJournal } from './journal.js';
import type { MergePair } from './moves.js';

export interface RetiredCommitment {
  commitmentId: string;
  fundId: string;
  fundName: string;
  keptCommitmentId: string;
}

/**
 * An organization's own rows: people, domains, notes and commitments. One investor has one commitment
 * per fund (a unique key), so where both had one to the same fund the survivor's stays and the merged
 * one's is retired to the trash, recorded for the merge's log and its undo.
 */
export async function moveOrganizationRows(
  tx: Tx,
  journal: MergeJournal,
  { survivorId, mergedId }: MergePair,
  now: string,
  actorId: string | null,
): Promise<RetiredCommitment[]> {
  const links = await tx
    .selectFrom('contactOrganizations')
    .select(['contactId', 'organizationId', 'isPrimary'])
    .where('organizationId', 'in', [survivorId, mergedId])
    .execute();
  const survivorLinks = new Map(links.filter((l) => l.organizationId === survivorId).map((l) => [l.contactId, l]));
  for (const link of links.filter((l) => l.organizationId === mergedId)) {
    const key = { contactId: link.contactId, organizationId: mergedId };
    const kept = survivorLinks.get(link.contactId);
    if (!kept) {
      await journal.update('contactOrganizations', key, { organizationId: survivorId });
      continue;
    }
    await journal.delete('contactOrganizations', key);
    // Someone whose primary firm was the merged one keeps it, now the survivor, as primary.
    if (Number(link.isPrimary) === 1 && Number(kept.isPrimary) !== 1) {
      await journal.update('contactOrganizations', { contactId: link.contactId, organizationId: survivorId }, { isPrimary: 1 });
    }
  }

  const domains = await tx.selectFrom('organizationDomains').selectAll().where('organizationId', 'in', [survivorId, mergedId]).execute();
  const survivorDomains = new Set(domains.filter((d) => d.organizationId === survivorId).map((d) => d.domain));
  for (const domain of domains.filter((d) => d.organizationId === mergedId)) {
    const key = { organizationId: mergedId, domain: domain.domain };
    if (survivorDomains.has(domain.domain)) await journal.delete('organizationDomains', key);
    else await journal.update('organizationDomains', key, { organizationId: survivorId });
  }

  const notes = await tx.selectFrom('organizationNotes').select('id').where('organizationId', '=', mergedId).execute();
  for (const note of notes) await journal.update('organizationNotes', { id: note.id }, { organizationId: survivorId });

  return moveCommitments(tx, journal, survivorId, mergedId, now, actorId);
}

async function moveCommitments(
  tx: Tx,
  journal: MergeJournal,
  survivorId: string,
  mergedId: string,
  now: string,
  actorId: string | null,
): Promise<RetiredCommitment[]> {
  const commitments = await tx
    .selectFrom('commitments as c')
    .innerJoin('funds as f', 'f.id', 'c.fundId')
    .select(['c.id', 'c.organizationId', 'c.fundId', 'c.deletedAt', 'f.name as fundName'])
    .where('c.organizationId', 'in', [survivorId, mergedId])
    .execute();
  const survivorByFund = new Map(commitments.filter((c) => c.organizationId === survivorId).map((c) => [c.fundId, c]));
  const retired: RetiredCommitment[] = [];
  for (const commitment of commitments.filter((c) => c.organizationId === mergedId)) {
    const kept = survivorByFund.get(commitment.fundId);
    if (!kept) {
      await journal.update('commitments', { id: commitment.id }, { organizationId: survivorId });
      continue;
    }
    // The unique (investor, fund) key keeps it on the merged organization, in the trash.
    if (commitment.deletedAt === null) {
      const current = await tx.selectFrom('commitments').select('version').where('id', '=', commitment.id).executeTakeFirstOrThrow();
      await journal.update(
        'commitments',
        { id: commitment.id },
        { deletedAt: now, deletedBy: actorId, updatedAt: now, updatedBy: actorId, version: current.version + 1 },
      );
    }
    retired.push({ commitmentId: commitment.id, fundId: commitment.fundId, fundName: commitment.fundName, keptCommitmentId: kept.id });
  }
  return retired;
}

/** The same-fund commitments a merge of these two organizations would have to reconcile. */
export async function sharedFundCommitments(tx: Tx | Db, aId: string, bId: string): Promise<{ fundId: string; fundName: string }[]> {
  const rows = await tx
    .selectFrom('commitments as c')
    .innerJoin('funds as f', 'f.id', 'c.fundId')
    .select(['c.organizationId', 'c.fundId', 'f.name as fundName'])
    .where('c.organizationId', 'in', [aId, bId])
    .where('c.deletedAt', 'is', null)
    .execute();
  const a = new Set(rows.filter((r) => r.organizationId === aId).map((r) => r.fundId));
  const seen = new Set<string>();
  return rows
    .filter((r) => r.organizationId === bId && a.has(r.fundId) && !seen.has(r.fundId) && seen.add(r.fundId))
    .map((r) => ({ fundId: r.fundId, fundName: r.fundName }));
}
