import { createHash } from 'node:crypto';
import type { CustomFieldType } from '@lpdesk/contracts';
import { appendNoteIn } from '../grid/notes-log.js';
import { newId } from '../kernel/ids.js';
import { addTags, ensureCustomField, fieldKey, setCustomValues } from './fields.js';
import { ensureFund, fundStatus } from './funds.js';
import { calendarDay, flag, instant, type LegacyRow, text } from './reader.js';
import { resolveLegacyRow } from './resolve.js';
import { attachRecord, countState, type ImportRun, LEGACY_SOURCE, track, ledgerEntry } from './run.js';

/**
 * The grid blob (`fundraising_state.grid_json`) as docs/legacy-import.md describes it. The mirror tables
 * are read first; the blob only for what they lack: fund vintage and status, custom columns and their
 * values, and row tags.
 */
interface GridBlob {
  funds: Map<string, { vintage: number | null; status: ReturnType<typeof fundStatus> }>;
  customColumns: { id: string; name: string; type: CustomFieldType }[];
  rows: Map<string, { tags: string[]; custom: Record<string, unknown> }>;
}

const COLUMN_TYPES: Record<string, CustomFieldType> = {
  checkbox: 'boolean',
  boolean: 'boolean',
  number: 'number',
  currency: 'money',
  date: 'date',
  url: 'url',
  email: 'email',
  long_text: 'long_text',
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function readBlob(run: ImportRun): GridBlob {
  const blob: GridBlob = { funds: new Map(), customColumns: [], rows: new Map() };
  const state = run.legacy.rows('fundraising_state')[0];
  if (!state) return blob;
  const parsed = run.legacy.json('fundraising_state', { ...state, id: String(state.id ?? 1) }, 'grid_json');
  if (!isObject(parsed)) return blob;
  const columns = isObject(parsed.columns) ? parsed.columns : {};
  for (const fund of Array.isArray(columns.funds) ? columns.funds : []) {
    if (!isObject(fund) || typeof fund.id !== 'string') continue;
    const vintage = Number(fund.vintage);
    blob.funds.set(fund.id, { vintage: Number.isInteger(vintage) && vintage > 1900 ? vintage : null, status: fundStatus(fund.status) });
  }
  for (const column of Array.isArray(columns.custom) ? columns.custom : []) {
    if (!isObject(column) || typeof column.id !== 'string' || typeof column.name !== 'string') continue;
    blob.customColumns.push({ id: column.id, name: column.name, type: COLUMN_TYPES[String(column.type)] ?? 'text' });
  }
  for (const row of Array.isArray(parsed.rows) ? parsed.rows : []) {
    if (!isObject(row) || typeof row.id !== 'string') continue;
    const tags = Array.isArray(row.tags) ? row.tags.filter((tag): tag is string => typeof tag === 'string') : [];
    blob.rows.set(row.id, { tags, custom: isObject(row.custom) ? row.custom : {} });
  }
  return blob;
}

const GRID_FLAGS = [
  ['graveyard', 'Graveyard'],
  ['follow_up', 'Follow up'],
] as const;

/** Funds, investors (rows), custom columns, list flags, lead source, row tags and the notes log. */
export async function importGrid(run: ImportRun): Promise<void> {
  const blob = readBlob(run);
  for (const row of run.legacy.rows('fundraising_funds')) {
    const name = text(row.name);
    if (!name) {
      run.report.skipped.push({ table: 'fundraising_funds', id: String(row.id), reason: 'no name' });
      continue;
    }
    const facts = blob.funds.get(String(row.column_id)) ?? { vintage: null, status: null };
    run.gridFunds.set(String(row.id), await ensureFund(run, name, facts, instant(row.created_at)));
  }
  await ensureCustomField(run, 'organization', 'lead_source', 'Lead source', 'text');
  for (const [key, label] of GRID_FLAGS) await ensureCustomField(run, 'organization', key, label, 'boolean');
  const columnKeys = new Map<string, { key: string; type: CustomFieldType }>();
  for (const column of blob.customColumns) {
    const key = fieldKey('grid_', column.name);
    await ensureCustomField(run, 'organization', key, column.name, column.type);
    columnKeys.set(column.id, { key, type: column.type });
  }
  const lists = new Map<string, Set<string>>();
  for (const membership of run.legacy.rows('fundraising_list_memberships')) {
    const names = lists.get(String(membership.investor_id)) ?? new Set<string>();
    names.add(String(membership.list_name));
    lists.set(String(membership.investor_id), names);
  }
  for (const row of run.legacy.rows('fundraising_investors')) await importInvestor(run, row, blob, columnKeys, lists.get(String(row.id)) ?? new Set());
}

function customValue(raw: unknown, type: CustomFieldType): string | number | boolean | null {
  if (raw === null || raw === undefined || raw === '') return null;
  if (type === 'boolean') return flag(raw) || raw === 'yes' || raw === 'Yes';
  if (type === 'number' || type === 'money') {
    const value = Number(raw);
    return Number.isFinite(value) ? (type === 'money' ? Math.round(value * 100) : value) : null;
  }
  if (type === 'date') return calendarDay(raw);
  return String(raw);
}

async function importInvestor(
  run: ImportRun,
  row: LegacyRow,
  blob: GridBlob,
  columnKeys: Map<string, { key: string; type: CustomFieldType }>,
  lists: Set<string>,
): Promise<void> {
  const legacyId = String(row.id);
  const sourceRowId = String(row.source_row_id);
  const name = text(row.name);
  if (!name) {
    run.report.skipped.push({ table: 'fundraising_investors', id: legacyId, reason: 'no investor name' });
    return;
  }
  const createdAt = instant(row.created_at);
  const blobRow = blob.rows.get(sourceRowId);
  const { entityId, createdNow, state } = await resolveLegacyRow(
    run,
    'fundraising_investors',
    legacyId,
    { kind: 'organization', name, emails: [], phones: [] },
    createdAt,
    name,
    { sourceRowId, leadSource: row.lead_source, notes: row.notes, blobRow: blobRow ?? null, lists: [...lists].sort() },
  );
  run.gridInvestors.set(legacyId, entityId);
  if (state === 'same') return;
  await attachRecord(
    run,
    LEGACY_SOURCE('grid_rows'),
    sourceRowId,
    'organization',
    entityId,
    { source: LEGACY_SOURCE('grid_rows'), externalId: sourceRowId, kind: 'organization', name, emails: [], phones: [], investorId: legacyId },
    'the grid row of this investor',
    createdAt,
  );
  const leadSource = text(row.lead_source);
  if (leadSource) {
    const current = await run.scope.tx.selectFrom('organizations').select('leadSource').where('id', '=', entityId).executeTakeFirstOrThrow();
    if (createdNow || !current.leadSource || current.leadSource.startsWith('legacy.')) {
      await run.scope.tx.updateTable('organizations').set({ leadSource }).where('id', '=', entityId).execute();
    }
  }
  const custom: Record<string, string | number | boolean | null> = {
    lead_source: leadSource,
    graveyard: lists.has('graveyard') ? true : null,
    follow_up: lists.has('follow_up') ? true : null,
  };
  for (const [columnId, raw] of Object.entries(blobRow?.custom ?? {})) {
    const column = columnKeys.get(columnId);
    if (column) custom[column.key] = customValue(raw, column.type);
  }
  await setCustomValues(run, 'organization', entityId, custom);
  await addTags(run, 'organization', entityId, blobRow?.tags ?? []);
  await importNotesLog(run, entityId, sourceRowId, text(row.notes), createdAt);
}

const DATED_LINE = /^\s*\[?(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4})\]?\s*[:\-–—]?\s*(.*)$/;

function lineDate(raw: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return raw;
  const [month, day, year] = raw.split('/').map(Number) as [number, number, number];
  const fullYear = year < 100 ? 2000 + year : year;
  if (!month || !day || month > 12 || day > 31) return null;
  return `${fullYear}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The legacy notes column is a newline-appended log, one `YYYY-MM-DD: text` line per entry. Each line
 * becomes an entry of LP Desk's append-only outreach log on its day (an undated line takes the row's
 * creation day); a line already imported (same row, same text) is not added again.
 */
async function importNotesLog(run: ImportRun, organizationId: string, sourceRowId: string, notes: string | null, createdAt: string | null): Promise<void> {
  if (!notes) return;
  const fallbackDay = createdAt?.slice(0, 10) ?? run.scope.now.slice(0, 10);
  for (const line of notes
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const match = DATED_LINE.exec(line);
    const notedOn = (match?.[1] && lineDate(match[1])) || fallbackDay;
    const body = (match?.[1] ? match[2] : line)?.trim() || line;
    const lineId = `${sourceRowId}:${createHash('sha256').update(line).digest('hex').slice(0, 16)}`;
    const state = await track(run, 'fundraising_investors.notes', lineId, 'organization_note', organizationId, { line });
    if (state !== 'new') continue;
    await appendNoteIn(run.scope, organizationId, { body: body.slice(0, 4000), notedOn });
    countState(run, 'organization_note', state, true);
  }
}

export async function importGridContacts(run: ImportRun): Promise<void> {
  const investorNames = new Map(run.legacy.rows('fundraising_investors').map((row) => [String(row.id), text(row.name)]));
  for (const row of run.legacy.rows('fundraising_contacts')) {
    const legacyId = String(row.id);
    const name = text(row.name);
    const email = text(row.email);
    if (!name && !email) {
      run.report.skipped.push({ table: 'fundraising_contacts', id: legacyId, reason: 'neither a name nor an email' });
      continue;
    }
    const { entityId } = await resolveLegacyRow(
      run,
      'fundraising_contacts',
      legacyId,
      {
        kind: 'person',
        name,
        emails: email ? [email] : [],
        phones: text(row.phone) ? [String(row.phone)] : [],
        organization: investorNames.get(String(row.investor_id)) ?? null,
        title: text(row.title),
      },
      instant(row.created_at),
      name ?? email ?? legacyId,
    );
    run.gridContacts.set(legacyId, entityId);
  }
}

/** Saved grid views: the name and which fund columns they show (legacy filters refer to blob paths LP Desk has no equivalent for). */
export async function importGridViews(run: ImportRun): Promise<void> {
  const fundsByColumn = new Map(run.legacy.rows('fundraising_funds').map((row) => [String(row.column_id), run.gridFunds.get(String(row.id))]));
  for (const row of run.legacy.rows('fundraising_views')) {
    const legacyId = String(row.id);
    const name = text(row.name);
    if (!name) {
      run.report.skipped.push({ table: 'fundraising_views', id: legacyId, reason: 'no name' });
      continue;
    }
    const config = run.legacy.json('fundraising_views', row, 'config_json');
    const settings = isObject(config) ? config : {};
    const fundIds = Array.isArray(settings.visible_funds)
      ? settings.visible_funds.map((column) => fundsByColumn.get(String(column))).filter((id): id is string => Boolean(id))
      : undefined;
    const search = typeof settings.search === 'string' && settings.search.trim() ? settings.search.trim().slice(0, 200) : undefined;
    const state = { sort: [], groupBy: null, columns: [], ...(fundIds ? { fundIds } : {}), ...(search ? { search } : {}) };
    // Views get new ids on every legacy save: the name is their identity.
    const ledgerKey = name.toLowerCase();
    const known = await ledgerEntry(run, 'fundraising_views', ledgerKey);
    let viewId = known?.entityId ?? null;
    if (!viewId) {
      viewId = newId();
      const at = instant(row.created_at) ?? run.scope.now;
      await run.scope.tx
        .insertInto('savedViews')
        .values({
          id: viewId,
          name: name.slice(0, 100),
          screen: 'grid',
          shared: 1,
          stateJson: JSON.stringify(state),
          ownerId: run.users.get(String(row.created_by))?.id ?? null,
          version: 1,
          createdAt: at,
          updatedAt: run.scope.now,
          createdBy: null,
          updatedBy: null,
          deletedAt: null,
          deletedBy: null,
        })
        .execute();
      await run.scope.log({ action: 'create', entityType: 'saved_view', entityId: viewId, diff: { after: { name, screen: 'grid', state } } });
    }
    const tracked = await track(run, 'fundraising_views', ledgerKey, 'saved_view', viewId, state);
    if (tracked === 'changed')
      await run.scope.tx
        .updateTable('savedViews')
        .set({ stateJson: JSON.stringify(state), updatedAt: run.scope.now })
        .where('id', '=', viewId)
        .execute();
    countState(run, 'saved_view', tracked, !known);
  }
}
