import type { Database } from '../../db/schema.js';
import type { Tx } from '../../kernel/write.js';

/**
 * The tables a merge may touch and their primary keys. A merge records the exact before-image of every
 * row it changes, moves, inserts or deletes, so its undo can put each one back as it was.
 */
export const JOURNALED_TABLES = {
  contacts: ['id'],
  organizations: ['id'],
  contactEmails: ['id'],
  contactPhones: ['id'],
  contactOrganizations: ['contactId', 'organizationId'],
  communicationLinks: ['communicationId', 'entityType', 'entityId'],
  tasks: ['id'],
  entityTags: ['tagId', 'entityType', 'entityId'],
  customFieldValues: ['definitionId', 'entityId'],
  commitments: ['id'],
  notifications: ['id'],
  identityRecords: ['id'],
  identityRecordKeys: ['key', 'recordId'],
  identitySuggestions: ['id'],
  entityAliases: ['id'],
  relationshipEdges: ['id'],
  organizationDomains: ['organizationId', 'domain'],
  organizationNotes: ['id'],
} as const satisfies Partial<Record<keyof Database, readonly string[]>>;

export type JournaledTable = keyof typeof JOURNALED_TABLES;
export type PlainRow = Record<string, unknown>;
export type RowKey = Record<string, unknown>;

/**
 * One row's story in a merge. `update`: the row at `key` (its key after the merge, which a move changes)
 * was `before` and the merge left it as `after`. `insert`: the merge created the row at `key`.
 * `delete`: the merge removed `before`.
 */
export type JournalEntry =
  | { op: 'update'; table: JournaledTable; key: RowKey; before: PlainRow; after: PlainRow | null }
  | { op: 'insert'; table: JournaledTable; key: RowKey }
  | { op: 'delete'; table: JournaledTable; before: PlainRow };

export function keyOf(table: JournaledTable, row: PlainRow): RowKey {
  const key: RowKey = {};
  for (const column of JOURNALED_TABLES[table]) key[column] = row[column];
  return key;
}

const keyText = (table: JournaledTable, key: RowKey) => `${table}:${JSON.stringify(JOURNALED_TABLES[table].map((c) => key[c]))}`;

/*
 * Kysely's table-generic builders cannot type a table chosen at run time; the journal only ever sends
 * whole rows it read from the same table back to it, so one loosely typed view of the transaction is
 * confined to this file.
 */
// biome-ignore lint/suspicious/noExplicitAny: a table chosen at run time (see above)
type LooseTx = any;

function whereKey(query: LooseTx, key: RowKey): LooseTx {
  let q = query;
  for (const [column, value] of Object.entries(key)) q = q.where(column, '=', value);
  return q;
}

export async function readRow(tx: Tx, table: JournaledTable, key: RowKey): Promise<PlainRow | undefined> {
  return whereKey((tx as LooseTx).selectFrom(table).selectAll(), key).executeTakeFirst();
}

/** Writes through the journal: each change first keeps the row's before-image. */
export class MergeJournal {
  readonly entries: JournalEntry[] = [];
  /** Rows already journaled, by their current key: the first before-image is the one undo needs. */
  private readonly seen = new Set<string>();

  constructor(private readonly tx: Tx) {}

  /** Change (or move: the patch may change key columns) one row, keeping its before-image. */
  async update(table: JournaledTable, key: RowKey, patch: PlainRow): Promise<void> {
    const before = await readRow(this.tx, table, key);
    if (!before) return;
    const afterKey = keyOf(table, { ...before, ...patch });
    const existing = this.entries.find((e) => e.op === 'update' && e.table === table && keyText(table, e.key) === keyText(table, key));
    if (existing && existing.op === 'update') existing.key = afterKey;
    else this.entries.push({ op: 'update', table, key: afterKey, before, after: null });
    this.seen.delete(keyText(table, key));
    this.seen.add(keyText(table, afterKey));
    await whereKey((this.tx as LooseTx).updateTable(table).set(patch), key).execute();
  }

  /** Keep a row's before-image for a change made by someone else's helper (e.g. a sort-name refresh). */
  async watch(table: JournaledTable, key: RowKey): Promise<void> {
    if (this.seen.has(keyText(table, key))) return;
    const before = await readRow(this.tx, table, key);
    if (!before) return;
    this.seen.add(keyText(table, key));
    this.entries.push({ op: 'update', table, key, before, after: null });
  }

  async insert(table: JournaledTable, row: PlainRow): Promise<void> {
    await (this.tx as LooseTx).insertInto(table).values(row).execute();
    this.seen.add(keyText(table, keyOf(table, row)));
    this.entries.push({ op: 'insert', table, key: keyOf(table, row) });
  }

  async delete(table: JournaledTable, key: RowKey): Promise<void> {
    const before = await readRow(this.tx, table, key);
    if (!before) return;
    this.entries.push({ op: 'delete', table, before });
    await whereKey((this.tx as LooseTx).deleteFrom(table), key).execute();
  }

  /** After the last change: record what the merge left, so undo can tell whether anyone changed a row since. */
  async seal(): Promise<JournalEntry[]> {
    for (const entry of this.entries) {
      if (entry.op === 'update') entry.after = (await readRow(this.tx, entry.table, entry.key)) ?? null;
    }
    // Rows watched but left unchanged need no undo.
    return this.entries.filter((e) => !(e.op === 'update' && sameRow(e.before, e.after)));
  }
}

export function sameRow(a: PlainRow | null | undefined, b: PlainRow | null | undefined): boolean {
  return JSON.stringify(normalized(a)) === JSON.stringify(normalized(b));
}

/** Drivers disagree on booleans and numeric text (PGlite `1` vs `true`); compare canonical forms. */
function normalized(row: PlainRow | null | undefined): PlainRow | null {
  if (!row) return null;
  const out: PlainRow = {};
  for (const key of Object.keys(row).sort()) out[key] = row[key];
  return out;
}

export interface RestoreContext {
  now: string;
  actorId: string | null;
}

/**
 * Rows that other commands replace wholesale (a contact edit rewrites its emails and phones under new
 * ids): found again by what they hold when their id is gone, so an undo after such an edit still gives
 * the merged person their email addresses back.
 */
const NATURAL_KEYS: Partial<Record<JournaledTable, readonly string[]>> = {
  contactEmails: ['emailNormalized'],
  contactPhones: ['contactId', 'phoneE164'],
};

async function currentRow(tx: Tx, entry: Extract<JournalEntry, { op: 'update' }>): Promise<{ row: PlainRow; key: RowKey } | null> {
  const row = await readRow(tx, entry.table, entry.key);
  if (row) return { row, key: entry.key };
  const natural = NATURAL_KEYS[entry.table];
  if (!natural || !entry.after) return null;
  const after = entry.after;
  const byContent = await readRow(tx, entry.table, Object.fromEntries(natural.map((column) => [column, after[column]])));
  return byContent ? { row: byContent, key: keyOf(entry.table, byContent) } : null;
}

const VERSIONED: ReadonlySet<JournaledTable> = new Set(['contacts', 'organizations', 'tasks', 'commitments']);

/**
 * Put every journaled row back, newest change first. A row nobody touched since the merge gets its exact
 * before-image; a row changed since only gets back the columns the merge changed that still hold the
 * merge's value (and, where it keeps one, a new version), so later edits survive the undo.
 */
export async function restoreJournal(tx: Tx, entries: JournalEntry[], context: RestoreContext): Promise<{ changedSince: JournalEntry[] }> {
  const changedSince: JournalEntry[] = [];
  for (const entry of [...entries].reverse()) {
    if (entry.op === 'insert') {
      await whereKey((tx as LooseTx).deleteFrom(entry.table), entry.key).execute();
      continue;
    }
    if (entry.op === 'delete') {
      const present = await readRow(tx, entry.table, keyOf(entry.table, entry.before));
      if (!present) await (tx as LooseTx).insertInto(entry.table).values(entry.before).execute();
      continue;
    }
    const found = await currentRow(tx, entry);
    if (!found) continue;
    const { row: current, key } = found;
    if (sameRow(current, entry.after)) {
      await whereKey((tx as LooseTx).updateTable(entry.table).set(entry.before), key).execute();
      continue;
    }
    changedSince.push(entry);
    const patch: PlainRow = {};
    for (const [column, beforeValue] of Object.entries(entry.before)) {
      const afterValue = entry.after?.[column];
      if (JSON.stringify(afterValue) === JSON.stringify(beforeValue)) continue;
      if (JSON.stringify(current[column]) === JSON.stringify(afterValue)) patch[column] = beforeValue;
    }
    if (VERSIONED.has(entry.table)) {
      delete patch.version;
      delete patch.updatedAt;
      delete patch.updatedBy;
      patch.version = Number(current.version) + 1;
      patch.updatedAt = context.now;
      patch.updatedBy = context.actorId;
    }
    if (Object.keys(patch).length > 0) await whereKey((tx as LooseTx).updateTable(entry.table).set(patch), key).execute();
  }
  return { changedSince };
}
