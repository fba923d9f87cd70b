import { IMPORT_ENTITIES, type ImportEntity, type ImportMapping, type ImportUploadResult } from '@lpdesk/contracts';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { Invalid } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { write } from '../kernel/write.js';
import { decodeUpload } from './encoding.js';
import { headerWords, type TargetField, targetFields } from './fields.js';
import { guessEntity, headerSignature, rememberedMapping, suggestMapping } from './mapping.js';
import { parseTable } from './parse.js';
import { actorJson } from './store.js';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 200_000;
const PREVIEW_ROWS = 20;

export interface UploadInput {
  fileName: string;
  bytes: Uint8Array;
  entity?: ImportEntity | undefined;
}

/** A remembered mapping, carried over to this file's spelling of the same headers; null when one no longer fits. */
function carryOver(remembered: ImportMapping, columns: string[], fields: TargetField[]): ImportMapping | null {
  const byWords = new Map(Object.entries(remembered).map(([column, key]) => [headerWords(column), key]));
  const known = new Set(fields.map((target) => target.key));
  const mapping: ImportMapping = {};
  for (const column of columns) {
    const key = byWords.get(headerWords(column)) ?? null;
    if (key !== null && !known.has(key)) return null;
    mapping[column] = key;
  }
  return mapping;
}

/** Store an uploaded CSV/TSV (decoded, parsed, checked) and offer a mapping: the remembered one, else suggestions. */
export async function uploadImport(core: CoreContext, actor: Actor, input: UploadInput): Promise<ImportUploadResult> {
  if (input.bytes.length > MAX_IMPORT_BYTES) throw new Invalid(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  const decoded = decodeUpload(input.bytes);
  const table = parseTable(decoded.text);
  if (table.rows.length === 0) throw new Invalid('The file has a header but no data rows');
  if (table.rows.length > MAX_IMPORT_ROWS) throw new Invalid(`The file has ${table.rows.length} rows; split it into files of at most ${MAX_IMPORT_ROWS}`);
  if (table.columns.length < 1) throw new Invalid('The file has no columns');
  const fieldsByEntity = Object.fromEntries(await Promise.all(IMPORT_ENTITIES.map(async (entity) => [entity, await targetFields(core.db, entity)]))) as Record<ImportEntity, TargetField[]>;
  const entity = input.entity ?? guessEntity(table.columns, fieldsByEntity);
  const signature = headerSignature(table.columns);
  const remembered = await rememberedMapping(core.db, entity, signature);
  const carried = remembered ? carryOver(remembered, table.columns, fieldsByEntity[entity]) : null;
  const suggestedMapping = carried ?? suggestMapping(table.columns, fieldsByEntity[entity]);
  const id = newId();
  const fileName = (input.fileName.split(/[\\/]/).pop() ?? 'import.csv').slice(0, 255) || 'import.csv';
  await write(core, actor, async (scope) => {
    await scope.tx
      .insertInto('imports')
      .values({
        id,
        fileName,
        encoding: decoded.encoding,
        delimiter: table.delimiter,
        columnsJson: JSON.stringify(table.columns),
        headerSignature: signature,
        content: decoded.text,
        rowCount: table.rows.length,
        entity: null,
        mappingJson: null,
        optionsJson: null,
        status: 'uploaded',
        processedRows: 0,
        totalsJson: null,
        error: null,
        actorJson: actorJson(actor),
        createdBy: actor.userId ?? actor.id,
        createdByName: actor.name ?? actor.kind,
        createdAt: scope.now,
        startedAt: null,
        heartbeatAt: null,
        finishedAt: null,
        undoneAt: null,
        undoneBy: null,
      })
      .execute();
    await scope.log({ action: 'import_upload', entityType: 'import', entityId: id, diff: { fileName, rows: table.rows.length, encoding: decoded.encoding, delimiter: table.delimiter } });
  });
  return {
    id,
    fileName,
    entity,
    columns: table.columns,
    suggestedMapping,
    remembered: carried !== null,
    preview: { delimiter: table.delimiter, encoding: decoded.encoding, rowCount: table.rows.length, rows: table.rows.slice(0, PREVIEW_ROWS).map((row) => row.cells) },
  };
}
