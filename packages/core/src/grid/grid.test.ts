import { PassThrough } from 'node:stream';
import { gridFundField } from '@lpdesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { parseCsv } from '../testing/csv.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';
import { visibleColumns } from './columns.js';
import { exportGrid } from './grid-export.js';
import { loadGrid } from './grid-query.js';

describe.each(testDialects())('grid on %s', (dialect) => {
  let core: TestCore;
  let userId: string;
  const ctx = () => ({ core, actor: testActor({ id: userId, userId, name: 'Robin Grid' }) });
  const ids: Record<string, string> = {};
  let fundA: string;
  let fundB: string;

  beforeAll(async () => {
    core = await openTestCore(dialect);
    userId = (
      await invoke(
        operations.access.createUser,
        { core, actor: testActor() },
        { username: 'robin', password: 'a long enough password', fullName: 'Robin Grid' },
      )
    ).id;
    fundA = (await invoke(operations.funds.create, ctx(), { name: 'Fund A', vintage: 2031, currency: 'USD' })).id;
    fundB = (await invoke(operations.funds.create, ctx(), { name: 'Fund B', vintage: 2030, currency: 'EUR' })).id;
    await invoke(operations.customFields.create, ctx(), {
      entityType: 'organization',
      key: 'region',
      label: 'Region',
      type: 'select',
      options: ['Europe', 'Americas'],
    });
    await invoke(operations.customFields.create, ctx(), { entityType: 'organization', key: 'aum', label: 'AUM', type: 'money' });
    const tag = await invoke(operations.tags.create, ctx(), { name: 'Warm' });
    const make = async (name: string, extra: Record<string, unknown> = {}) => {
      ids[name] = (await invoke(operations.organizations.create, ctx(), { name, kind: 'family_office', ...extra })).id;
      return ids[name] as string;
    };
    await make('Birch Capital', { customFields: { region: 'Europe', aum: 500_000_00 }, tagIds: [tag.id], leadSource: 'Referral' });
    await make('alder Partners', { customFields: { region: 'Americas' } });
    await make('Cedar Trust', { kind: 'endowment' });
    await make('Trashed Org');
    await invoke(operations.organizations.delete, ctx(), { id: ids['Trashed Org'] as string });
    await invoke(operations.contacts.create, ctx(), {
      firstName: 'Dana',
      lastName: 'Fir',
      emails: ['dana@fir.example'],
      organizations: [{ organizationId: ids['Cedar Trust'] as string, isPrimary: true }],
    });
    const commit = (organizationId: string, fundId: string, input: Record<string, unknown>) =>
      invoke(operations.commitments.create, ctx(), { organizationId, fundId, ...input });
    await commit(ids['Birch Capital'] as string, fundA, { stage: 'committed', committedAmount: 1_000_00, expectedAmount: 2_000_00 });
    await commit(ids['alder Partners'] as string, fundA, { stage: 'meeting', expectedAmount: 3_000_00 });
    await commit(ids['Cedar Trust'] as string, fundA, { stage: 'declined', declinedReason: 'No', expectedAmount: 7_000_00 });
    await commit(ids['Cedar Trust'] as string, fundB, { stage: 'closed', committedAmount: 4_000_00 });
  });
  afterAll(() => core.dispose());

  it('has one row per live organization with core, custom, people and fund cells, and typed columns', async () => {
    const grid = await invoke(operations.grid.get, ctx(), {});
    expect(grid.rows.map((r) => r.cells.name)).toEqual(['alder Partners', 'Birch Capital', 'Cedar Trust']);
    const birch = grid.rows.find((r) => r.organizationId === ids['Birch Capital']);
    expect(birch?.cells).toMatchObject({
      kind: 'family_office',
      relationship: 'investor',
      ownerId: userId,
      leadSource: 'Referral',
      tags: ['Warm'],
      'customFields.region': 'Europe',
      'customFields.aum': 500_000_00,
      [gridFundField(fundA, 'committedAmount')]: 1_000_00,
      [gridFundField(fundA, 'expectedAmount')]: 2_000_00,
      [gridFundField(fundA, 'stage')]: 'committed',
      [gridFundField(fundB, 'stage')]: null,
    });
    expect(Object.keys(birch?.commitments ?? {})).toEqual([fundA]);
    const cedar = grid.rows.find((r) => r.organizationId === ids['Cedar Trust']);
    expect(cedar?.cells.contacts).toEqual([{ id: expect.any(String), name: 'Dana Fir', email: 'dana@fir.example' }]);
    const byField = new Map(grid.columns.map((c) => [c.field, c]));
    expect(byField.get('customFields.region')).toMatchObject({
      type: 'select',
      editable: true,
      options: [
        { value: 'Europe', label: 'Europe' },
        { value: 'Americas', label: 'Americas' },
      ],
    });
    expect(byField.get(gridFundField(fundB, 'committedAmount'))).toMatchObject({ type: 'money', currency: 'EUR', fundId: fundB, editable: true });
    expect(byField.get('ownerId')?.options).toContainEqual({ value: userId, label: 'Robin Grid' });
    expect(byField.get('notesLog')).toMatchObject({ type: 'notes_log', editable: false });
  });

  it('totals each fund money column over the shown rows by the metrics definitions', async () => {
    const grid = await invoke(operations.grid.get, ctx(), {});
    // Committed: committed + closed committed amounts; expected: open stages only (declined counts in neither).
    expect(grid.totals).toEqual({
      [gridFundField(fundA, 'committedAmount')]: 1_000_00,
      [gridFundField(fundA, 'expectedAmount')]: 3_000_00,
      [gridFundField(fundB, 'committedAmount')]: 4_000_00,
      [gridFundField(fundB, 'expectedAmount')]: 0,
    });
    const filtered = await loadGrid(core, ctx().actor, {
      state: { sort: [], groupBy: null, columns: [], filters: { match: 'all', conditions: [{ field: 'kind', op: 'eq', value: 'endowment' }] } },
    });
    expect(filtered.totals[gridFundField(fundB, 'committedAmount')]).toBe(4_000_00);
    expect(filtered.totals[gridFundField(fundA, 'committedAmount')]).toBe(0);
  });

  it('shows only the funds asked for, and refuses unknown ones', async () => {
    const grid = await invoke(operations.grid.get, ctx(), { fundIds: fundB });
    expect(grid.columns.filter((c) => c.fundId).map((c) => c.field)).toEqual([
      gridFundField(fundB, 'committedAmount'),
      gridFundField(fundB, 'stage'),
      gridFundField(fundB, 'expectedAmount'),
    ]);
    // The fund columns come right after the name: they are what the grid is opened for.
    expect(grid.columns[1]?.field).toBe(gridFundField(fundB, 'committedAmount'));
    await expect(invoke(operations.grid.get, ctx(), { fundIds: '0190aaaa-0000-7000-8000-000000000000' })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('filters with the filter language, searches names and people, sorts by several keys with empties last', async () => {
    const base = { groupBy: null, columns: [] };
    const byRegion = await loadGrid(core, ctx().actor, {
      state: { ...base, sort: [], filters: { match: 'all', conditions: [{ field: 'customFields.region', op: 'in', value: ['Europe', 'Americas'] }] } },
    });
    expect(byRegion.rows.map((r) => r.cells.name)).toEqual(['alder Partners', 'Birch Capital']);
    const byStage = await loadGrid(core, ctx().actor, {
      state: {
        ...base,
        sort: [],
        filters: {
          match: 'any',
          conditions: [
            { field: gridFundField(fundA, 'stage'), op: 'eq', value: 'meeting' },
            { field: 'tags', op: 'contains', value: 'warm' },
          ],
        },
      },
    });
    expect(byStage.rows.map((r) => r.cells.name)).toEqual(['alder Partners', 'Birch Capital']);
    expect((await loadGrid(core, ctx().actor, { q: 'DANA@fir' })).rows.map((r) => r.cells.name)).toEqual(['Cedar Trust']);
    const sorted = await loadGrid(core, ctx().actor, {
      state: {
        ...base,
        sort: [
          { field: gridFundField(fundA, 'committedAmount'), direction: 'desc' },
          { field: 'name', direction: 'desc' },
        ],
      },
    });
    // Only Birch has a committed amount in Fund A; the others are empty and go last, by name descending.
    expect(sorted.rows.map((r) => r.cells.name)).toEqual(['Birch Capital', 'Cedar Trust', 'alder Partners']);
    const byText = await loadGrid(core, ctx().actor, { state: { ...base, sort: [{ field: 'name', direction: 'asc' }] } });
    expect(byText.rows.map((r) => r.cells.name)).toEqual(['alder Partners', 'Birch Capital', 'Cedar Trust']);
    const recent = await loadGrid(core, ctx().actor, {
      state: { ...base, sort: [], filters: { match: 'all', conditions: [{ field: 'name', op: 'neq', value: '@today' }] } },
    });
    expect(recent.rows).toHaveLength(3);
  });

  it('a view id that is unknown, private to someone else or for another screen is 404; a grid view applies', async () => {
    await expect(invoke(operations.grid.get, ctx(), { viewId: '0190aaaa-0000-7000-8000-000000000000' })).rejects.toMatchObject({ code: 'not_found' });
    const other = testActor({ id: '0190aaaa-0000-7000-8000-00000000000b', userId: null, name: 'Someone else' });
    const byOther = await invoke(operations.savedViews.create, { core, actor: other }, { name: 'Theirs', screen: 'grid', state: { sort: [] } });
    await expect(invoke(operations.grid.get, ctx(), { viewId: byOther.id })).rejects.toMatchObject({ code: 'not_found' });
    const contactsView = await invoke(operations.savedViews.create, ctx(), { name: 'People', screen: 'contacts', state: {} });
    await expect(invoke(operations.grid.get, ctx(), { viewId: contactsView.id })).rejects.toMatchObject({ code: 'not_found' });
    const cedarOnly = await invoke(operations.savedViews.create, ctx(), {
      name: 'Endowments',
      screen: 'grid',
      state: { filters: { match: 'all', conditions: [{ field: 'kind', op: 'eq', value: 'endowment' }] } },
    });
    expect((await invoke(operations.grid.get, ctx(), { viewId: cedarOnly.id })).rows.map((row) => row.cells.name)).toEqual(['Cedar Trust']);
  });

  it('a change committed after a load shows in the next load (the rows are reused only while nothing changed)', async () => {
    const first = await invoke(operations.grid.get, ctx(), {});
    const again = await invoke(operations.grid.get, ctx(), {});
    expect(again.rows.map((row) => row.cells.location)).toEqual(first.rows.map((row) => row.cells.location));
    const birch = ids['Birch Capital'] as string;
    await invoke(operations.organizations.update, ctx(), { id: birch, changes: { location: 'Oslo' } });
    const after = await invoke(operations.grid.get, ctx(), {});
    expect(after.rows.find((row) => row.organizationId === birch)?.cells.location).toBe('Oslo');
    await invoke(operations.organizations.update, ctx(), { id: birch, changes: { location: null } });
  });

  it('exports exactly the shown rows and visible columns in the view order, formula-safe, money in units', async () => {
    await invoke(operations.organizations.update, ctx(), { id: ids['alder Partners'] as string, changes: { location: '=HYPERLINK("x")' } });
    const state = {
      groupBy: null,
      sort: [{ field: 'name', direction: 'desc' as const }],
      filters: { match: 'all' as const, conditions: [{ field: 'kind', op: 'eq' as const, value: 'family_office' }] },
      columns: [{ field: gridFundField(fundA, 'committedAmount') }, { field: 'location' }, { field: 'name' }, { field: 'description', hidden: true }],
    };
    const grid = await loadGrid(core, ctx().actor, { state, fundIds: [fundA] });
    const file = await exportGrid(core, ctx().actor, { state, fundIds: [fundA], format: 'csv' });
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (chunk: Buffer) => chunks.push(chunk));
    expect(await file.writeTo(sink)).toBe(2);
    const records = parseCsv(
      Buffer.concat(chunks)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    ) as string[][];
    const columns = visibleColumns(grid.columns, state);
    expect(records[0]).toEqual(columns.map((c) => c.label));
    expect(records[0]).not.toContain('Description');
    // The named columns took the slots of name, location and the Fund A committed column, in the view's order.
    expect(records[0]?.[0]).toBe('Fund A · Committed (USD)');
    expect(records.slice(1).map((r) => r[records[0]?.indexOf('Name') ?? 0])).toEqual(grid.rows.map((r) => r.cells.name));
    expect(grid.rows.map((r) => r.cells.name)).toEqual(['Birch Capital', 'alder Partners']);
    const birch = records[1] as string[];
    expect(birch[0]).toBe('1000.00');
    expect(birch[records[0]?.indexOf('Kind') ?? 0]).toBe('Family office');
    expect((records[2] as string[])[records[0]?.indexOf('Location') ?? 0]).toBe(`'=HYPERLINK("x")`);
  });
});
