import { type BatchChange, type BatchConflict, CommitmentCreateInput, CommitmentUpdateInput, parseGridFundField, Stage } from '@lpdesk/contracts';
import { z } from 'zod';
import { createCommitmentIn, updateCommitmentIn } from '../commitments/commands.js';
import { Invalid } from '../kernel/errors.js';
import type { ValidationIssue } from '../kernel/operations.js';
import { lockRow } from '../kernel/records.js';
import type { WriteScope } from '../kernel/write.js';

/**
 * Grid fund cells: `{entityType:'organization', entityId, field:'fund:<fundId>:<committedAmount|
 * expectedAmount|stage>'}` address the investor's live commitment to that fund. The batch compares
 * `expected` with that commitment's value (null when there is none yet) and applies the change to it,
 * creating the commitment (stage lead unless the batch sets one) when absent. Stage moves keep their
 * rules: entering committed or closed needs a committed amount (400).
 */
export interface FundCellChanges {
  organizationId: string;
  fundId: string;
  changes: { committedAmount?: number | null; expectedAmount?: number | null; stage?: Stage | null };
  fields: { index: number; change: BatchChange }[];
}

const FundCellValues = z.strictObject({
  committedAmount: CommitmentUpdateInput.shape.committedAmount,
  expectedAmount: CommitmentUpdateInput.shape.expectedAmount,
  // null only means "no commitment" and is accepted where there is none (a pasted empty cell).
  stage: Stage.nullable().optional(),
});

export function isFundCell(change: BatchChange): boolean {
  return change.entityType === 'organization' && parseGridFundField(change.field) !== null;
}

/** Group fund cell changes by investor × fund, validating values; problems go to `issues`. */
export function groupFundCells(changes: { index: number; change: BatchChange }[], issues: ValidationIssue[]): FundCellChanges[] {
  const groups = new Map<string, FundCellChanges>();
  for (const { index, change } of changes) {
    const parsed = parseGridFundField(change.field);
    if (!parsed) continue;
    const key = `${change.entityId}:${parsed.fundId}`;
    const group = groupFundCell(groups, key, change.entityId, parsed.fundId);
    if (Object.hasOwn(group.changes, parsed.field)) {
      issues.push({ path: ['changes', index, 'field'], message: `"${change.field}" of organization ${change.entityId} is changed twice in one batch` });
      continue;
    }
    const value = FundCellValues.shape[parsed.field].safeParse(change.value);
    if (!value.success) {
      issues.push({ path: ['changes', index, 'value'], message: `organization.${change.field}: ${value.error.issues[0]?.message ?? 'invalid value'}` });
      continue;
    }
    Object.assign(group.changes, { [parsed.field]: value.data });
    group.fields.push({ index, change });
  }
  return [...groups.values()];
}

function groupFundCell(groups: Map<string, FundCellChanges>, key: string, organizationId: string, fundId: string): FundCellChanges {
  const existing = groups.get(key);
  if (existing) return existing;
  const group: FundCellChanges = { organizationId, fundId, changes: {}, fields: [] };
  groups.set(key, group);
  return group;
}

async function findCommitment(scope: WriteScope, group: FundCellChanges) {
  return scope.tx
    .selectFrom('commitments')
    .select(['id', 'stage', 'committedAmount', 'expectedAmount'])
    .where('organizationId', '=', group.organizationId)
    .where('fundId', '=', group.fundId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
}

/**
 * Lock the investor (so two batches creating the same commitment queue, and the second finds the
 * first's) and report each `expected` that differs from the commitment's value as it stands.
 */
export async function checkFundCells(scope: WriteScope, group: FundCellChanges, conflicts: BatchConflict[]): Promise<void> {
  await lockRow(scope, 'organizations', group.organizationId, 'Organization');
  const withExpectation = group.fields.filter((f) => Object.hasOwn(f.change, 'expected'));
  if (withExpectation.length === 0) return;
  const commitment = await findCommitment(scope, group);
  for (const { change } of withExpectation) {
    const field = parseGridFundField(change.field)?.field;
    if (!field) continue;
    const raw = commitment ? commitment[field] : null;
    const current = raw === null || raw === undefined ? null : field === 'stage' ? raw : Number(raw);
    const expected = change.expected === undefined ? null : change.expected;
    if (current !== expected) conflicts.push({ entityType: 'organization', entityId: group.organizationId, field: change.field, current });
  }
}

/** Apply one investor × fund's changes: update the live commitment, or create it. */
export async function applyFundCells(scope: WriteScope, group: FundCellChanges): Promise<Record<string, unknown> | null> {
  const commitment = await findCommitment(scope, group);
  const { stage, ...amounts } = group.changes;
  if (commitment) {
    if (stage === null) {
      throw new Invalid(`fund:${group.fundId}:stage: a commitment keeps a stage; move the commitment to the trash to remove it`, {
        issues: [
          { path: ['changes', group.fields.find((f) => f.change.field.endsWith(':stage'))?.index ?? 0, 'value'], message: 'a commitment keeps a stage' },
        ],
      });
    }
    const changes = { ...amounts, ...(stage ? { stage } : {}) };
    return (await updateCommitmentIn(scope, commitment.id, changes)) as unknown as Record<string, unknown>;
  }
  // Nothing but empty values for an investor with no commitment to this fund (an empty pasted cell): nothing to create.
  if (stage == null && Object.values(amounts).every((value) => value === null || value === undefined)) return null;
  const input = CommitmentCreateInput.parse({ organizationId: group.organizationId, fundId: group.fundId, ...amounts, ...(stage ? { stage } : {}) });
  return (await createCommitmentIn(scope, input)) as unknown as Record<string, unknown>;
}
