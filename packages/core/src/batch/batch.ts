import type { BatchChange, BatchConflict, BatchInput, BatchResultView } from '@lpdesk/contracts';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { Conflict, Invalid } from '../kernel/errors.js';
import { describeIssues, type ValidationIssue } from '../kernel/operations.js';
import { authorize } from '../kernel/permissions.js';
import { lockRow } from '../kernel/records.js';
import { write } from '../kernel/write.js';
import { applyFundCells, checkFundCells, type FundCellChanges, groupFundCells, isFundCell } from './fund-cells.js';
import { BATCH_TARGETS, type BatchTarget } from './targets.js';

const CUSTOM_FIELD_PREFIX = 'customFields.';

/** The changes for one record, in the shape its update command takes, with where each came from. */
interface RecordChanges {
  target: BatchTarget;
  change: BatchChange;
  changes: Record<string, unknown>;
  fields: { index: number; change: BatchChange }[];
}

function fieldPath(field: string): { key: string; customField: string | null } {
  if (field.startsWith(CUSTOM_FIELD_PREFIX)) return { key: 'customFields', customField: field.slice(CUSTOM_FIELD_PREFIX.length) };
  return { key: field, customField: null };
}

function groupByRecord(input: BatchInput): { records: RecordChanges[]; fundCells: FundCellChanges[] } {
  const records = new Map<string, RecordChanges>();
  const issues: ValidationIssue[] = [];
  const fundCellChanges: { index: number; change: BatchChange }[] = [];
  for (const [index, change] of input.changes.entries()) {
    if (isFundCell(change)) {
      fundCellChanges.push({ index, change });
      continue;
    }
    const target = BATCH_TARGETS[change.entityType];
    const { key, customField } = fieldPath(change.field);
    if (!Object.hasOwn(target.changes.shape, key) || customField === '') {
      issues.push({ path: ['changes', index, 'field'], message: `${change.entityType} has no editable field "${change.field}"` });
      continue;
    }
    const recordKey = `${change.entityType}:${change.entityId}`;
    const record = records.get(recordKey) ?? { target, change, changes: {}, fields: [] };
    records.set(recordKey, record);
    if (record.fields.some((f) => f.change.field === change.field)) {
      issues.push({ path: ['changes', index, 'field'], message: `"${change.field}" of ${change.entityType} ${change.entityId} is changed twice in one batch` });
      continue;
    }
    if (customField) {
      const values = (record.changes.customFields ?? {}) as Record<string, unknown>;
      values[customField] = change.value;
      record.changes.customFields = values;
    } else {
      record.changes[key] = change.value;
    }
    record.fields.push({ index, change });
  }
  const fundCells = groupFundCells(fundCellChanges, issues);
  if (issues.length === 0) {
    for (const record of records.values()) {
      const parsed = record.target.changes.safeParse(record.changes);
      if (parsed.success) {
        record.changes = parsed.data as Record<string, unknown>;
        continue;
      }
      for (const issue of parsed.error.issues) {
        const [first, second] = issue.path.map(String);
        const field = first === 'customFields' && second ? `${CUSTOM_FIELD_PREFIX}${second}` : first;
        const source = record.fields.find((f) => f.change.field === field) ?? record.fields[0];
        issues.push({ path: ['changes', source?.index ?? 0, 'value'], message: `${record.change.entityType}.${field ?? ''}: ${issue.message}` });
      }
    }
  }
  if (issues.length > 0) throw new Invalid(describeIssues(issues), { issues });
  return { records: [...records.values()], fundCells };
}

function presentedValue(view: object, field: string): unknown {
  const { key, customField } = fieldPath(field);
  const fields = view as Record<string, unknown>;
  const value = customField ? (fields.customFields as Record<string, unknown> | undefined)?.[customField] : fields[key];
  return value === undefined ? null : value;
}

/** Values compare as JSON: key order and undefined-versus-null are not differences a client can see. */
function sameValue(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown => {
    if (value === undefined) return null;
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.keys(value as object).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
    }
    return value;
  };
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}


/**
 * Apply many field changes in one transaction, all or nothing. Each change may carry the value the
 * client last saw (`expected`); if any stored value differs, nothing applies and every stale field is
 * reported with its current value. Each record changes once (one version, one log entry) however many
 * of its fields the batch sets.
 */
export async function applyBatch(core: CoreContext, actor: Actor, input: BatchInput): Promise<BatchResultView> {
  const { records, fundCells } = groupByRecord(input);
  for (const record of records) authorize(actor, record.target.permission);
  if (fundCells.length > 0) authorize(actor, 'crm.write');
  return write(core, actor, async (scope) => {
    const conflicts: BatchConflict[] = [];
    for (const record of records) {
      const { entityType, entityId } = record.change;
      const row = await lockRow(scope, record.target.table, entityId, record.target.label);
      const withExpectation = record.fields.filter((f) => Object.hasOwn(f.change, 'expected'));
      if (withExpectation.length === 0) continue;
      const view = await record.target.present(scope.tx, row);
      for (const { change } of withExpectation) {
        const current = presentedValue(view, change.field);
        if (!sameValue(current, change.expected)) conflicts.push({ entityType, entityId, field: change.field, current });
      }
    }
    for (const group of fundCells) await checkFundCells(scope, group, conflicts);
    if (conflicts.length > 0) {
      throw new Conflict(`${conflicts.length} of the values you edited changed since you loaded them; nothing was saved`, { conflicts });
    }
    const updated: Record<string, unknown>[] = [];
    for (const record of records) updated.push((await record.target.update(scope, record.change.entityId, record.changes)) as Record<string, unknown>);
    for (const group of fundCells) {
      const commitment = await applyFundCells(scope, group);
      if (commitment) updated.push(commitment);
    }
    return { applied: input.changes.length, records: updated };
  });
}
