import type { IdentitySourceRecord, ImportRowError } from '@lpdesk/contracts';
import type { z } from 'zod';
import type { AuditedTable } from '../../kernel/records.js';
import type { Tx, WriteScope } from '../../kernel/write.js';
import type { Known, RunContext } from '../context.js';
import type { RowValues } from '../read.js';

/** A record's fields in update-input shape, custom fields flattened as `customFields.<key>`. */
export type FlatFields = Record<string, unknown>;

export interface FieldChanges {
  before: FlatFields;
  after: FlatFields;
}

/** What one row would do, decided before anything is written; dry run and run both act on it. */
export interface RowPlan {
  errors: ImportRowError[];
  notes: string[];
  /** What the row's links create or restore along the way: reported only when the row creates or updates (a skipped row settles no link). */
  linkNotes?: string[];
  /** The existing record (or an earlier row's) this row matches, and why. */
  duplicate: { known: Known; reason: string } | null;
  /** Why "create" is impossible next to the duplicate (a contact's email belongs to one contact only). */
  createBlocked: string | null;
  /** Problems that only matter when the row creates (or only when it updates) its record. */
  createErrors?: ImportRowError[];
  updateErrors?: ImportRowError[];
  /** Create the record; with no scope (dry run) only register what it would create. */
  create(scope: WriteScope | null): Promise<string | null>;
  /** Update the duplicate `id` (null: an earlier row's record in a dry run); the changed fields before and after. */
  update(scope: WriteScope | null, id: string | null): Promise<FieldChanges | null>;
  /** People and organizations: the row as an identity source record. */
  sourceRecord: IdentitySourceRecord | null;
}

export interface EntityAdapter {
  entityType: 'organization' | 'contact' | 'commitment' | 'communication';
  table: AuditedTable;
  plan(context: RunContext, values: RowValues): Promise<RowPlan>;
  /** Current values of the given fields (undo compares them with what the import left). */
  snapshot(tx: Tx, id: string, keys: string[]): Promise<FlatFields>;
  /** Write flat fields back (undo). */
  apply(scope: WriteScope, id: string, fields: FlatFields): Promise<void>;
}

/** Placeholder id for schema checks of links that a dry run has not created. */
export const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';

export function schemaErrors(result: z.ZodSafeParseResult<unknown>, columnOf: (path: PropertyKey[]) => string | null): ImportRowError[] {
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ column: columnOf(issue.path), message: `${issue.path.join('.') || 'row'}: ${issue.message}` }));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields of `wanted` that differ from `current`. */
export function changedFields(current: FlatFields, wanted: FlatFields): FlatFields {
  const changes: FlatFields = {};
  for (const [key, value] of Object.entries(wanted)) if (!same(current[key], value)) changes[key] = value;
  return changes;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return same(a, b);
}

/** Flat fields to an update input: `customFields.<key>` entries grouped under `customFields`. */
export function unflatten(fields: FlatFields): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key.startsWith('customFields.')) custom[key.slice('customFields.'.length)] = value;
    else input[key] = value;
  }
  if (Object.keys(custom).length > 0) input.customFields = custom;
  return input;
}

export function flattenCustom(customFields: Record<string, unknown>, keys: string[]): FlatFields {
  const flat: FlatFields = {};
  for (const key of keys) if (key.startsWith('customFields.')) flat[key] = customFields[key.slice('customFields.'.length)] ?? null;
  return flat;
}

export function union(current: string[], added: string[], key: (value: string) => string = (value) => value): string[] {
  const seen = new Set(current.map(key));
  const out = [...current];
  for (const value of added) {
    if (seen.has(key(value))) continue;
    seen.add(key(value));
    out.push(value);
  }
  return out;
}

/** Run an update through the adapter and read the changed fields before and after. */
export async function updateThrough(adapter: Pick<EntityAdapter, 'snapshot' | 'apply'>, scope: WriteScope, id: string, changes: FlatFields): Promise<FieldChanges> {
  const keys = Object.keys(changes);
  const before = await adapter.snapshot(scope.tx, id, keys);
  const wanted = changedFields(before, changes);
  if (Object.keys(wanted).length > 0) await adapter.apply(scope, id, wanted);
  const after = await adapter.snapshot(scope.tx, id, keys);
  return { before, after };
}

export function pick(source: FlatFields, keys: string[]): FlatFields {
  return Object.fromEntries(keys.map((key) => [key, source[key] ?? null]));
}
