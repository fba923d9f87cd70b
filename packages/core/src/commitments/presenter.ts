import { ActorKind, type Commitment, OrganizationKind, Priority, Stage, type StageChange } from '@lpdesk/contracts';
import { loadCustomFieldsFor } from '../custom-fields/index.js';
import type { Db } from '../db/connect.js';
import type { Row } from '../db/schema.js';
import { asEnum, asNullableEnum, toBool } from '../kernel/values.js';
import type { Tx } from '../kernel/write.js';
import { loadUserRefs, refOrNull } from '../shared/lookups.js';
import { loadTagsFor } from '../tags/index.js';
import { effectiveProbability } from './rules.js';

export type CommitmentView = Commitment;

export async function presentCommitments(db: Db | Tx, rows: Row<'commitments'>[]): Promise<CommitmentView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const orgIds = [...new Set(rows.map((r) => r.organizationId))];
  const fundIds = [...new Set(rows.map((r) => r.fundId))];
  const contactIds = [...new Set(rows.map((r) => r.primaryContactId).filter((id): id is string => Boolean(id)))];
  const [owners, tags, customFields, orgs, funds, contacts, k1s] = await Promise.all([
    loadUserRefs(db, rows.map((r) => r.ownerId)),
    loadTagsFor(db, 'commitment', ids),
    loadCustomFieldsFor(db, 'commitment', ids),
    db.selectFrom('organizations').select(['id', 'name', 'kind']).where('id', 'in', orgIds).execute(),
    db.selectFrom('funds').select(['id', 'name']).where('id', 'in', fundIds).execute(),
    contactIds.length === 0 ? Promise.resolve([]) : db.selectFrom('contacts').select(['id', 'firstName', 'lastName']).where('id', 'in', contactIds).execute(),
    db.selectFrom('commitmentK1s').select(['commitmentId', 'taxYear']).where('commitmentId', 'in', ids).orderBy('taxYear').execute(),
  ]);
  const orgById = new Map(orgs.map((o) => [o.id, { id: o.id, name: o.name, kind: asEnum(OrganizationKind, o.kind) }]));
  const fundById = new Map(funds.map((f) => [f.id, f]));
  const contactById = new Map(contacts.map((c) => [c.id, { id: c.id, name: `${c.firstName} ${c.lastName}`.trim() }]));
  return rows.map((row) => {
    const stage = asEnum(Stage, row.stage);
    return {
      id: row.id,
      version: row.version,
      organizationId: row.organizationId,
      organization: orgById.get(row.organizationId) ?? null,
      fundId: row.fundId,
      fund: fundById.get(row.fundId) ?? null,
      stage,
      stageChangedAt: row.stageChangedAt,
      declinedReason: row.declinedReason,
      currency: row.currency,
      expectedAmount: row.expectedAmount,
      committedAmount: row.committedAmount,
      fundedAmount: row.fundedAmount,
      probability: row.probability,
      effectiveProbability: effectiveProbability(stage, row.probability),
      expectedCloseOn: row.expectedCloseOn,
      ownerId: row.ownerId,
      owner: refOrNull(owners, row.ownerId),
      primaryContactId: row.primaryContactId,
      primaryContact: row.primaryContactId ? (contactById.get(row.primaryContactId) ?? null) : null,
      priority: asNullableEnum(Priority, row.priority),
      nextStep: row.nextStep,
      source: row.source,
      subscriptionDocsSentOn: row.subscriptionDocsSentOn,
      subscriptionDocsSignedOn: row.subscriptionDocsSignedOn,
      sideLetter: toBool(row.sideLetter),
      wireReceivedOn: row.wireReceivedOn,
      k1SentTaxYears: k1s.filter((k) => k.commitmentId === row.id).map((k) => Number(k.taxYear)),
      tags: tags.get(row.id) ?? [],
      customFields: customFields.get(row.id) ?? {},
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      createdBy: row.createdBy,
      deletedAt: row.deletedAt,
      deletedBy: row.deletedBy,
    };
  });
}

export async function presentCommitment(db: Db | Tx, row: Row<'commitments'>): Promise<CommitmentView> {
  const [view] = await presentCommitments(db, [row]);
  return view as CommitmentView;
}

export type StageChangeView = StageChange;

/** Stage history joined with names, newest first. */
export async function listStageChanges(
  db: Db | Tx,
  filter: { commitmentIds?: string[]; organizationIds?: string[]; fundId?: string; limit: number },
): Promise<StageChangeView[]> {
  let query = db
    .selectFrom('stageChanges as sc')
    .innerJoin('commitments as c', 'c.id', 'sc.commitmentId')
    .innerJoin('organizations as o', 'o.id', 'c.organizationId')
    .innerJoin('funds as f', 'f.id', 'c.fundId')
    .leftJoin('users as u', 'u.id', 'sc.actorId')
    .select(['sc.id', 'sc.commitmentId', 'c.organizationId', 'o.name as organizationName', 'f.name as fundName', 'sc.fromStage', 'sc.toStage', 'sc.reason', 'sc.changedAt', 'sc.actorKind', 'u.fullName', 'u.username'])
    .where('c.deletedAt', 'is', null);
  if (filter.commitmentIds) query = query.where('sc.commitmentId', 'in', filter.commitmentIds.length ? filter.commitmentIds : ['']);
  if (filter.organizationIds) query = query.where('c.organizationId', 'in', filter.organizationIds.length ? filter.organizationIds : ['']);
  if (filter.fundId) {
    // Asked as "does this change's commitment belong to the fund" rather than a condition on the
    // joined commitment: the planners then walk the changes newest first and stop at the limit,
    // instead of collecting every commitment of the fund and sorting all their changes.
    const fundId = filter.fundId;
    query = query.where((eb) => eb.exists(eb.selectFrom('commitments as fc').select('fc.id').whereRef('fc.id', '=', 'sc.commitmentId').where('fc.fundId', '=', fundId)));
  }
  const rows = await query.orderBy('sc.changedAt', 'desc').orderBy('sc.id', 'desc').limit(filter.limit).execute();
  return rows.map(({ fullName, username, ...row }) => ({ ...row, fromStage: asNullableEnum(Stage, row.fromStage), toStage: asEnum(Stage, row.toStage), actorKind: asEnum(ActorKind, row.actorKind), actorName: fullName ?? username ?? (row.actorKind === 'system' ? 'system' : null) }));
}
