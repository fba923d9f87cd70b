import { PassThrough } from 'node:stream';
import type { Role } from '@lpdesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../organizations/commands.js';
import { type Actor, systemActor } from '../kernel/actor.js';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';

describe.each(testDialects())('saved views on %s', (dialect) => {
  let core: TestCore;
  let serial = 0;

  beforeAll(async () => {
    core = await openTestCore(dialect);
  });
  afterAll(async () => {
    await core.dispose();
  });

  async function user(role: Role = 'member'): Promise<Actor> {
    const username = `viewer${++serial}`;
    const created = await invoke(
      operations.access.createUser,
      { core, actor: systemActor('cli') },
      { username, password: 'a long enough password', role, fullName: `Viewer ${serial}` },
    );
    return testActor({ kind: 'user', id: created.id, userId: created.id, role, name: username, door: 'http' });
  }
  const as = (actor: Actor) => ({ core, actor });
  const state = {
    query: { tab: 'investors' },
    sort: [{ field: 'name', direction: 'desc' as const }],
    columns: [{ field: 'name' }, { field: 'owner', hidden: true }],
  };

  it('keeps a private view to its owner: others never list it and get not-found on every route', async () => {
    const ana = await user();
    const ben = await user();
    const view = await invoke(operations.savedViews.create, as(ana), { name: 'My investors', screen: 'contacts', state });
    expect(view).toMatchObject({
      name: 'My investors',
      screen: 'contacts',
      shared: false,
      ownerId: ana.userId,
      owner: { id: ana.userId, name: `Viewer ${serial - 1}` },
      version: 1,
    });
    expect(view.state).toEqual({ ...state, groupBy: null });

    expect((await invoke(operations.savedViews.list, as(ana), { screen: 'contacts' })).data.map((v) => v.id)).toContain(view.id);
    expect((await invoke(operations.savedViews.list, as(ben), {})).data.map((v) => v.id)).not.toContain(view.id);
    await expect(invoke(operations.savedViews.get, as(ben), { id: view.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(invoke(operations.savedViews.update, as(ben), { id: view.id, changes: { name: 'Mine now' } })).rejects.toMatchObject({ code: 'not_found' });
    await expect(invoke(operations.savedViews.delete, as(ben), { id: view.id })).rejects.toMatchObject({ code: 'not_found' });
    // Not even an admin sees someone's private view.
    const boss = await user('admin');
    await expect(invoke(operations.savedViews.get, as(boss), { id: view.id })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('shows a shared view to everyone; only its owner or an admin may change or delete it', async () => {
    const ana = await user();
    const ben = await user('manager');
    const boss = await user('admin');
    const view = await invoke(operations.savedViews.create, as(ana), { name: 'Team pipeline', screen: 'organizations', shared: true, state });
    expect((await invoke(operations.savedViews.get, as(ben), { id: view.id })).name).toBe('Team pipeline');
    await expect(invoke(operations.savedViews.update, as(ben), { id: view.id, changes: { name: 'Hijacked' } })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(invoke(operations.savedViews.delete, as(ben), { id: view.id })).rejects.toMatchObject({ code: 'forbidden' });

    const renamed = await invoke(operations.savedViews.update, as(boss), { id: view.id, changes: { name: 'Team pipeline (Q3)' } });
    expect(renamed).toMatchObject({ name: 'Team pipeline (Q3)', version: 2, ownerId: ana.userId });
    await expect(invoke(operations.savedViews.update, as(ana), { id: view.id, changes: { shared: false }, expectedVersion: 1 })).rejects.toMatchObject({
      code: 'precondition_failed',
    });
    const unshared = await invoke(operations.savedViews.update, as(ana), {
      id: view.id,
      changes: { shared: false, state: { ...state, search: 'capital' } },
      expectedVersion: 2,
    });
    expect(unshared).toMatchObject({ shared: false, version: 3, state: { search: 'capital' } });
    await expect(invoke(operations.savedViews.get, as(ben), { id: view.id })).rejects.toMatchObject({ code: 'not_found' });

    await invoke(operations.savedViews.delete, as(ana), { id: view.id });
    await expect(invoke(operations.savedViews.get, as(ana), { id: view.id })).rejects.toMatchObject({ code: 'not_found' });
    const row = await core.db.selectFrom('savedViews').select(['deletedAt', 'deletedBy']).where('id', '=', view.id).executeTakeFirstOrThrow();
    expect(row.deletedBy).toBe(ana.id);

    const log = await core.db.selectFrom('activityLog').select(['action', 'actorId']).where('entityId', '=', view.id).orderBy('at').orderBy('id').execute();
    expect(log.map((entry) => entry.action)).toEqual(['create', 'update', 'update', 'delete']);
    expect(log[1]?.actorId).toBe(boss.id);
  });

  it('lists by screen, shared first, then by name', async () => {
    const ana = await user();
    const other = await user();
    const make = (actor: Actor, name: string, screen: 'tasks' | 'communications', shared: boolean) =>
      invoke(operations.savedViews.create, as(actor), { name, screen, shared, state: {} });
    await make(ana, 'zeta mine', 'tasks', false);
    await make(ana, 'Alpha mine', 'tasks', false);
    await make(other, 'Other shared', 'tasks', true);
    await make(other, 'Other private', 'tasks', false);
    await make(ana, 'Calls', 'communications', false);
    const all = await invoke(operations.savedViews.list, as(ana), {});
    const mine = all.data.filter((v) => v.screen === 'communications' || v.screen === 'tasks').map((v) => `${v.screen}/${v.name}`);
    expect(mine).toEqual(['communications/Calls', 'tasks/Other shared', 'tasks/Alpha mine', 'tasks/zeta mine']);
    expect((await invoke(operations.savedViews.list, as(ana), { screen: 'communications' })).data.map((v) => v.name)).toEqual(['Calls']);
  });

  it('refuses a bad state and names the field', async () => {
    const ana = await user();
    await expect(invoke(operations.savedViews.create, as(ana), { name: 'x', screen: 'contacts', state: { columns: [{ field: '' }] } })).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(invoke(operations.savedViews.create, as(ana), { name: 'x', screen: 'nowhere', state: {} })).rejects.toMatchObject({ code: 'invalid' });
    await expect(
      invoke(operations.savedViews.create, as(ana), { name: 'x', screen: 'contacts', state: { sort: [{ field: 'name', direction: 'up' }] } }),
    ).rejects.toThrow(/sort/);
  });

  it('exports what an organizations view shows: its filters, sort and visible columns in order', async () => {
    const ana = await user();
    const admin = testActor();
    for (const name of ['Views Alpha Capital', 'Views Beta Partners', 'Views Gamma Capital'])
      await createOrganization(core, admin, { name, kind: 'family_office' });
    const view = await invoke(operations.savedViews.create, as(ana), {
      name: 'Capital firms',
      screen: 'organizations',
      state: {
        search: 'capital',
        query: { q: 'ignored', kind: 'family_office', tab: 'all' },
        sort: [{ field: 'name', direction: 'desc' }],
        columns: [{ field: 'kind' }, { field: 'owner', hidden: true }, { field: 'name' }],
      },
    });
    const prepared = await invoke(operations.savedViews.export, as(ana), { id: view.id, format: 'csv' });
    expect(prepared.filename).toMatch(/^capital-firms-organizations-.*\.csv$/);
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (chunk: Buffer) => chunks.push(chunk));
    expect(await prepared.writeTo(sink)).toBe(2);
    const lines = Buffer.concat(chunks)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toEqual(['Kind,Name', 'family_office,Views Gamma Capital', 'family_office,Views Alpha Capital']);

    const other = await user();
    await expect(invoke(operations.savedViews.export, as(other), { id: view.id, format: 'csv' })).rejects.toMatchObject({ code: 'not_found' });
    const grid = await invoke(operations.savedViews.create, as(ana), { name: 'Grid', screen: 'grid', state: {} });
    const gridFile = await invoke(operations.savedViews.export, as(ana), { id: grid.id, format: 'csv' });
    expect(gridFile.filename).toMatch(/^grid-.*\.csv$/);
    await expect(invoke(operations.savedViews.export, as(ana), { id: grid.id, format: 'xlsx' })).rejects.toThrow('grid views export as CSV');
    await expect(invoke(operations.savedViews.export, as(other), { id: grid.id, format: 'csv' })).rejects.toMatchObject({ code: 'not_found' });
    const badColumn = await invoke(operations.savedViews.create, as(ana), { name: 'Bad', screen: 'contacts', state: { columns: [{ field: 'nope' }] } });
    await expect(invoke(operations.savedViews.export, as(ana), { id: badColumn.id, format: 'csv' })).rejects.toThrow(/columns: unknown column\(s\) nope/);
  });
});
