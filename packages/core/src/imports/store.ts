import type { ImportEntity, ImportListQuery, ImportMapping, ImportRowReport, ImportStatus, ImportTotals, ImportView } from '@lpdesk/contracts';
import type { Db } from '../db/connect.js';
import type { Row } from '../db/schema.js';
import type { Actor } from '../kernel/actor.js';
import { NotFound } from '../kernel/errors.js';
import type { Tx } from '../kernel/write.js';
import type { ProcessedRow } from './engine.js';

export async function findImport(db: Db | Tx, id: string): Promise<Row<'imports'>> {
  const row = await db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('Import', id);
  return row;
}

export function presentImport(row: Row<'imports'>): ImportView {
  const processed = Number(row.processedRows);
  const rowCount = Number(row.rowCount);
  return {
    id: row.id,
    fileName: row.fileName,
    entity: row.entity as ImportEntity | null,
    status: row.status as ImportStatus,
    columns: JSON.parse(row.columnsJson) as string[],
    rowCount,
    processedRows: processed,
    progress: rowCount === 0 ? 1 : Math.min(1, processed / rowCount),
    totals: row.totalsJson ? (JSON.parse(row.totalsJson) as ImportTotals) : null,
    mapping: row.mappingJson ? (JSON.parse(row.mappingJson) as ImportMapping) : null,
    error: row.error,
    createdBy: { id: row.createdBy, name: row.createdByName },
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    undoneAt: row.undoneAt,
  };
}

/** Listing never reads the stored file text. */
const LIST_COLUMNS = [
  'id',
  'fileName',
  'encoding',
  'delimiter',
  'columnsJson',
  'headerSignature',
  'rowCount',
  'entity',
  'mappingJson',
  'optionsJson',
  'status',
  'processedRows',
  'totalsJson',
  'error',
  'actorJson',
  'createdBy',
  'createdByName',
  'createdAt',
  'startedAt',
  'heartbeatAt',
  'finishedAt',
  'undoneAt',
  'undoneBy',
] as const;

export async function listImports(db: Db, query: ImportListQuery) {
  let base = db.selectFrom('imports');
  if (query.status) base = base.where('status', '=', query.status);
  const rows = await base.select(LIST_COLUMNS).orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute();
  const counted = await base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst();
  return { data: rows.map((row) => presentImport({ ...row, content: '' })), total: Number(counted?.count ?? 0), limit: query.limit, offset: query.offset };
}

/** Row outcomes of one batch, with what undo needs; stored in the batch's transaction with the cursor. */
export async function storeRows(tx: Tx, importId: string, rows: ProcessedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((row) => ({
    importId,
    line: row.report.line,
    action: row.report.action,
    entityType: row.report.entityId ? row.entityType : null,
    entityId: row.report.entityId ?? null,
    reportJson: JSON.stringify(row.report),
    beforeJson: row.changes ? JSON.stringify(row.changes.before) : null,
    afterJson: row.changes ? JSON.stringify(row.changes.after) : row.createdLinks.length > 0 ? JSON.stringify({ createdLinks: row.createdLinks }) : null,
  }));
  // 8 parameters a row: 500 rows stay under every database's parameter limit.
  for (let start = 0; start < values.length; start += 500) {
    await tx
      .insertInto('importRows')
      .values(values.slice(start, start + 500))
      .onConflict((conflict) => conflict.columns(['importId', 'line']).doNothing())
      .execute();
  }
}

export async function storedReports(db: Db | Tx, importId: string): Promise<ImportRowReport[]> {
  const rows = await db.selectFrom('importRows').select('reportJson').where('importId', '=', importId).orderBy('line').execute();
  return rows.map((row) => JSON.parse(row.reportJson) as ImportRowReport);
}

export async function storedTotals(db: Db | Tx, importId: string): Promise<ImportTotals> {
  const counts = await db
    .selectFrom('importRows')
    .select(['action', (eb) => eb.fn.countAll<number>().as('count')])
    .where('importId', '=', importId)
    .groupBy('action')
    .execute();
  const totals: ImportTotals = { rows: 0, create: 0, update: 0, skip: 0, error: 0 };
  for (const { action, count } of counts) {
    totals[action as keyof Omit<ImportTotals, 'rows'>] += Number(count);
    totals.rows += Number(count);
  }
  return totals;
}

export function actorJson(actor: Actor): string {
  return JSON.stringify(actor);
}

export function actorOf(row: Pick<Row<'imports'>, 'actorJson'>): Actor {
  return JSON.parse(row.actorJson) as Actor;
}
