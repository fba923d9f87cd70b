import type { ImportEntity, ImportMapping } from '@lpdesk/contracts';
import { createHash } from 'node:crypto';
import type { Db } from '../db/connect.js';
import { Invalid } from '../kernel/errors.js';
import type { Tx } from '../kernel/write.js';
import { headerWords, type TargetField } from './fields.js';

/** The same headers in any order and spelling of case and spacing: the key a mapping is remembered by. */
export function headerSignature(columns: string[]): string {
  const words = [...new Set(columns.map(headerWords))].sort();
  return createHash('sha256').update(words.join('\u0001')).digest('hex').slice(0, 32);
}

/**
 * Suggest a field for each column from its header: exact synonyms first (`E-mail` → email, Airtable's
 * `Company (from Organization)` → organization), then a header that starts or ends with a synonym
 * (`Work Email` → email). A single-valued field takes the first column that claims it.
 */
export function suggestMapping(columns: string[], fields: TargetField[]): ImportMapping {
  const mapping: ImportMapping = Object.fromEntries(columns.map((column) => [column, null]));
  const taken = new Set<string>();
  const claim = (column: string, target: TargetField | undefined) => {
    if (!target || (taken.has(target.key) && !target.multiple)) return false;
    mapping[column] = target.key;
    taken.add(target.key);
    return true;
  };
  const words = new Map(columns.map((column) => [column, headerWords(column)]));
  for (const column of columns) {
    const word = words.get(column) ?? '';
    const byKey = fields.find((target) => headerWords(target.key) === word || headerWords(target.label) === word);
    if (claim(column, byKey)) continue;
    claim(
      column,
      fields.find((target) => target.synonyms.includes(word) && (!taken.has(target.key) || target.multiple)),
    );
  }
  for (const column of columns) {
    if (mapping[column] !== null) continue;
    const word = words.get(column) ?? '';
    if (word.length < 3) continue;
    const loose = fields.find(
      (target) =>
        (!taken.has(target.key) || target.multiple) &&
        target.synonyms.some((synonym) => synonym.length >= 4 && (word.startsWith(synonym) || word.endsWith(synonym))),
    );
    claim(column, loose);
  }
  return mapping;
}

/** Guess the entity a file describes: the one whose fields its headers name most, required fields first. */
export function guessEntity(columns: string[], fieldsByEntity: Record<ImportEntity, TargetField[]>): ImportEntity {
  let best: { entity: ImportEntity; score: number } = { entity: 'contacts', score: -1 };
  for (const [entity, fields] of Object.entries(fieldsByEntity) as [ImportEntity, TargetField[]][]) {
    const mapping = suggestMapping(columns, fields);
    const mapped = new Set(Object.values(mapping).filter((key): key is string => key !== null));
    const required = fields.filter((target) => target.required);
    const missing = required.filter((target) => !mapped.has(target.key)).length;
    const score = mapped.size - missing * 3 + (entity === 'contacts' && mapped.has('email') ? 1 : 0);
    if (score > best.score) best = { entity, score };
  }
  return best.entity;
}

/**
 * Check a mapping against the file's columns and the entity's fields: every column exists, every field
 * exists, single-valued fields take one column, required fields are mapped. Returns column → field.
 */
export function checkMapping(entity: ImportEntity, mapping: ImportMapping, columns: string[], fields: TargetField[]): Map<string, TargetField> {
  const issues: { path: string[]; message: string }[] = [];
  const byKey = new Map(fields.map((target) => [target.key, target]));
  const used = new Map<string, string>();
  const resolved = new Map<string, TargetField>();
  for (const [column, key] of Object.entries(mapping)) {
    if (!columns.includes(column)) issues.push({ path: ['mapping', column], message: `the file has no column "${column}"` });
    if (key === null) continue;
    const target = byKey.get(key);
    if (!target) {
      issues.push({ path: ['mapping', column], message: `${entity} have no field "${key}"` });
      continue;
    }
    const previous = used.get(key);
    if (previous !== undefined && !target.multiple) {
      issues.push({ path: ['mapping', column], message: `"${target.label}" is already filled from column "${previous}"` });
      continue;
    }
    used.set(key, column);
    if (columns.includes(column)) resolved.set(column, target);
  }
  const mapped = new Set(resolved.values());
  for (const target of fields) {
    if (target.required && !target.custom && !mapped.has(target)) issues.push({ path: ['mapping'], message: `map a column to "${target.label}" (required)` });
  }
  if (entity === 'contacts' && !['fullName', 'firstName', 'lastName', 'email'].some((key) => used.has(key))) {
    issues.push({ path: ['mapping'], message: 'map a column to a name (full, first or last) or an email' });
  }
  if (issues.length > 0) throw new Invalid(`The mapping does not fit: ${issues.map((issue) => issue.message).join('; ')}`, { issues });
  return resolved;
}

export async function rememberedMapping(db: Db | Tx, entity: ImportEntity, signature: string): Promise<ImportMapping | null> {
  const row = await db.selectFrom('importMappings').select('mappingJson').where('entity', '=', entity).where('headerSignature', '=', signature).executeTakeFirst();
  return row ? (JSON.parse(row.mappingJson) as ImportMapping) : null;
}

export async function rememberMapping(tx: Tx, entity: ImportEntity, signature: string, mapping: ImportMapping, now: string, userId: string | null): Promise<void> {
  const mappingJson = JSON.stringify(mapping);
  await tx
    .insertInto('importMappings')
    .values({ entity, headerSignature: signature, mappingJson, updatedAt: now, updatedBy: userId })
    .onConflict((conflict) => conflict.columns(['entity', 'headerSignature']).doUpdateSet({ mappingJson, updatedAt: now, updatedBy: userId }))
    .execute();
}
