import { z } from 'zod';
import { Id, ListQueryBase } from './common.js';

/**
 * CSV/TSV import wizard (issue 13): upload a file, map its columns onto an entity's fields, dry-run,
 * run (in resumable batches), undo. Dry run and run share one code path: the dry run only does not write.
 */

export const IMPORT_ENTITIES = ['organizations', 'contacts', 'commitments', 'communications'] as const;
export const ImportEntity = z.enum(IMPORT_ENTITIES, { error: `must be one of ${IMPORT_ENTITIES.join(', ')}` });
export type ImportEntity = z.infer<typeof ImportEntity>;

/** What to do with a row that matches an existing record (normalized email, then normalized name + organization). */
export const ImportDuplicateChoice = z.enum(['skip', 'update', 'create']);
export type ImportDuplicateChoice = z.infer<typeof ImportDuplicateChoice>;

export const ImportRowAction = z.enum(['create', 'update', 'skip', 'error']);
export type ImportRowAction = z.infer<typeof ImportRowAction>;

export const ImportStatus = z.enum(['uploaded', 'running', 'completed', 'failed', 'undone']);
export type ImportStatus = z.infer<typeof ImportStatus>;

export const ImportFieldType = z.enum(['text', 'email', 'phone', 'url', 'money', 'date', 'datetime', 'number', 'checkbox', 'tags', 'choice', 'link']);
export type ImportFieldType = z.infer<typeof ImportFieldType>;

/** A target field of an entity: built-in (`email`, `organization`, …) or a custom field (`custom.<key>`). */
export const ImportFieldKey = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^(custom\.)?[a-zA-Z][a-zA-Z0-9_]*$/, { error: 'must be a field key such as email, organization or custom.region' });

export const ImportField = z
  .object({
    key: z.string(),
    label: z.string(),
    type: ImportFieldType,
    required: z.boolean(),
    /** Choice fields: the accepted values. */
    options: z.array(z.string()).optional(),
    /** Link fields: what the cell names (an organization by name, a contact by email or name, …). */
    description: z.string().optional(),
  })
  .meta({ id: 'ImportField' });
export type ImportField = z.infer<typeof ImportField>;

export const ImportFieldsQuery = z.strictObject({ entity: ImportEntity });
export const ImportFieldList = z.object({ data: z.array(ImportField) });

/** Column header (as in the file) → field key; null or absent = ignore the column. */
export const ImportMapping = z.record(z.string().max(500), ImportFieldKey.nullable());
export type ImportMapping = z.infer<typeof ImportMapping>;

export const ImportOptions = z
  .strictObject({
    /** The choice for every duplicate row unless `rowChoices` overrides it. */
    onDuplicate: ImportDuplicateChoice.default('skip'),
    /** Per-row overrides, keyed by the file line number (as in the report's `line`). */
    rowChoices: z.record(z.string().regex(/^\d+$/, { error: 'must be a line number' }), ImportDuplicateChoice).default({}),
    /** `1/2/2024` is 2 January (day first) instead of January 2 (US, the default). */
    dayFirst: z.boolean().default(false),
    /** Currency of amounts written without one (`1,250,000`). */
    defaultCurrency: z.string().regex(/^[A-Z]{3}$/, { error: 'must be a 3-letter ISO 4217 code such as USD' }).default('USD'),
    /** Multi-select cells may name tags that do not exist yet: create them (else the row errors). */
    createMissingTags: z.boolean().default(true),
    /** A contact's organization named but not found: create it (else the row errors). */
    createMissingOrganizations: z.boolean().default(true),
    /** Remember this mapping for the next file with the same headers. */
    rememberMapping: z.boolean().default(true),
  })
  .meta({ id: 'ImportOptions' });
export type ImportOptionsInput = z.input<typeof ImportOptions>;
export type ImportOptions = z.output<typeof ImportOptions>;

export const ImportRunInput = z
  .strictObject({
    entity: ImportEntity,
    mapping: ImportMapping,
    options: ImportOptions.default(ImportOptions.parse({})),
  })
  .meta({ id: 'ImportRunInput' });
export type ImportRunInput = z.input<typeof ImportRunInput>;

export const ImportRowError = z.object({
  /** The file's column the problem came from (null for the row as a whole). */
  column: z.string().nullable(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportRowReport = z
  .object({
    /** Line in the file (the header is line 1; a quoted newline keeps the line where its record starts). */
    line: z.int(),
    action: ImportRowAction,
    /** The record created or updated, or the existing duplicate a skipped row matched. */
    entityId: Id.optional(),
    errors: z.array(ImportRowError).optional(),
    /** The existing record this row matched, and why. */
    duplicate: z.object({ entityId: Id, reason: z.string() }).optional(),
    /** Created along the way: tags, organizations named by the row. */
    notes: z.array(z.string()).optional(),
  })
  .meta({ id: 'ImportRowReport' });
export type ImportRowReport = z.infer<typeof ImportRowReport>;

export const ImportTotals = z
  .object({ rows: z.int(), create: z.int(), update: z.int(), skip: z.int(), error: z.int() })
  .meta({ id: 'ImportTotals' });
export type ImportTotals = z.infer<typeof ImportTotals>;

/**
 * Dry run and run answer this. A run of a large file answers at once with `status: "running"` and the
 * rows done so far; poll GET /api/imports/:id for progress and GET /api/imports/:id/report for the rows.
 */
export const ImportReport = z
  .object({
    id: Id,
    dryRun: z.boolean(),
    status: ImportStatus,
    rows: z.array(ImportRowReport),
    totals: ImportTotals,
  })
  .meta({ id: 'ImportReport' });
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportPreview = z.object({
  delimiter: z.string(),
  encoding: z.string(),
  /** Data rows in the file (blank rows excluded). */
  rowCount: z.int(),
  /** The first rows, keyed by column header. */
  rows: z.array(z.record(z.string(), z.string())),
});

export const ImportUploadQuery = z.strictObject({ entity: ImportEntity.optional() });

export const ImportUploadResult = z
  .object({
    id: Id,
    fileName: z.string(),
    /** The entity asked for, else the best guess from the headers. */
    entity: ImportEntity,
    columns: z.array(z.string()),
    /** For `entity`: a remembered mapping for these headers when there is one, else suggestions from the header names. */
    suggestedMapping: ImportMapping,
    /** True when `suggestedMapping` is the mapping remembered from an earlier import with the same headers. */
    remembered: z.boolean(),
    preview: ImportPreview,
  })
  .meta({ id: 'ImportUploadResult' });
export type ImportUploadResult = z.infer<typeof ImportUploadResult>;

export const ImportView = z
  .object({
    id: Id,
    fileName: z.string(),
    entity: ImportEntity.nullable(),
    status: ImportStatus,
    columns: z.array(z.string()),
    rowCount: z.int(),
    /** Rows already processed by the run (resumes from here after a crash). */
    processedRows: z.int(),
    /** 0…1 */
    progress: z.number(),
    totals: ImportTotals.nullable(),
    mapping: ImportMapping.nullable(),
    error: z.string().nullable(),
    createdBy: z.object({ id: z.string().nullable(), name: z.string() }),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    undoneAt: z.string().nullable(),
  })
  .meta({ id: 'ImportView' });
export type ImportView = z.infer<typeof ImportView>;

export const ImportListQuery = z.strictObject({
  limit: ListQueryBase.shape.limit,
  offset: ListQueryBase.shape.offset,
  status: ImportStatus.optional(),
});
export type ImportListQuery = z.infer<typeof ImportListQuery>;

export const ImportUndoResult = z
  .object({
    id: Id,
    /** Records the import created, now in the trash. */
    trashed: z.int(),
    /** Records the import updated, put back to their values before it. */
    reverted: z.int(),
    /** Fields changed by someone since the import: left as they are now. */
    kept: z.array(z.object({ entityType: z.string(), entityId: Id, field: z.string(), reason: z.string() })),
  })
  .meta({ id: 'ImportUndoResult' });
export type ImportUndoResult = z.infer<typeof ImportUndoResult>;
