import {
  IdParams,
  ImportEntity,
  ImportFieldList,
  ImportFieldsQuery,
  ImportListQuery,
  ImportReport,
  ImportRunInput,
  ImportUndoResult,
  ImportUploadResult,
  ImportView,
  ListEnvelope,
} from '@lpdesk/contracts';
import { z } from 'zod';
import { defineOperation } from '../kernel/operations.js';
import { presentField, targetFields } from './fields.js';
import { dryRunImport, importReport, startImport } from './run.js';
import { findImport, listImports, presentImport } from './store.js';
import { undoImport } from './undo.js';
import { MAX_IMPORT_BYTES, uploadImport } from './upload.js';

export { decodeUpload } from './encoding.js';
export { parseDateTime } from './dates.js';
export { parseMoney } from './money.js';
export { detectDelimiter, parseTable } from './parse.js';
export { dryRunImport, IMPORT_BATCH_ROWS, IMPORT_JOB, type ImportProgress, importReport, importRunJob, processImport, startImport, SYNC_IMPORT_ROWS } from './run.js';
export { undoImport } from './undo.js';
export { MAX_IMPORT_BYTES, uploadImport } from './upload.js';

const UploadInput = z.object({
  fileName: z.string().max(1000),
  bytes: z.custom<Uint8Array>((value) => value instanceof Uint8Array, { error: 'must be the file content' }),
  entity: ImportEntity.optional(),
});

const RunOperationInput = z.object({ id: IdParams.shape.id, run: ImportRunInput });

/** CSV/TSV import wizard (issue 13): upload, fields, dry run, run, progress, report, history, undo. */
export const importOperations = {
  upload: defineOperation({
    name: 'imports.upload',
    summary: `Upload a CSV or TSV file (≤ ${MAX_IMPORT_BYTES / 1024 / 1024} MB): encoding and delimiter detected; answers its columns, a suggested (or remembered) mapping and a preview`,
    permission: 'data.import',
    input: UploadInput,
    output: ImportUploadResult,
    run: ({ core, actor }, input) => uploadImport(core, actor, input),
  }),
  fields: defineOperation({
    name: 'imports.fields',
    summary: "The fields a column can map to for an entity, custom fields included (`custom.<key>`)",
    permission: 'data.import',
    input: ImportFieldsQuery,
    output: ImportFieldList,
    run: async ({ core }, { entity }) => ({ data: (await targetFields(core.db, entity)).map(presentField) }),
  }),
  dryRun: defineOperation({
    name: 'imports.dryRun',
    summary: 'What each row would do (create, update, skip, error) and every error, writing nothing',
    permission: 'data.import',
    input: RunOperationInput,
    output: ImportReport,
    run: ({ core }, { id, run }) => dryRunImport(core, id, run),
  }),
  run: defineOperation({
    name: 'imports.run',
    summary: 'Run the import in resumable batches: files up to 2,000 rows answer the full report, larger ones answer status "running" (poll GET /api/imports/:id)',
    permission: 'data.import',
    input: RunOperationInput,
    output: ImportReport,
    run: ({ core, actor }, { id, run }) => startImport(core, actor, id, run),
  }),
  get: defineOperation({
    name: 'imports.get',
    summary: 'One import: status, progress, totals, who and when',
    permission: 'data.import',
    input: IdParams,
    output: ImportView,
    run: async ({ core }, { id }) => presentImport(await findImport(core.db, id)),
  }),
  report: defineOperation({
    name: 'imports.report',
    summary: "The run's per-row report so far",
    permission: 'data.import',
    input: IdParams,
    output: ImportReport,
    run: ({ core }, { id }) => importReport(core, id),
  }),
  list: defineOperation({
    name: 'imports.list',
    summary: 'Import history, newest first: who, when, file, entity, totals, status',
    permission: 'data.import',
    input: ImportListQuery,
    output: ListEnvelope(ImportView),
    run: ({ core }, query) => listImports(core.db, query),
  }),
  undo: defineOperation({
    name: 'imports.undo',
    summary: 'Undo an import: trash what it created, revert what it updated (fields changed since are kept and listed)',
    permission: 'data.import',
    input: IdParams,
    output: ImportUndoResult,
    run: ({ core, actor }, { id }) => undoImport(core, actor, id),
  }),
};
