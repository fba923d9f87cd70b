import { type ImportEntity, type ImportOptions, ImportOptions as ImportOptionsSchema, type ImportReport, type ImportRowReport, ImportRunInput } from '@lpdesk/contracts';
import type { z } from 'zod';
import { liveDefinitions } from '../custom-fields/queries.js';
import type { Row } from '../db/schema.js';
import { enqueueJobIn, type JobHandler } from '../jobs/index.js';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { Conflict } from '../kernel/errors.js';
import { type WriteScope, write } from '../kernel/write.js';
import { loadIndex, type RunContext } from './context.js';
import { addToTotals, emptyTotals, type ProcessedRow, processRow } from './engine.js';
import { CUSTOM_FIELD_ENTITY, type TargetField, targetFields } from './fields.js';
import { checkMapping, rememberMapping } from './mapping.js';
import { type Delimiter, parseTable, type SourceRow } from './parse.js';
import { flushPending, pendingWrites } from './pending.js';
import { phoneNumber } from './entities/contacts.js';
import { actorOf, findImport, storedReports, storedTotals, storeRows } from './store.js';

export const IMPORT_JOB = 'imports.run';
/** Rows per transaction: a crash loses at most one batch of work, which the resumed run redoes. */
export const IMPORT_BATCH_ROWS = 500;
/** The API runs files up to this size while the request waits; larger ones run as a job the client polls. */
export const SYNC_IMPORT_ROWS = 2_000;
/** A run whose process has not reported for this long is taken over by the next run request or job. */
const STALE_RUN_MS = 2 * 60 * 1000;

export type ImportProgress = (done: number, total: number) => void;

/** Every write of an import carries its id as the activity log's batch id: "which import did this?" is one query. */
function inImport(scope: WriteScope, importId: string): WriteScope {
  return {
    ...scope,
    log: (entry) => scope.log({ ...entry, batchId: entry.batchId ?? importId }),
    logMany: (entries) => scope.logMany(entries.map((entry) => ({ ...entry, batchId: entry.batchId ?? importId }))),
  };
}

async function contextFor(core: CoreContext, importId: string, entity: ImportEntity, options: ImportOptions, fields: TargetField[], dryRun: boolean): Promise<RunContext> {
  const index = await loadIndex(core.db, entity);
  const customEntity = CUSTOM_FIELD_ENTITY[entity];
  if (customEntity) for (const definition of await liveDefinitions(core.db, customEntity)) index.customDefinitions.set(definition.key, definition);
  return { core, importId, entity, options, fields, dryRun, index, db: core.db, phones: new Map(), createdLinks: [], pending: null };
}

interface Prepared {
  row: Row<'imports'>;
  entity: ImportEntity;
  options: ImportOptions;
  columns: Map<string, TargetField>;
  fields: TargetField[];
  rows: SourceRow[];
}

async function prepare(core: CoreContext, row: Row<'imports'>, input: z.output<typeof ImportRunInput>): Promise<Prepared> {
  const fields = await targetFields(core.db, input.entity);
  const table = parseTable(row.content, row.delimiter as Delimiter);
  const columns = checkMapping(input.entity, input.mapping, table.columns, fields);
  return { row, entity: input.entity, options: input.options, columns, fields, rows: table.rows };
}

/** What every row would do, without writing anything (the run makes the same decisions). */
export async function dryRunImport(core: CoreContext, id: string, rawInput: unknown): Promise<ImportReport> {
  const input = ImportRunInput.parse(rawInput);
  const prepared = await prepare(core, await findImport(core.db, id), input);
  const context = await contextFor(core, id, prepared.entity, prepared.options, prepared.fields, true);
  const reports: ImportRowReport[] = [];
  for (const row of prepared.rows) reports.push((await processRow(context, prepared.columns, row, null)).report);
  return { id, dryRun: true, status: prepared.row.status as ImportReport['status'], rows: reports, totals: addToTotals(emptyTotals(), reports) };
}

/**
 * Start the run: record entity, mapping and options (and remember the mapping for these headers), then
 * process in batches while the caller waits (`wait`, or a small file), else as a job the client polls.
 */
export async function startImport(core: CoreContext, actor: Actor, id: string, rawInput: unknown, options: { wait?: boolean; background?: boolean; onProgress?: ImportProgress } = {}): Promise<ImportReport> {
  const input = ImportRunInput.parse(rawInput);
  const current = await findImport(core.db, id);
  if (current.status === 'completed' || current.status === 'undone') throw new Conflict(`This import already ran (${current.status}); upload the file again to import it again`);
  if (current.status === 'running') throw new Conflict('This import is already running; follow its progress with GET /api/imports/:id');
  const prepared = await prepare(core, current, input);
  const background = options.background ?? (!options.wait && prepared.rows.length > SYNC_IMPORT_ROWS);
  await write(core, actor, async (scope) => {
    await scope.tx
      .updateTable('imports')
      .set({
        entity: input.entity,
        mappingJson: JSON.stringify(input.mapping),
        optionsJson: JSON.stringify(input.options),
        status: 'running',
        startedAt: current.startedAt ?? scope.now,
        // A background run is claimed by its job; a waited run claims it now.
        heartbeatAt: background ? null : scope.now,
        actorJson: JSON.stringify(actor),
        error: null,
      })
      .where('id', '=', id)
      .execute();
    if (input.options.rememberMapping) await rememberMapping(scope.tx, input.entity, current.headerSignature, input.mapping, scope.now, actor.userId);
    await scope.log({ action: 'import_start', entityType: 'import', entityId: id, diff: { entity: input.entity, rows: prepared.rows.length, background }, batchId: id });
    if (background) await enqueueJobIn(scope, core.dialect, { kind: IMPORT_JOB, payload: { importId: id }, idempotencyKey: `import:${id}:${scope.now}` });
  });
  if (background) {
    return { id, dryRun: false, status: 'running', rows: await storedReports(core.db, id), totals: await storedTotals(core.db, id) };
  }
  return processImport(core, id, options.onProgress, { claimed: true });
}

/** Take the run over unless another process is running it (a fresh heartbeat). */
async function claim(core: CoreContext, id: string): Promise<boolean> {
  const now = core.clock.now();
  const staleBefore = new Date(now.getTime() - STALE_RUN_MS).toISOString();
  const claimed = await core.db
    .updateTable('imports')
    .set({ heartbeatAt: now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where((eb) => eb.or([eb('heartbeatAt', 'is', null), eb('heartbeatAt', '<', staleBefore)]))
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) > 0;
}

/**
 * Process the rows after the stored cursor in batches of IMPORT_BATCH_ROWS, each batch one transaction
 * with its row outcomes and the new cursor: a crash resumes at the first unfinished batch. A batch that
 * fails as a whole is redone row by row, so one bad row becomes an error line instead of failing 499 others.
 */
export async function processImport(core: CoreContext, id: string, onProgress?: ImportProgress, options: { claimed?: boolean; stopAfterBatches?: number; batchRows?: number } = {}): Promise<ImportReport> {
  if (!options.claimed && !(await claim(core, id))) {
    const row = await findImport(core.db, id);
    return { id, dryRun: false, status: row.status as ImportReport['status'], rows: await storedReports(core.db, id), totals: await storedTotals(core.db, id) };
  }
  const row = await findImport(core.db, id);
  const input = ImportRunInput.parse({ entity: row.entity, mapping: JSON.parse(row.mappingJson ?? '{}'), options: ImportOptionsSchema.parse(JSON.parse(row.optionsJson ?? '{}')) });
  const prepared = await prepare(core, row, input);
  const actor = actorOf(row);
  let context = await contextFor(core, id, prepared.entity, prepared.options, prepared.fields, false);
  let cursor = Number(row.processedRows);
  let batches = 0;
  onProgress?.(cursor, prepared.rows.length);
  try {
    while (cursor < prepared.rows.length) {
      if (options.stopAfterBatches !== undefined && batches >= options.stopAfterBatches) return { id, dryRun: false, status: 'running', rows: await storedReports(core.db, id), totals: await storedTotals(core.db, id) };
      const batch = prepared.rows.slice(cursor, cursor + (options.batchRows ?? IMPORT_BATCH_ROWS));
      const next = cursor + batch.length;
      try {
        await write(core, actor, async (outer) => {
          const scope = inImport(outer, id);
          const processed: ProcessedRow[] = [];
          context.pending = pendingWrites((phone) => phoneNumber(context, phone), { organizations: prepared.entity === 'contacts' });
          try {
            for (const source of batch) processed.push(await processRow(context, prepared.columns, source, scope));
            await flushPending(scope, context.pending);
          } finally {
            context.pending = null;
          }
          await finishBatch(scope, id, processed, next);
        });
      } catch {
        // Registrations of the rolled-back batch are gone from the database: read the lookups again.
        context = await contextFor(core, id, prepared.entity, prepared.options, prepared.fields, false);
        for (const [offset, source] of batch.entries()) await processAlone(core, actor, context, prepared.columns, source, cursor + offset + 1);
      }
      cursor = next;
      batches += 1;
      onProgress?.(cursor, prepared.rows.length);
    }
    return await finish(core, actor, id);
  } catch (error) {
    await core.db.updateTable('imports').set({ status: 'failed', error: (error as Error).message.slice(0, 2000), heartbeatAt: null }).where('id', '=', id).execute();
    throw error;
  }
}

async function finishBatch(scope: WriteScope, id: string, processed: ProcessedRow[], cursor: number): Promise<void> {
  await storeRows(scope.tx, id, processed);
  await scope.tx.updateTable('imports').set({ processedRows: cursor, heartbeatAt: scope.now }).where('id', '=', id).execute();
}

/** One row in its own transaction; a failure is stored as that row's error. */
async function processAlone(core: CoreContext, actor: Actor, context: RunContext, columns: Map<string, TargetField>, source: SourceRow, cursor: number): Promise<void> {
  try {
    await write(core, actor, async (outer) => {
      const scope = inImport(outer, context.importId);
      await finishBatch(scope, context.importId, [await processRow(context, columns, source, scope)], cursor);
    });
  } catch (error) {
    context.index = (await contextFor(core, context.importId, context.entity, context.options, context.fields, false)).index;
    const failed: ProcessedRow = {
      report: { line: source.line, action: 'error', errors: [{ column: null, message: (error as Error).message }] },
      entityType: '',
      changes: null,
      createdLinks: [],
    };
    await write(core, actor, (scope) => finishBatch(scope, context.importId, [failed], cursor));
  }
}

async function finish(core: CoreContext, actor: Actor, id: string): Promise<ImportReport> {
  const totals = await storedTotals(core.db, id);
  await write(core, actor, async (scope) => {
    await scope.tx.updateTable('imports').set({ status: 'completed', totalsJson: JSON.stringify(totals), finishedAt: scope.now, heartbeatAt: null }).where('id', '=', id).execute();
    await scope.log({ action: 'import_complete', entityType: 'import', entityId: id, diff: { totals }, batchId: id });
  });
  return { id, dryRun: false, status: 'completed', rows: await storedReports(core.db, id), totals };
}

/** The background run of a large file; a retry after a crash resumes at the stored cursor. */
export const importRunJob: JobHandler<{ importId: string }> = {
  kind: IMPORT_JOB,
  async run(payload, { core }) {
    const report = await processImport(core, payload.importId);
    return { status: report.status, totals: report.totals };
  },
};

export async function importReport(core: CoreContext, id: string): Promise<ImportReport> {
  const row = await findImport(core.db, id);
  return { id, dryRun: false, status: row.status as ImportReport['status'], rows: await storedReports(core.db, id), totals: await storedTotals(core.db, id) };
}
