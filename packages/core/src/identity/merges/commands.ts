import { IdentityMergeInput, type IdentityEntityType, type IdentityMergeView } from '@lpdesk/contracts';
import { refreshOrganizationSortNames } from '../../contacts/organization-sort.js';
import type { Row } from '../../db/schema.js';
import type { Actor } from '../../kernel/actor.js';
import type { CoreContext } from '../../kernel/context.js';
import { Conflict, Invalid, NotFound } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { type Tx, type WriteScope, write } from '../../kernel/write.js';
import { moveContactRows } from './contact-moves.js';
import { checkFieldChoices, customDefinitions, type FieldChoices, survivorColumnPatch } from './fields.js';
import { type JournalEntry, MergeJournal, restoreJournal } from './journal.js';
import { type MergePair, moveSharedLinks } from './moves.js';
import { linkedRecordEntries } from './linked-events.js';
import { moveOrganizationRows, type RetiredCommitment } from './organization-moves.js';
import { activeMergeOf, findMergeRow, presentMerge } from './queries.js';

export interface MergeOptions {
  /** `manual` when a person chose it; otherwise the rule that merged automatically. */
  rule?: string;
  confidence?: number | null;
}

/** What entity_merges.snapshot_json holds: every row the merge touched, as it was and as it left it. */
export interface MergeSnapshot {
  entries: JournalEntry[];
  retiredCommitments: RetiredCommitment[];
  /** Contacts whose sort-by-firm copy the merge may have changed (recomputed after an undo). */
  sortContacts: string[];
}

type EntityRow = Row<'contacts'> | Row<'organizations'>;

const tableFor = (entityType: IdentityEntityType) => (entityType === 'contact' ? 'contacts' : 'organizations');
const labelOf = (entityType: IdentityEntityType, row: EntityRow) =>
  entityType === 'contact' ? `${(row as Row<'contacts'>).firstName} ${(row as Row<'contacts'>).lastName}`.trim() : (row as Row<'organizations'>).name;

async function loadEntity(tx: Tx, entityType: IdentityEntityType, id: string): Promise<EntityRow> {
  const row = await tx.selectFrom(tableFor(entityType)).selectAll().where('id', '=', id).executeTakeFirst();
  if (row) return row as EntityRow;
  const other = entityType === 'contact' ? 'organizations' : 'contacts';
  if (await tx.selectFrom(other).select('id').where('id', '=', id).executeTakeFirst()) {
    throw new Conflict(`${id} is ${entityType === 'contact' ? 'an organization' : 'a contact'}, not a ${entityType}: only records of one type can be merged`);
  }
  throw new NotFound(entityType === 'contact' ? 'Contact' : 'Organization', id);
}

async function assertMergeable(tx: Tx, entityType: IdentityEntityType, row: EntityRow, role: string): Promise<void> {
  if (row.deletedAt === null) return;
  const merge = await activeMergeOf(tx, row.id);
  if (merge)
    throw new Conflict(`The ${role} ${entityType} ${labelOf(entityType, row)} was already merged into ${merge.survivorId}; undo that merge first`, {
      mergeId: merge.id,
    });
  throw new Conflict(`The ${role} ${entityType} ${labelOf(entityType, row)} is in the trash; restore it before merging`);
}

function parseInput(input: IdentityMergeInput) {
  const parsed = IdentityMergeInput.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
    throw new Invalid(issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), { issues });
  }
  return parsed.data;
}

/** Contacts whose sort-by-firm copy depends on these organizations' links. */
async function contactsLinkedTo(tx: Tx, organizationIds: string[]): Promise<string[]> {
  const rows = await tx.selectFrom('contactOrganizations').select('contactId').distinct().where('organizationId', 'in', organizationIds).execute();
  return rows.map((r) => r.contactId);
}

async function markSuggestion(scope: WriteScope, journal: MergeJournal, pair: MergePair, suggestionId: string | undefined): Promise<void> {
  const [entityA, entityB] = [pair.survivorId, pair.mergedId].sort() as [string, string];
  if (suggestionId !== undefined) {
    const byId = await scope.tx.selectFrom('identitySuggestions').select('id').where('id', '=', suggestionId).executeTakeFirst();
    if (!byId) throw new NotFound('Merge suggestion', suggestionId);
  }
  const suggestions = await scope.tx
    .selectFrom('identitySuggestions')
    .select('id')
    .where((eb) => eb.or([...(suggestionId ? [eb('id', '=', suggestionId)] : []), eb.and([eb('entityA', '=', entityA), eb('entityB', '=', entityB)])]))
    .execute();
  for (const suggestion of suggestions) {
    await journal.update(
      'identitySuggestions',
      { id: suggestion.id },
      { status: 'merged', decidedAt: scope.now, decidedBy: scope.actor.id ?? scope.actor.name, updatedAt: scope.now },
    );
  }
}

async function addSurvivorAliases(
  scope: WriteScope,
  journal: MergeJournal,
  entityType: IdentityEntityType,
  survivorId: string,
  merged: EntityRow,
): Promise<void> {
  const wanted = [
    { kind: 'merged_id', value: merged.id },
    { kind: 'name', value: labelOf(entityType, merged) },
  ].filter((a) => a.value.trim() !== '');
  for (const alias of wanted) {
    const taken = await scope.tx
      .selectFrom('entityAliases')
      .select('id')
      .where('entityType', '=', entityType)
      .where('kind', '=', alias.kind)
      .where('source', '=', 'merge')
      .where('value', '=', alias.value)
      .executeTakeFirst();
    if (taken) continue;
    await journal.insert('entityAliases', {
      id: newId(),
      entityType,
      entityId: survivorId,
      kind: alias.kind,
      source: 'merge',
      value: alias.value,
      createdAt: scope.now,
    });
  }
}

/**
 * Merge `mergedId` into `survivorId` in one transaction: the survivor takes the chosen field values,
 * everything that pointed at the merged entity moves to the survivor, the merged entity is retired to
 * the trash, and the before-image of every row touched is kept so `undoMerge` can put it all back.
 */
export function mergeEntities(core: CoreContext, actor: Actor, input: IdentityMergeInput, options: MergeOptions = {}): Promise<IdentityMergeView> {
  return write(core, actor, (scope) => mergeEntitiesIn(scope, input, options));
}

/** The same merge inside a write the caller already holds (a scan merging many pairs in one transaction). */
export async function mergeEntitiesIn(scope: WriteScope, rawInput: IdentityMergeInput, options: MergeOptions = {}): Promise<IdentityMergeView> {
  const input = parseInput(rawInput);
  const { entityType, survivorId, mergedId } = input;
  const fields: FieldChoices = input.fields;
  const pair: MergePair = { entityType, survivorId, mergedId };
  const table = tableFor(entityType);
  const { actor } = scope;
  const { tx } = scope;
  const survivor = await loadEntity(tx, entityType, survivorId);
  const merged = await loadEntity(tx, entityType, mergedId);
  await assertMergeable(tx, entityType, survivor, 'surviving');
  await assertMergeable(tx, entityType, merged, 'merged');
  const definitions = await customDefinitions(tx, entityType);
  checkFieldChoices(entityType, fields, definitions);

  const journal = new MergeJournal(tx);
  const columnPatch = survivorColumnPatch(entityType, survivor, merged, fields);
  const touched = { version: survivor.version + 1, updatedAt: scope.now, updatedBy: actor.id };
  await journal.update(table, { id: survivorId }, { ...columnPatch, ...touched });

  let retiredCommitments: RetiredCommitment[] = [];
  let sortContacts: string[];
  if (entityType === 'contact') {
    sortContacts = [survivorId, mergedId];
    await moveContactRows(tx, journal, pair);
  } else {
    sortContacts = await contactsLinkedTo(tx, [survivorId, mergedId]);
    for (const contactId of sortContacts) await journal.watch('contacts', { id: contactId });
    retiredCommitments = await moveOrganizationRows(tx, journal, pair, scope.now, actor.id);
  }
  await moveSharedLinks(tx, journal, pair, fields, definitions);
  await journal.update(
    table,
    { id: mergedId },
    { deletedAt: scope.now, deletedBy: actor.id, updatedAt: scope.now, updatedBy: actor.id, version: merged.version + 1 },
  );
  await addSurvivorAliases(scope, journal, entityType, survivorId, merged);
  await markSuggestion(scope, journal, pair, input.suggestionId);
  if (entityType === 'contact') await refreshOrganizationSortNames(tx, { contactId: survivorId });
  else await refreshOrganizationSortNames(tx, { organizationId: survivorId });

  const snapshot: MergeSnapshot = { entries: await journal.seal(), retiredCommitments, sortContacts };
  const mergeId = newId();
  await tx
    .insertInto('entityMerges')
    .values({
      id: mergeId,
      entityType,
      survivorId,
      mergedId,
      rule: options.rule ?? 'manual',
      confidence: options.confidence ?? null,
      fieldsJson: JSON.stringify(fields),
      snapshotJson: JSON.stringify(snapshot),
      actorKind: actor.kind,
      actorId: actor.id,
      actorName: actor.name,
      createdAt: scope.now,
      undoneAt: null,
      undoneBy: null,
    })
    .execute();

  const changedBefore = Object.fromEntries(Object.keys(columnPatch).map((k) => [k, (survivor as Record<string, unknown>)[k] ?? null]));
  const moved = snapshot.entries.filter((e) => e.op === 'update' && e.table !== table).length;
  await scope.log({
    action: 'merge',
    entityType,
    entityId: survivorId,
    diff: { before: changedBefore, after: columnPatch, mergeId, mergedId, mergedLabel: labelOf(entityType, merged), movedRows: moved, retiredCommitments },
  });
  await scope.logMany(linkedRecordEntries(snapshot.entries, mergeId, 'merge'));
  await scope.log({
    action: 'merge',
    entityType,
    entityId: mergedId,
    diff: { before: { deletedAt: null }, after: { deletedAt: scope.now, mergedInto: survivorId }, mergeId, survivorLabel: labelOf(entityType, survivor) },
  });
  return presentMerge(tx, await findMergeRow(tx, mergeId));
}

async function rejectPair(scope: WriteScope, merge: Row<'entityMerges'>): Promise<void> {
  const [entityA, entityB] = [merge.survivorId, merge.mergedId].sort() as [string, string];
  const decided = { status: 'rejected', decidedAt: scope.now, decidedBy: scope.actor.id ?? scope.actor.name, updatedAt: scope.now };
  const existing = await scope.tx
    .selectFrom('identitySuggestions')
    .select('id')
    .where('entityA', '=', entityA)
    .where('entityB', '=', entityB)
    .executeTakeFirst();
  if (existing) {
    await scope.tx.updateTable('identitySuggestions').set(decided).where('id', '=', existing.id).execute();
    return;
  }
  const evidence = [{ rule: 'unmerge', direction: 'against', confidence: 1, reason: `A merge of these records was undone on ${scope.now.slice(0, 10)}` }];
  await scope.tx
    .insertInto('identitySuggestions')
    .values({
      id: newId(),
      entityType: merge.entityType,
      entityA,
      entityB,
      confidence: merge.confidence ?? 0,
      evidenceJson: JSON.stringify(evidence),
      createdAt: scope.now,
      ...decided,
    })
    .execute();
}

/**
 * Undo a merge: every row comes back as it was (byte for byte when nobody changed it since), the merged
 * entity returns from the trash, and the pair is remembered as rejected so no scan merges it again.
 */
export function undoMerge(core: CoreContext, actor: Actor, mergeId: string): Promise<IdentityMergeView> {
  return write(core, actor, (scope) => undoMergeIn(scope, mergeId));
}

export async function undoMergeIn(scope: WriteScope, mergeId: string): Promise<IdentityMergeView> {
  const { actor } = scope;
  const { tx } = scope;
  const merge = await findMergeRow(tx, mergeId);
  if (merge.undoneAt !== null) throw new Conflict(`Merge ${mergeId} was already undone on ${merge.undoneAt}`);
  const later = await activeMergeOf(tx, merge.survivorId);
  if (later && later.createdAt >= merge.createdAt) {
    throw new Conflict(`The surviving record was itself merged into ${later.survivorId} afterwards; undo merge ${later.id} first`, { mergeId: later.id });
  }
  const snapshot = JSON.parse(merge.snapshotJson) as MergeSnapshot;
  const { changedSince } = await restoreJournal(tx, snapshot.entries, { now: scope.now, actorId: actor.id });
  if (changedSince.length > 0) {
    // Rows changed since the merge kept their later edits: recompute the derived sort copy rather than restore it.
    for (const contactId of snapshot.sortContacts) await refreshOrganizationSortNames(tx, { contactId });
  }
  await tx
    .updateTable('entityMerges')
    .set({ undoneAt: scope.now, undoneBy: actor.name ?? actor.id })
    .where('id', '=', mergeId)
    .execute();
  await rejectPair(scope, merge);
  await scope.logMany(linkedRecordEntries(snapshot.entries, mergeId, 'undo'));
  const entityType = merge.entityType as IdentityEntityType;
  const changed = changedSince.map((e) => (e.op === 'update' ? { table: e.table, key: e.key } : null)).filter(Boolean);
  await scope.log({ action: 'unmerge', entityType, entityId: merge.survivorId, diff: { mergeId, mergedId: merge.mergedId, changedSinceMerge: changed } });
  await scope.log({
    action: 'unmerge',
    entityType,
    entityId: merge.mergedId,
    diff: { before: { deletedAt: 'merged' }, after: { deletedAt: null }, mergeId, survivorId: merge.survivorId },
  });
  return presentMerge(tx, await findMergeRow(tx, mergeId));
}
