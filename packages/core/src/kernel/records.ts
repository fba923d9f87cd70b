import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Row } from '../db/schema.js';
import { fieldError, NotFound, PreconditionFailed } from './errors.js';
import { likePattern } from './values.js';
import type { Tx, WriteScope } from './write.js';

/** Tables of user-facing entities: they carry created/updated/deleted columns and are soft-deleted. */
export type AuditedTable = 'users' | 'organizations' | 'contacts' | 'funds' | 'commitments' | 'communications' | 'tasks' | 'tags' | 'customFieldDefinitions';

export async function findRow<T extends AuditedTable>(
  db: Db | Tx,
  table: T,
  id: string,
  label: string,
  options: { includeDeleted?: boolean; forUpdate?: boolean } = {},
): Promise<Row<T>> {
  let query = db.selectFrom(table as AuditedTable).selectAll().where('id', '=', id);
  if (!options.includeDeleted) query = query.where('deletedAt', 'is', null);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new NotFound(label, id);
  return row as unknown as Row<T>;
}

export interface ClaimOptions<T extends AuditedTable> {
  /** From If-Match: the change applies only if the stored version is still this one. */
  expectedVersion?: number | undefined;
  includeDeleted?: boolean;
  /** Presents the current record for a 412, so the caller can show what changed. */
  present?: (row: Row<T>) => Promise<{ version: number } & object>;
}

/**
 * Start changing one record: take its row lock and its next version in one statement, and return the
 * row as it was. Every command that changes a record claims it first, so on PostgreSQL concurrent
 * writers queue on the row and each logs the real "before"; SQLite serializes writers already.
 */
export async function claimRow<T extends AuditedTable>(scope: WriteScope, table: T, id: string, label: string, options: ClaimOptions<T> = {}): Promise<Row<T>> {
  let claim = scope.tx
    .updateTable(table as 'organizations')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id);
  if (!options.includeDeleted) claim = claim.where('deletedAt', 'is', null);
  const claimed = await claim.returningAll().executeTakeFirst();
  if (!claimed) throw new NotFound(label, id);
  const version = claimed.version - 1;
  const before = { ...claimed, version } as unknown as Row<T>;
  if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
    const current = options.present ? await options.present(before) : before;
    throw new PreconditionFailed(label, options.expectedVersion, current as { version: number } & Record<string, unknown>);
  }
  return before;
}

/**
 * Read a live row and hold its lock until the transaction ends, without changing it: for checks that
 * must still hold when the change applies (batch `expected` values). SQLite already serializes writers.
 */
export function lockRow<T extends AuditedTable>(scope: WriteScope, table: T, id: string, label: string): Promise<Row<T>> {
  return findRow(scope.tx, table, id, label, { forUpdate: scope.dialect === 'postgres' });
}

/** Mark a row trashed and log it; the row and its links stay, so restore brings back everything. */
export async function softDeleteRow(scope: WriteScope, table: AuditedTable, entityType: string, id: string, label: string) {
  await claimRow(scope, table, id, label);
  await scope.tx
    .updateTable(table as 'organizations')
    .set({ deletedAt: scope.now, deletedBy: scope.actor.id, updatedAt: scope.now, updatedBy: scope.actor.id })
    .where('id', '=', id)
    .execute();
  await scope.log({ action: 'delete', entityType, entityId: id, diff: { before: { deletedAt: null }, after: { deletedAt: scope.now } } });
}

export async function restoreRow(scope: WriteScope, table: AuditedTable, entityType: string, id: string, label: string) {
  const current = await findRow(scope.tx, table, id, label, { includeDeleted: true });
  if (current.deletedAt === null) return;
  const row = await claimRow(scope, table, id, label, { includeDeleted: true });
  await scope.tx
    .updateTable(table as 'organizations')
    .set({ deletedAt: null, deletedBy: null, updatedAt: scope.now, updatedBy: scope.actor.id })
    .where('id', '=', id)
    .execute();
  await scope.log({ action: 'restore', entityType, entityId: id, diff: { before: { deletedAt: row.deletedAt }, after: { deletedAt: null } } });
}

export function auditedInsertFields(scope: WriteScope) {
  return {
    version: 1,
    createdAt: scope.now,
    updatedAt: scope.now,
    createdBy: scope.actor.id,
    updatedBy: scope.actor.id,
    deletedAt: null,
    deletedBy: null,
  };
}

export function auditedUpdateFields(scope: WriteScope) {
  return { updatedAt: scope.now, updatedBy: scope.actor.id };
}

/** Case-insensitive substring match that behaves the same on SQLite and PostgreSQL. */
export function containsText(column: Expression<string | null>, text: string): Expression<SqlBool> {
  return sql<SqlBool>`lower(${column}) like ${likePattern(text)} escape '\\'`;
}

/** Turn `-name` into a whitelisted column and direction; an unknown field is an error, not a silent default. */
export function resolveSort<K extends string>(
  sort: string | undefined,
  allowed: Record<string, K>,
  fallback: { column: K; direction: 'asc' | 'desc' },
): { column: K; direction: 'asc' | 'desc' } {
  if (!sort) return fallback;
  const descending = sort.startsWith('-');
  const field = descending ? sort.slice(1) : sort;
  // Own keys only: `constructor`, `toString` or `__proto__` must not reach the prototype.
  const column = Object.hasOwn(allowed, field) ? allowed[field] : undefined;
  if (!column) throw fieldError('sort', `unknown sort field "${field}"; use one of ${Object.keys(allowed).join(', ')}`);
  return { column, direction: descending ? 'desc' : 'asc' };
}

export function deletedFilter(deleted: 'only' | 'include' | undefined): 'live' | 'trash' | 'all' {
  return deleted === 'only' ? 'trash' : deleted === 'include' ? 'all' : 'live';
}
