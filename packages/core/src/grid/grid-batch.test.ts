import { type BatchChange, gridFundField } from '@lpdesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Conflict } from '../kernel/errors.js';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';
import { loadGrid } from './grid-query.js';

describe.each(testDialects())('grid edits through the batch on %s', (dialect) => {
  let core: TestCore;
  let fundId: string;
  const alice = () => ({ core, actor: testActor({ name: 'Alice' }) });
  const bob = () => ({ core, actor: testActor({ name: 'Bob' }) });
  let count = 0;
  const newOrganization = async () => {
    count += 1;
    return invoke(operations.organizations.create, alice(), { name: `Investor ${count}`, kind: 'pension' });
  };
  const row = async (organizationId: string) => (await loadGrid(core, alice().actor, {})).rows.find((r) => r.organizationId === organizationId);

  beforeAll(async () => {
    core = await openTestCore(dialect);
    fundId = (await invoke(operations.funds.create, alice(), { name: 'Grid Fund', vintage: 2031 })).id;
    for (const key of ['c1', 'c2', 'c3'])
      await invoke(operations.customFields.create, alice(), { entityType: 'organization', key, label: key.toUpperCase(), type: 'text' });
  });
  afterAll(() => core.dispose());

  it('two clients editing different cells of the same row at once both succeed', async () => {
    const org = await newOrganization();
    const change = (field: string, value: unknown, expected: unknown): BatchChange => ({
      entityType: 'organization',
      entityId: org.id,
      field,
      value,
      expected,
    });
    await Promise.all([
      invoke(operations.batch.apply, alice(), { changes: [change('location', 'Oslo', null)] }),
      invoke(operations.batch.apply, bob(), { changes: [change('leadSource', 'Conference', null)] }),
      invoke(operations.batch.apply, bob(), { changes: [change(gridFundField(fundId, 'expectedAmount'), 5_000_00, null)] }),
      // Both fund cells of an investor with no commitment yet: the first creates it, the second edits it.
      invoke(operations.batch.apply, alice(), { changes: [change(gridFundField(fundId, 'committedAmount'), 1_00, null)] }),
    ]);
    const cells = (await row(org.id))?.cells;
    expect(cells).toMatchObject({
      location: 'Oslo',
      leadSource: 'Conference',
      [gridFundField(fundId, 'expectedAmount')]: 5_000_00,
      [gridFundField(fundId, 'committedAmount')]: 1_00,
      [gridFundField(fundId, 'stage')]: 'lead',
    });
    const commitments = await core.db.selectFrom('commitments').select('id').where('organizationId', '=', org.id).execute();
    expect(commitments).toHaveLength(1);
  });

  it('the same cell with a stale expected value is a 409 with the current value, and nothing is written', async () => {
    const org = await newOrganization();
    await invoke(operations.batch.apply, alice(), {
      changes: [{ entityType: 'organization', entityId: org.id, field: 'location', value: 'Oslo', expected: null }],
    });
    await invoke(operations.batch.apply, alice(), {
      changes: [{ entityType: 'organization', entityId: org.id, field: gridFundField(fundId, 'expectedAmount'), value: 100, expected: null }],
    });
    const before = await row(org.id);
    const stale = invoke(operations.batch.apply, bob(), {
      changes: [
        { entityType: 'organization', entityId: org.id, field: 'leadSource', value: 'Web', expected: null },
        { entityType: 'organization', entityId: org.id, field: 'location', value: 'Bergen', expected: null },
        { entityType: 'organization', entityId: org.id, field: gridFundField(fundId, 'expectedAmount'), value: 200, expected: null },
      ],
    });
    await expect(stale).rejects.toBeInstanceOf(Conflict);
    await stale.catch((error: Conflict) => {
      expect(error.details).toEqual({
        conflicts: [
          { entityType: 'organization', entityId: org.id, field: 'location', current: 'Oslo' },
          { entityType: 'organization', entityId: org.id, field: gridFundField(fundId, 'expectedAmount'), current: 100 },
        ],
      });
    });
    const after = await row(org.id);
    expect(after).toEqual(before);
  });

  it('racing the same cell from two clients: one wins, the other gets 409', async () => {
    const org = await newOrganization();
    const field = gridFundField(fundId, 'committedAmount');
    const results = await Promise.allSettled([
      invoke(operations.batch.apply, alice(), { changes: [{ entityType: 'organization', entityId: org.id, field, value: 1, expected: null }] }),
      invoke(operations.batch.apply, bob(), { changes: [{ entityType: 'organization', entityId: org.id, field, value: 2, expected: null }] }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason).toBeInstanceOf(Conflict);
    const commitments = await core.db.selectFrom('commitments').select('id').where('organizationId', '=', org.id).execute();
    expect(commitments).toHaveLength(1);
  });

  it('a fund cell on an investor without a commitment creates it in lead; stage rules still apply', async () => {
    const org = await newOrganization();
    await invoke(operations.batch.apply, alice(), {
      changes: [{ entityType: 'organization', entityId: org.id, field: gridFundField(fundId, 'expectedAmount'), value: 9_00, expected: null }],
    });
    const created = await core.db.selectFrom('commitments').selectAll().where('organizationId', '=', org.id).executeTakeFirstOrThrow();
    expect(created).toMatchObject({ stage: 'lead', fundId });
    expect(Number(created.expectedAmount)).toBe(9_00);
    const toCommitted = invoke(operations.batch.apply, alice(), {
      changes: [{ entityType: 'organization', entityId: org.id, field: gridFundField(fundId, 'stage'), value: 'committed', expected: 'lead' }],
    });
    await expect(toCommitted).rejects.toMatchObject({ code: 'invalid' });
    await invoke(operations.batch.apply, alice(), {
      changes: [
        { entityType: 'organization', entityId: org.id, field: gridFundField(fundId, 'stage'), value: 'committed', expected: 'lead' },
        { entityType: 'organization', entityId: org.id, field: gridFundField(fundId, 'committedAmount'), value: 8_00, expected: null },
      ],
    });
    expect((await row(org.id))?.cells).toMatchObject({ [gridFundField(fundId, 'stage')]: 'committed', [gridFundField(fundId, 'committedAmount')]: 8_00 });
    // Absent commitment + only empty values (a pasted empty cell) creates nothing.
    const other = await newOrganization();
    await invoke(operations.batch.apply, alice(), {
      changes: [{ entityType: 'organization', entityId: other.id, field: gridFundField(fundId, 'expectedAmount'), value: null, expected: null }],
    });
    expect(await core.db.selectFrom('commitments').select('id').where('organizationId', '=', other.id).execute()).toHaveLength(0);
    await expect(
      invoke(operations.batch.apply, alice(), {
        changes: [{ entityType: 'organization', entityId: other.id, field: gridFundField(fundId, 'stage'), value: 'nope' }],
      }),
    ).rejects.toMatchObject({ code: 'invalid' });
  });

  it('pastes a 20×5 range in one batch, one version per record', async () => {
    const orgs = [];
    for (let i = 0; i < 20; i += 1) orgs.push(await newOrganization());
    const fields = ['location', 'customFields.c1', 'customFields.c2', 'customFields.c3', gridFundField(fundId, 'expectedAmount')];
    const changes: BatchChange[] = orgs.flatMap((org, r) =>
      fields.map((field, c) => ({
        entityType: 'organization' as const,
        entityId: org.id,
        field,
        value: c === 4 ? (r + 1) * 100 : `r${r}c${c}`,
        expected: null,
      })),
    );
    const result = await invoke(operations.batch.apply, alice(), { changes });
    expect(result.applied).toBe(100);
    const grid = await loadGrid(core, alice().actor, {});
    for (const [r, org] of orgs.entries()) {
      const gridRow = grid.rows.find((x) => x.organizationId === org.id);
      expect(gridRow?.version).toBe(org.version + 1);
      expect(gridRow?.cells).toMatchObject({ location: `r${r}c0`, 'customFields.c3': `r${r}c3`, [gridFundField(fundId, 'expectedAmount')]: (r + 1) * 100 });
    }
  });

  it('cell history lists a cell’s revisions newest first, fund cells included', async () => {
    const org = await newOrganization();
    const set = (field: string, value: unknown, expected: unknown) =>
      invoke(operations.batch.apply, alice(), { changes: [{ entityType: 'organization', entityId: org.id, field, value, expected }] });
    await set('customFields.c1', 'one', null);
    await set('customFields.c2', 'other', null);
    await set('customFields.c1', 'two', 'one');
    const history = await invoke(operations.grid.cellHistory, alice(), { organizationId: org.id, field: 'customFields.c1' });
    expect(history.map((h) => [h.before, h.after])).toEqual([
      ['one', 'two'],
      [null, 'one'],
    ]);
    expect(history[0]).toMatchObject({ actorName: 'Alice', actorKind: 'user' });
    await set(gridFundField(fundId, 'expectedAmount'), 5, null);
    await set(gridFundField(fundId, 'expectedAmount'), 6, 5);
    const fundHistory = await invoke(operations.grid.cellHistory, alice(), { organizationId: org.id, field: gridFundField(fundId, 'expectedAmount') });
    expect(fundHistory.map((h) => [h.before, h.after])).toEqual([
      [5, 6],
      [null, 5],
    ]);
  });
});
