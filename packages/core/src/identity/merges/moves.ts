import type { IdentityEntityType } from '@lpdesk/contracts';
import type { Tx } from '../../kernel/write.js';
import { CUSTOM_FIELD_PREFIX, type CustomDefinition, type FieldChoices, takesMerged } from './fields.js';
import type { MergeJournal } from './journal.js';

export interface MergePair {
  entityType: IdentityEntityType;
  survivorId: string;
  mergedId: string;
}

/**
 * What points at either kind of entity: tasks, tags, custom field values, communication links,
 * notifications, source records and their blocking keys, aliases and relationship edges. Each moves to
 * the survivor; where the survivor already has the same link, the merged entity's copy is dropped.
 */
export async function moveSharedLinks(tx: Tx, journal: MergeJournal, pair: MergePair, fields: FieldChoices, definitions: CustomDefinition[]): Promise<void> {
  await moveTasks(tx, journal, pair);
  await moveEntityTags(tx, journal, pair);
  await moveCustomFieldValues(tx, journal, pair, fields, definitions);
  await moveCommunicationLinks(tx, journal, pair);
  await moveNotifications(tx, journal, pair);
  await moveIdentityRecords(tx, journal, pair);
  await moveAliases(tx, journal, pair);
  await moveRelationshipEdges(tx, journal, pair);
}

async function moveTasks(tx: Tx, journal: MergeJournal, { entityType, survivorId, mergedId }: MergePair) {
  const tasks = await tx.selectFrom('tasks').select('id').where('entityType', '=', entityType).where('entityId', '=', mergedId).execute();
  for (const task of tasks) await journal.update('tasks', { id: task.id }, { entityId: survivorId });
}

async function moveEntityTags(tx: Tx, journal: MergeJournal, { entityType, survivorId, mergedId }: MergePair) {
  const rows = await tx.selectFrom('entityTags').selectAll().where('entityType', '=', entityType).where('entityId', 'in', [survivorId, mergedId]).execute();
  const survivorTags = new Set(rows.filter((r) => r.entityId === survivorId).map((r) => r.tagId));
  for (const row of rows.filter((r) => r.entityId === mergedId)) {
    const key = { tagId: row.tagId, entityType, entityId: mergedId };
    if (survivorTags.has(row.tagId)) await journal.delete('entityTags', key);
    else await journal.update('entityTags', key, { entityId: survivorId });
  }
}

async function moveCustomFieldValues(
  tx: Tx,
  journal: MergeJournal,
  { entityType, survivorId, mergedId }: MergePair,
  fields: FieldChoices,
  definitions: CustomDefinition[],
) {
  const rows = await tx
    .selectFrom('customFieldValues')
    .selectAll()
    .where('entityType', '=', entityType)
    .where('entityId', 'in', [survivorId, mergedId])
    .execute();
  const keyOfDefinition = new Map(definitions.map((d) => [d.id, d.key]));
  for (const merged of rows.filter((r) => r.entityId === mergedId)) {
    const survivor = rows.find((r) => r.entityId === survivorId && r.definitionId === merged.definitionId);
    const mergedKey = { definitionId: merged.definitionId, entityId: mergedId };
    if (!survivor) {
      await journal.update('customFieldValues', mergedKey, { entityId: survivorId });
      continue;
    }
    const fieldKey = keyOfDefinition.get(merged.definitionId);
    const choice = fieldKey === undefined ? undefined : fields[`${CUSTOM_FIELD_PREFIX}${fieldKey}`];
    const survivorValue = survivor.valueText ?? survivor.valueNumber ?? survivor.valueJson;
    const mergedValue = merged.valueText ?? merged.valueNumber ?? merged.valueJson;
    // The survivor's value row goes and the merged one takes its place, so undo can put both back.
    if (takesMerged(choice, survivorValue, mergedValue)) {
      await journal.delete('customFieldValues', { definitionId: survivor.definitionId, entityId: survivorId });
      await journal.update('customFieldValues', mergedKey, { entityId: survivorId });
    } else {
      await journal.delete('customFieldValues', mergedKey);
    }
  }
}

async function moveCommunicationLinks(tx: Tx, journal: MergeJournal, { entityType, survivorId, mergedId }: MergePair) {
  const rows = await tx
    .selectFrom('communicationLinks')
    .selectAll()
    .where('entityType', '=', entityType)
    .where('entityId', 'in', [survivorId, mergedId])
    .execute();
  const survivorCommunications = new Set(rows.filter((r) => r.entityId === survivorId).map((r) => r.communicationId));
  for (const row of rows.filter((r) => r.entityId === mergedId)) {
    const key = { communicationId: row.communicationId, entityType, entityId: mergedId };
    if (survivorCommunications.has(row.communicationId)) await journal.delete('communicationLinks', key);
    else await journal.update('communicationLinks', key, { entityId: survivorId });
  }
}

async function moveNotifications(tx: Tx, journal: MergeJournal, { entityType, survivorId, mergedId }: MergePair) {
  const rows = await tx.selectFrom('notifications').select('id').where('entityType', '=', entityType).where('entityId', '=', mergedId).execute();
  for (const row of rows) await journal.update('notifications', { id: row.id }, { entityId: survivorId });
}

async function moveIdentityRecords(tx: Tx, journal: MergeJournal, { entityType, survivorId, mergedId }: MergePair) {
  const records = await tx.selectFrom('identityRecords').select('id').where('entityType', '=', entityType).where('entityId', '=', mergedId).execute();
  for (const record of records) await journal.update('identityRecords', { id: record.id }, { entityId: survivorId });
  const keys = await tx.selectFrom('identityRecordKeys').select(['key', 'recordId']).where('entityId', '=', mergedId).execute();
  for (const key of keys) await journal.update('identityRecordKeys', { key: key.key, recordId: key.recordId }, { entityId: survivorId });
}

async function moveAliases(tx: Tx, journal: MergeJournal, { entityType, survivorId, mergedId }: MergePair) {
  // Aliases are unique by (type, kind, source, value) whatever entity they name, so a move never collides.
  const aliases = await tx.selectFrom('entityAliases').select('id').where('entityType', '=', entityType).where('entityId', '=', mergedId).execute();
  for (const alias of aliases) await journal.update('entityAliases', { id: alias.id }, { entityId: survivorId });
}

async function moveRelationshipEdges(tx: Tx, journal: MergeJournal, { survivorId, mergedId }: MergePair) {
  const edges = await tx
    .selectFrom('relationshipEdges')
    .selectAll()
    .where((eb) => eb.or([eb('fromId', 'in', [survivorId, mergedId]), eb('toId', 'in', [survivorId, mergedId])]))
    .execute();
  const remap = (id: string) => (id === mergedId ? survivorId : id);
  const taken = new Set(edges.filter((e) => e.fromId !== mergedId && e.toId !== mergedId).map((e) => `${e.kind}|${e.fromId}|${e.toId}`));
  for (const edge of edges.filter((e) => e.fromId === mergedId || e.toId === mergedId)) {
    const fromId = remap(edge.fromId);
    const toId = remap(edge.toId);
    const key = `${edge.kind}|${fromId}|${toId}`;
    // An edge between the two halves of one entity means nothing any more; a duplicate keeps the survivor's.
    if (fromId === toId || taken.has(key)) {
      await journal.delete('relationshipEdges', { id: edge.id });
      continue;
    }
    taken.add(key);
    await journal.update('relationshipEdges', { id: edge.id }, { fromId, toId });
  }
}
