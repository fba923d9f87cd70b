import {
  COMMITTED_STAGES,
  CustomFieldType,
  type GridColumnView,
  type GridContactCell,
  type GridRowView,
  type GridView,
  gridFundField,
  matchesFilter,
  OPEN_STAGES,
  type Relationship,
  type Stage,
  sortGridRows,
  ViewState,
} from '@lpdesk/contracts';
import { decodeValue } from '../custom-fields/rules.js';
import type { Actor } from '../kernel/actor.js';
import { type CoreContext, today } from '../kernel/context.js';
import { Invalid } from '../kernel/errors.js';
import { latestOutboxPosition } from '../kernel/outbox.js';
import { asEnum, groupBy } from '../kernel/values.js';
import { type GridCustomField, type GridFund, gridColumns, orderColumns } from './columns.js';
import { loadPackedCommitments, loadPackedValues } from './bulk-reads.js';
import { loadNoteLines } from './notes-log.js';
import { loadViewState } from './view-state.js';

export interface GridRequest {
  /** Funds that get columns, in order; absent: the view's funds, else every live fund. */
  fundIds?: string[] | undefined;
  viewId?: string | undefined;
  /** An unsaved view's state; wins over `viewId`'s. */
  state?: ViewState | undefined;
  q?: string | undefined;
}

/** A grid as loaded: what the API returns, plus the state it applied (exports need its columns). */
export interface LoadedGrid extends GridView {
  state: ViewState | null;
}

const COMMITTED = new Set<string>(COMMITTED_STAGES);
const OPEN = new Set<string>(OPEN_STAGES);

/** `a,b` → ids; an empty string means none given. */
export function splitFundIds(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  return ids.length > 0 ? ids : undefined;
}

async function resolveState(core: CoreContext, actor: Actor, request: GridRequest): Promise<ViewState | null> {
  if (request.state) return ViewState.parse(request.state);
  if (request.viewId) return loadViewState(core, actor, request.viewId);
  return null;
}

async function loadFunds(core: CoreContext, wanted: string[] | undefined): Promise<GridFund[]> {
  const rows = await core.db
    .selectFrom('funds')
    .select(['id', 'name', 'currency'])
    .where('deletedAt', 'is', null)
    .orderBy('vintage', 'desc')
    .orderBy('name')
    .execute();
  if (!wanted) return rows;
  const byId = new Map(rows.map((row) => [row.id, row]));
  const unknown = wanted.filter((id) => !byId.has(id));
  if (unknown.length > 0)
    throw new Invalid(`fundIds: no fund ${unknown.join(', ')}`, { issues: [{ path: ['fundIds'], message: `unknown fund ${unknown.join(', ')}` }] });
  return [...new Set(wanted)].map((id) => byId.get(id) as GridFund);
}

/**
 * Everything the grid shows, in a fixed handful of queries whatever the number of investors: the
 * organizations, their tags, custom field values, people (with emails), log lines, commitments, and
 * the lookups for columns. Rows are assembled, filtered and sorted in memory.
 */
async function loadRows(core: CoreContext, funds: GridFund[]) {
  const db = core.db;
  const [organizations, tags, definitions, values, contactLinks, emails, commitments, notes] = await Promise.all([
    db.selectFrom('organizations').selectAll().where('deletedAt', 'is', null).execute(),
    db
      .selectFrom('entityTags as et')
      .innerJoin('tags as t', 't.id', 'et.tagId')
      .select(['et.entityId', 't.name'])
      .where('et.entityType', '=', 'organization')
      .where('t.deletedAt', 'is', null)
      .orderBy('t.name')
      .execute(),
    db
      .selectFrom('customFieldDefinitions')
      .select(['id', 'key', 'label', 'type', 'optionsJson'])
      .where('entityType', '=', 'organization')
      .where('deletedAt', 'is', null)
      .orderBy('position')
      .orderBy('label')
      .execute(),
    loadPackedValues(core),
    db
      .selectFrom('contactOrganizations as co')
      .innerJoin('contacts as c', 'c.id', 'co.contactId')
      .select(['co.organizationId', 'c.id', 'c.firstName', 'c.lastName', 'co.isPrimary'])
      .where('c.deletedAt', 'is', null)
      .orderBy('c.lastName')
      .orderBy('c.firstName')
      .execute(),
    db
      .selectFrom('contactEmails as e')
      .innerJoin('contactOrganizations as co', 'co.contactId', 'e.contactId')
      .select(['e.contactId', 'e.email', 'e.isPrimary', 'e.position'])
      .distinct()
      .execute(),
    loadPackedCommitments(core),
    loadNoteLines(db, null),
  ]);
  return { organizations, tags, definitions, values, contactLinks, emails, commitments, notes };
}

type Assembled = ReturnType<typeof assemble>;

/**
 * Assembled rows per database and fund selection, with the outbox position they were read at. Every
 * committed change appends to the outbox (and the position is shared by every process on one
 * database), so while the position has not moved the rows are still exact and the grid skips the
 * reads and the assembly: what is left per request is filter, sort and serialization. The position is
 * read before the rows, so a change committed meanwhile moves it and the next request reloads.
 */
const assembledCache = new WeakMap<object, Map<string, { position: number; assembled: Assembled }>>();
/** Fund selections kept per database: the views in use, not every combination ever asked for. */
const CACHED_SELECTIONS = 8;

async function assembledRows(core: CoreContext, funds: GridFund[]): Promise<Assembled> {
  const position = await latestOutboxPosition(core.db);
  const key = funds.map((fund) => fund.id).join(',');
  let entries = assembledCache.get(core.db);
  if (!entries) {
    entries = new Map();
    assembledCache.set(core.db, entries);
  }
  const cached = entries.get(key);
  // Position 0 is an empty outbox, which a fresh database and a fully pruned one share: never trusted.
  if (cached && position > 0 && cached.position === position) return cached.assembled;
  const assembled = assemble(await loadRows(core, funds), funds);
  entries.delete(key);
  entries.set(key, { position, assembled });
  if (entries.size > CACHED_SELECTIONS) entries.delete(entries.keys().next().value as string);
  return assembled;
}

type Loaded = Awaited<ReturnType<typeof loadRows>>;

/** A row for the filter language and the sort: its cells, plus what search reads. */
interface AssembledRow {
  view: GridRowView;
  searchText: string;
}

function assemble(loaded: Loaded, funds: GridFund[]): { rows: AssembledRow[]; customFields: GridCustomField[] } {
  const customFields: GridCustomField[] = loaded.definitions.map((d) => ({
    key: d.key,
    label: d.label,
    type: asEnum(CustomFieldType, d.type),
    options: JSON.parse(d.optionsJson) as string[],
  }));
  const definitionById = new Map(loaded.definitions.map((d) => [d.id, d]));
  const tagsOf = groupBy(loaded.tags, (t) => t.entityId);
  const contactsOf = groupBy(loaded.contactLinks, (c) => c.organizationId);
  const emailsOf = groupBy(loaded.emails, (e) => e.contactId);
  const shownFunds = new Set(funds.map((f) => f.id));
  const relationship = new Map<string, Relationship>();
  for (const [organizationId, commitments] of loaded.commitments) {
    // The relationship counts every fund; cells only the funds shown.
    if (commitments.some((c) => COMMITTED.has(c[3]))) relationship.set(organizationId, 'investor');
    else if (commitments.some((c) => OPEN.has(c[3]))) relationship.set(organizationId, 'prospect');
  }
  const rows = loaded.organizations.map((org): AssembledRow => {
    const searchParts = [org.name];
    const contacts: GridContactCell[] = (contactsOf.get(org.id) ?? []).map((link) => {
      const contactEmails = (emailsOf.get(link.id) ?? []).slice().sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary) || a.position - b.position);
      const name = `${link.firstName} ${link.lastName}`.trim();
      searchParts.push(name, ...contactEmails.map((e) => e.email));
      return { id: link.id, name, email: contactEmails[0]?.email ?? null };
    });
    const cells: Record<string, unknown> = {
      name: org.name,
      kind: org.kind,
      relationship: relationship.get(org.id) ?? 'none',
      ownerId: org.ownerId,
      website: org.website,
      location: org.location,
      leadSource: org.leadSource,
      description: org.description,
      tags: (tagsOf.get(org.id) ?? []).map((t) => t.name),
      contacts,
      notesLog: loaded.notes.get(org.id) ?? [],
    };
    for (const field of customFields) cells[`customFields.${field.key}`] = field.type === 'multi_select' ? [] : null;
    for (const [definitionId, valueText, valueNumber, valueJson] of loaded.values.get(org.id) ?? []) {
      const definition = definitionById.get(definitionId);
      if (definition) cells[`customFields.${definition.key}`] = decodeValue(definition, { valueText, valueNumber, valueJson });
    }
    const commitments: GridRowView['commitments'] = {};
    for (const fund of funds) {
      cells[gridFundField(fund.id, 'committedAmount')] = null;
      cells[gridFundField(fund.id, 'expectedAmount')] = null;
      cells[gridFundField(fund.id, 'stage')] = null;
    }
    for (const [id, version, fundId, stage, committedAmount, expectedAmount] of loaded.commitments.get(org.id) ?? []) {
      if (!shownFunds.has(fundId)) continue;
      commitments[fundId] = { id, version: Number(version) };
      cells[gridFundField(fundId, 'committedAmount')] = committedAmount === null ? null : Number(committedAmount);
      cells[gridFundField(fundId, 'expectedAmount')] = expectedAmount === null ? null : Number(expectedAmount);
      cells[gridFundField(fundId, 'stage')] = stage;
    }
    return { view: { organizationId: org.id, version: org.version, commitments, cells }, searchText: searchParts.join('\n').toLocaleLowerCase() };
  });
  return { rows, customFields };
}

/**
 * Per fund money column, the sum over the shown rows, by docs/metrics.md: the committed column is the
 * "committed" metric (committed amounts of committed and closed commitments), the expected column the
 * "expected (open pipeline)" metric (expected amounts of lead … soft circle). Declined counts in
 * neither; an unknown amount counts 0.
 */
export function gridTotals(rows: GridRowView[], funds: GridFund[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const fund of funds) {
    const committedField = gridFundField(fund.id, 'committedAmount');
    const expectedField = gridFundField(fund.id, 'expectedAmount');
    const stageField = gridFundField(fund.id, 'stage');
    let committed = 0;
    let expected = 0;
    for (const row of rows) {
      const stage = row.cells[stageField] as Stage | null;
      if (!stage) continue;
      if (COMMITTED.has(stage)) committed += (row.cells[committedField] as number | null) ?? 0;
      else if (OPEN.has(stage)) expected += (row.cells[expectedField] as number | null) ?? 0;
    }
    totals[committedField] = committed;
    totals[expectedField] = expected;
  }
  return totals;
}

/** The grid for a view (saved, unsaved or none): columns, the rows it shows in its order, totals. */
export async function loadGrid(core: CoreContext, actor: Actor, request: GridRequest): Promise<LoadedGrid> {
  const state = await resolveState(core, actor, request);
  const funds = await loadFunds(core, request.fundIds ?? state?.fundIds);
  const { rows, customFields } = await assembledRows(core, funds);
  const users = await core.db.selectFrom('users').select(['id', 'username', 'fullName']).where('deletedAt', 'is', null).orderBy('username').execute();
  const owners = users.map((u) => ({ value: u.id, label: u.fullName ?? u.username }));
  const columns: GridColumnView[] = orderColumns(gridColumns(funds, customFields, owners), state);
  const searches = [state?.search, request.q].map((s) => s?.trim().toLocaleLowerCase()).filter((s): s is string => Boolean(s));
  const filterOptions = { today: today(core) };
  let shown: AssembledRow[];
  try {
    shown = rows.filter((row) => searches.every((s) => row.searchText.includes(s)) && matchesFilter(row.view.cells, state?.filters, filterOptions));
  } catch (error) {
    throw new Invalid(`filters: ${error instanceof Error ? error.message : String(error)}`);
  }
  const sorted = sortGridRows(
    shown.map((row) => row.view),
    state?.sort ?? [],
    columns,
  );
  return { columns, rows: sorted, totals: gridTotals(sorted, funds), state };
}
