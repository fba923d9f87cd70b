import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';

const actor = testActor();
const M = 100_000_000; // $1M in cents

describe.each(testDialects())('trash impact on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await openTestCore(dialect);
  });
  afterAll(() => core.dispose());
  const ctx = () => ({ core, actor });

  async function investorWithEverything(name: string) {
    const fund = await invoke(operations.funds.create, ctx(), { name: `${name} Fund II`, vintage: 2031, status: 'raising' });
    const other = await invoke(operations.funds.create, ctx(), { name: `${name} Fund III`, vintage: 2033, status: 'raising' });
    const org = await invoke(operations.organizations.create, ctx(), { name, kind: 'family_office' });
    const person = await invoke(operations.contacts.create, ctx(), {
      firstName: 'Ada',
      lastName: name,
      organizations: [{ organizationId: org.id, isPrimary: true }],
    });
    await invoke(operations.contacts.create, ctx(), { lastName: `${name} Two`, organizations: [{ organizationId: org.id }] });
    const committed = await invoke(operations.commitments.create, ctx(), {
      organizationId: org.id,
      fundId: fund.id,
      stage: 'committed',
      expectedAmount: 4 * M,
      committedAmount: 5 * M,
      primaryContactId: person.id,
    });
    await invoke(operations.commitments.create, ctx(), { organizationId: org.id, fundId: other.id, stage: 'meeting', expectedAmount: 2 * M });
    await invoke(operations.tasks.create, ctx(), { title: 'Send deck', entityType: 'organization', entityId: org.id });
    await invoke(operations.tasks.create, ctx(), { title: 'Done already', status: 'done', entityType: 'organization', entityId: org.id });
    await invoke(operations.communications.create, ctx(), {
      kind: 'call',
      occurredAt: '2031-03-01T10:00:00Z',
      organizationIds: [org.id],
      contactIds: [person.id],
    });
    return { org, person, fund, committed };
  }

  it('counts what leaves which screen when an organization is trashed, and changes nothing', async () => {
    const { org, fund } = await investorWithEverything('Harbor');
    const impact = await invoke(operations.trash.organizationImpact, ctx(), { id: org.id });
    expect(impact).toMatchObject({ entityType: 'organization', name: 'Harbor', commitments: 2, linkedRecords: 2, openTasks: 1, communications: 1 });
    expect(impact.funds).toEqual([
      { fundId: fund.id, fundName: 'Harbor Fund II', currency: 'USD', commitments: 1, committedAmount: 5 * M, expectedAmount: 0 },
      expect.objectContaining({ fundName: 'Harbor Fund III', commitments: 1, committedAmount: 0, expectedAmount: 2 * M }),
    ]);
    expect((await invoke(operations.organizations.get, ctx(), { id: org.id })).deletedAt).toBeNull();
  });

  it('trashing the organization takes its commitments out of the lists; restoring brings them back', async () => {
    const { org, committed } = await investorWithEverything('Quarry');
    const live = async () => (await invoke(operations.commitments.list, ctx(), { limit: 500 })).data.map((c) => c.id);
    expect(await live()).toContain(committed.id);
    await invoke(operations.organizations.delete, ctx(), { id: org.id });
    expect(await live()).not.toContain(committed.id);
    await expect(invoke(operations.trash.organizationImpact, ctx(), { id: org.id })).rejects.toThrow(/not found|no organization/i);
    await invoke(operations.organizations.restore, ctx(), { id: org.id });
    expect(await live()).toContain(committed.id);
    expect((await invoke(operations.trash.organizationImpact, ctx(), { id: org.id })).commitments).toBe(2);
  });

  it('counts what a contact takes with them', async () => {
    const { person } = await investorWithEverything('Lantern');
    const impact = await invoke(operations.trash.contactImpact, ctx(), { id: person.id });
    expect(impact).toMatchObject({
      entityType: 'contact',
      name: 'Ada Lantern',
      commitments: 0,
      primaryContactOf: 1,
      linkedRecords: 1,
      openTasks: 0,
      communications: 1,
    });
  });

  it('lists the trash newest first with who trashed each record', async () => {
    const { person } = await investorWithEverything('Beacon');
    await invoke(operations.contacts.delete, { core, actor: testActor({ name: 'Riley Admin' }) }, { id: person.id });
    const trash = await invoke(operations.trash.list, ctx(), { entityType: 'contact', limit: 50, offset: 0 });
    expect(trash.data[0]).toMatchObject({ id: person.id, name: 'Ada Beacon', deletedByName: 'Riley Admin' });
    await expect(invoke(operations.trash.list, ctx(), { entityType: 'user' as never })).rejects.toThrow();
  });
  it('names the user in deleted_by when the trashing left no delete entry of its own', async () => {
    const user = await invoke(operations.access.createUser, ctx(), { username: 'morgan', password: 'a long enough password', fullName: 'Morgan Bulk' });
    const task = await invoke(operations.tasks.create, ctx(), { title: 'Trashed without a delete entry' });
    await core.db.updateTable('tasks').set({ deletedAt: '2031-03-14T16:00:00.000Z', deletedBy: user.id }).where('id', '=', task.id).execute();
    const trash = await invoke(operations.trash.list, ctx(), { entityType: 'task', limit: 50, offset: 0 });
    expect(trash.data.find((t) => t.id === task.id)).toMatchObject({ name: 'Trashed without a delete entry', deletedBy: user.id, deletedByName: 'Morgan Bulk' });
  });
});
