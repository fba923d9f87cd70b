import type { ImportEntity, ImportRowError, ImportRowReport, ImportTotals } from '@lpdesk/contracts';
import type { WriteScope } from '../kernel/write.js';
import type { RunContext } from './context.js';
import { storeImportedRecord } from './pending.js';
import { commitmentAdapter } from './entities/commitments.js';
import { communicationAdapter } from './entities/communications.js';
import { contactAdapter } from './entities/contacts.js';
import { organizationAdapter } from './entities/organizations.js';
import type { EntityAdapter, FieldChanges } from './entities/types.js';
import type { TargetField } from './fields.js';
import type { SourceRow } from './parse.js';
import { readRow } from './read.js';

export const ADAPTERS: Record<ImportEntity, EntityAdapter> = {
  organizations: organizationAdapter,
  contacts: contactAdapter,
  commitments: commitmentAdapter,
  communications: communicationAdapter,
};

/** A row's outcome: the report line, and what undo needs (field changes of an update, records created along the way). */
export interface ProcessedRow {
  report: ImportRowReport;
  entityType: string;
  changes: FieldChanges | null;
  createdLinks: RunContext['createdLinks'];
}

const errorRow = (line: number, errors: ImportRowError[]): ImportRowReport => ({ line, action: 'error', errors });

/**
 * Decide and (with a scope) do what one row asks. The dry run calls this with no scope: the same
 * decisions, nothing written, so both report the same action for every row.
 */
export async function processRow(context: RunContext, columns: Map<string, TargetField>, row: SourceRow, scope: WriteScope | null): Promise<ProcessedRow> {
  const adapter = ADAPTERS[context.entity];
  context.createdLinks = [];
  context.db = scope?.tx ?? context.core.db;
  const values = readRow(row, columns, context.options);
  const plan = await adapter.plan(context, values);
  const result = (report: ImportRowReport, changes: FieldChanges | null = null): ProcessedRow => ({ report, entityType: adapter.entityType, changes, createdLinks: context.createdLinks });
  if (plan.errors.length > 0) return result(errorRow(row.line, plan.errors));
  const notes = [...plan.notes];
  const withLinkNotes = (report: ImportRowReport): ImportRowReport => (plan.linkNotes?.length ? { ...report, notes: [...(report.notes ?? []), ...plan.linkNotes] } : report);
  const duplicate = plan.duplicate;
  const choice = context.options.rowChoices[String(row.line)] ?? context.options.onDuplicate;
  const duplicateView = duplicate?.known.entityId ? { entityId: duplicate.known.entityId, reason: duplicate.reason } : undefined;
  if (duplicate && !duplicate.known.entityId && duplicate.known.line !== null) notes.push(`same as line ${duplicate.known.line} (${duplicate.reason})`);
  const withExtras = (report: ImportRowReport): ImportRowReport => ({
    ...report,
    ...(duplicateView ? { duplicate: duplicateView } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  });

  if (duplicate && choice === 'skip') {
    if (scope && plan.sourceRecord && duplicate.known.entityId) {
      await storeImportedRecord(scope, context.pending, plan.sourceRecord, duplicate.known.entityId, `skipped as a duplicate by import ${context.importId}: ${duplicate.reason}`);
    }
    return result(withExtras({ line: row.line, action: 'skip', ...(duplicate.known.entityId ? { entityId: duplicate.known.entityId } : {}) }));
  }
  if (duplicate && choice === 'update') {
    if (plan.updateErrors?.length) return result(errorRow(row.line, plan.updateErrors));
    const changes = await plan.update(scope, duplicate.known.entityId);
    return result(withLinkNotes(withExtras({ line: row.line, action: 'update', ...(duplicate.known.entityId ? { entityId: duplicate.known.entityId } : {}) })), changes);
  }
  if (duplicate && plan.createBlocked) return result(errorRow(row.line, [{ column: null, message: plan.createBlocked }]));
  if (plan.createErrors?.length) return result(errorRow(row.line, plan.createErrors));
  const entityId = await plan.create(scope);
  return result(withLinkNotes(withExtras({ line: row.line, action: 'create', ...(entityId ? { entityId } : {}) })));
}

export function emptyTotals(): ImportTotals {
  return { rows: 0, create: 0, update: 0, skip: 0, error: 0 };
}

export function addToTotals(totals: ImportTotals, reports: ImportRowReport[]): ImportTotals {
  const next = { ...totals };
  for (const report of reports) {
    next.rows += 1;
    next[report.action] += 1;
  }
  return next;
}
