import type { CommitmentCreateInput, CommitmentUpdateInput, Stage } from '@lpdesk/contracts';
import { writeCustomFieldValues } from '../custom-fields/index.js';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { Conflict, Invalid } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import type { Row } from '../db/schema.js';
import { auditedInsertFields, auditedUpdateFields, claimRow, findRow, restoreRow, softDeleteRow } from '../kernel/records.js';
import { definedEntries, fromBool } from '../kernel/values.js';
import { diffRecords, type WriteScope, write } from '../kernel/write.js';
import { assertUserExists } from '../shared/lookups.js';
import { setEntityTags } from '../tags/index.js';
import { type CommitmentView, presentCommitment } from './presenter.js';
import { checkStageMove, committedAmountRequired, isCommittedStage } from './rules.js';

function snapshot(view: CommitmentView) {
  const { organization: _o, fund: _f, owner: _ow, primaryContact: _pc, effectiveProbability: _e, createdAt: _c, updatedAt: _u, ...rest } = view;
  return { ...rest, tags: view.tags.map((t) => t.name) };
}

async function replaceK1s(scope: WriteScope, commitmentId: string, years: number[]) {
  const existing = await scope.tx.selectFrom('commitmentK1s').selectAll().where('commitmentId', '=', commitmentId).execute();
  const wanted = new Set(years);
  const toRemove = existing.filter((k) => !wanted.has(Number(k.taxYear))).map((k) => k.taxYear);
  if (toRemove.length > 0) await scope.tx.deleteFrom('commitmentK1s').where('commitmentId', '=', commitmentId).where('taxYear', 'in', toRemove).execute();
  const have = new Set(existing.map((k) => Number(k.taxYear)));
  const toAdd = [...wanted].filter((y) => !have.has(y));
  if (toAdd.length > 0) {
    await scope.tx.insertInto('commitmentK1s').values(toAdd.map((taxYear) => ({ commitmentId, taxYear, sentOn: scope.now.slice(0, 10) }))).execute();
  }
}

async function assertContactExists(scope: WriteScope, id: string | null | undefined) {
  if (!id) return;
  const row = await scope.tx.selectFrom('contacts').select('id').where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  if (!row) throw new Invalid(`primaryContactId: no contact ${id}`, { issues: [{ path: ['primaryContactId'], message: 'unknown contact' }] });
}

async function recordStageChange(scope: WriteScope, commitmentId: string, from: Stage | null, to: Stage, reason: string | null) {
  await scope.tx
    .insertInto('stageChanges')
    .values({ id: newId(), commitmentId, fromStage: from, toStage: to, reason, changedAt: scope.now, actorKind: scope.actor.kind, actorId: scope.actor.id })
    .execute();
}

export async function createCommitmentIn(scope: WriteScope, input: CommitmentCreateInput): Promise<CommitmentView> {
  const organization = await scope.tx.selectFrom('organizations').select(['id', 'deletedAt']).where('id', '=', input.organizationId).executeTakeFirst();
  if (!organization || organization.deletedAt) throw new Invalid(`organizationId: no organization ${input.organizationId}`, { issues: [{ path: ['organizationId'], message: 'unknown organization' }] });
  const fund = await scope.tx.selectFrom('funds').select(['id', 'currency', 'deletedAt']).where('id', '=', input.fundId).executeTakeFirst();
  if (!fund || fund.deletedAt) throw new Invalid(`fundId: no fund ${input.fundId}`, { issues: [{ path: ['fundId'], message: 'unknown fund' }] });
  const existing = await scope.tx.selectFrom('commitments').select(['id', 'deletedAt']).where('organizationId', '=', input.organizationId).where('fundId', '=', input.fundId).executeTakeFirst();
  if (existing) {
    throw new Conflict(existing.deletedAt ? 'This investor has a commitment to this fund in the trash; restore it instead' : 'This investor already has a commitment to this fund', { id: existing.id });
  }
  // Creating a commitment in a stage is entering it: the same rules as a move apply.
  if (input.stage !== 'lead') checkStageMove('lead', input.stage, input.declinedReason, input.committedAmount);
  await assertUserExists(scope.tx, input.ownerId, 'ownerId');
  await assertContactExists(scope, input.primaryContactId);
  const row = {
    id: newId(),
    organizationId: input.organizationId,
    fundId: input.fundId,
    stage: input.stage,
    stageChangedAt: scope.now,
    declinedReason: input.declinedReason ?? null,
    currency: fund.currency,
    expectedAmount: input.expectedAmount ?? null,
    committedAmount: input.committedAmount ?? null,
    fundedAmount: input.fundedAmount ?? null,
    probability: input.probability ?? null,
    expectedCloseOn: input.expectedCloseOn ?? null,
    // Owner defaults to the person creating the record (an API key's creator; none for the system).
    ownerId: input.ownerId === undefined ? scope.actor.userId : input.ownerId,
    primaryContactId: input.primaryContactId ?? null,
    priority: input.priority ?? null,
    nextStep: input.nextStep ?? null,
    source: input.source ?? null,
    subscriptionDocsSentOn: input.subscriptionDocsSentOn ?? null,
    subscriptionDocsSignedOn: input.subscriptionDocsSignedOn ?? null,
    sideLetter: fromBool(input.sideLetter ?? false),
    wireReceivedOn: input.wireReceivedOn ?? null,
    ...auditedInsertFields(scope),
  };
  await scope.tx.insertInto('commitments').values(row).execute();
  await recordStageChange(scope, row.id, null, input.stage, input.declinedReason ?? null);
  await replaceK1s(scope, row.id, input.k1SentTaxYears ?? []);
  await setEntityTags(scope, 'commitment', row.id, input.tagIds ?? []);
  await writeCustomFieldValues(scope, 'commitment', row.id, input.customFields, 'create');
  const view = await presentCommitment(scope.tx, row);
  await scope.log({ action: 'create', entityType: 'commitment', entityId: row.id, diff: { after: snapshot(view) } });
  return view;
}

export function createCommitment(core: CoreContext, actor: Actor, input: CommitmentCreateInput) {
  return write(core, actor, (scope) => createCommitmentIn(scope, input));
}

/** A stage move: where to, why (declined), and the amount committed (committed and closed). */
export interface StageMove {
  stage: Stage;
  reason?: string | null | undefined;
  committedAmount?: number | null | undefined;
}

/**
 * Move a commitment to another stage, recording the change with its reason for velocity reports.
 * A committed amount given with the move is recorded with it; entering committed or closed needs one.
 */
export async function moveStageIn(scope: WriteScope, id: string, move: StageMove, claimed?: Row<'commitments'>): Promise<CommitmentView> {
  const row = claimed ?? (await claimRow(scope, 'commitments', id, 'Commitment'));
  const from = row.stage as Stage;
  const { stage, reason } = move;
  const committedAmount = move.committedAmount ?? row.committedAmount;
  checkStageMove(from, stage, reason, committedAmount);
  const amountChanged = move.committedAmount !== undefined && move.committedAmount !== row.committedAmount;
  await scope.tx
    .updateTable('commitments')
    .set({
      stage,
      stageChangedAt: scope.now,
      declinedReason: stage === 'declined' ? (reason ?? null) : null,
      ...(amountChanged ? { committedAmount: move.committedAmount } : {}),
      ...auditedUpdateFields(scope),
    })
    .where('id', '=', id)
    .execute();
  await recordStageChange(scope, id, from, stage, reason ?? null);
  const before = { stage: from, ...(amountChanged ? { committedAmount: row.committedAmount } : {}) };
  const after = { stage, ...(amountChanged ? { committedAmount: move.committedAmount } : {}) };
  await scope.log({ action: 'stage_change', entityType: 'commitment', entityId: id, diff: { before, after, reason: reason ?? null } });
  return presentCommitment(scope.tx, await findRow(scope.tx, 'commitments', id, 'Commitment'));
}

export function moveCommitmentStage(core: CoreContext, actor: Actor, id: string, move: StageMove) {
  return write(core, actor, (scope) => moveStageIn(scope, id, move));
}

export async function updateCommitmentIn(scope: WriteScope, id: string, changes: CommitmentUpdateInput, expectedVersion?: number): Promise<CommitmentView> {
    const beforeRow = await claimRow(scope, 'commitments', id, 'Commitment', { expectedVersion, present: (row) => presentCommitment(scope.tx, row) });
    const before = await presentCommitment(scope.tx, beforeRow);
    const { stage, declinedReason, k1SentTaxYears, tagIds, customFields, sideLetter, ...columns } = changes;
    await assertUserExists(scope.tx, columns.ownerId, 'ownerId');
    await assertContactExists(scope, columns.primaryContactId);
    if (stage && stage !== beforeRow.stage) {
      await moveStageIn(scope, id, { stage, reason: declinedReason, committedAmount: columns.committedAmount }, beforeRow);
    } else if (columns.committedAmount === null && isCommittedStage(beforeRow.stage as Stage)) {
      throw committedAmountRequired();
    } else if (declinedReason !== undefined) {
      if (beforeRow.stage !== 'declined' && declinedReason) throw new Invalid('declinedReason: only a declined commitment has a reason');
      if (beforeRow.stage === 'declined' && !declinedReason) throw new Invalid('declinedReason: a declined commitment needs a reason');
      await scope.tx.updateTable('commitments').set({ declinedReason }).where('id', '=', id).execute();
    }
    await scope.tx
      .updateTable('commitments')
      .set({ ...definedEntries(columns), ...(sideLetter !== undefined ? { sideLetter: fromBool(sideLetter) } : {}), ...auditedUpdateFields(scope) })
      .where('id', '=', id)
      .execute();
    if (k1SentTaxYears) await replaceK1s(scope, id, k1SentTaxYears);
    if (tagIds) await setEntityTags(scope, 'commitment', id, tagIds);
    if (customFields) await writeCustomFieldValues(scope, 'commitment', id, customFields, 'update');
    const after = await presentCommitment(scope.tx, await findRow(scope.tx, 'commitments', id, 'Commitment'));
    const diff = diffRecords(snapshot(before), snapshot(after), ['updatedAt', 'updatedBy', 'version', 'stage', 'stageChangedAt']);
    if (Object.keys(diff.after).length > 0) await scope.log({ action: 'update', entityType: 'commitment', entityId: id, diff });
    return after;
}

export function updateCommitment(core: CoreContext, actor: Actor, id: string, changes: CommitmentUpdateInput, expectedVersion?: number) {
  return write(core, actor, (scope) => updateCommitmentIn(scope, id, changes, expectedVersion));
}

export function deleteCommitment(core: CoreContext, actor: Actor, id: string) {
  return write(core, actor, (scope) => softDeleteRow(scope, 'commitments', 'commitment', id, 'Commitment'));
}

export async function restoreCommitment(core: CoreContext, actor: Actor, id: string) {
  await write(core, actor, (scope) => restoreRow(scope, 'commitments', 'commitment', id, 'Commitment'));
  return presentCommitment(core.db, await findRow(core.db, 'commitments', id, 'Commitment'));
}
