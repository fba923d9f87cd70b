import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';

const NOTE = ['Agenda:', '1. Fund II terms', '2. Fee break', '3. Co-invest rights', '4. Reporting cadence', '5. Next meeting', '6. Send the deck'].join('\n');

describe.each(testDialects())('communications on %s', (dialect) => {
  let core: TestCore;
  let userId: string;
  beforeAll(async () => {
    core = await openTestCore(dialect);
    const user = await invoke(
      operations.access.createUser,
      { core, actor: testActor() },
      { username: 'jamie', password: 'a long enough password', fullName: 'Jamie Editor' },
    );
    userId = user.id;
  });
  afterAll(() => core.dispose());
  const actor = () => testActor({ id: userId, userId, name: 'Jamie Editor' });

  let notes = 0;
  async function logNote() {
    notes += 1;
    const org = await invoke(operations.organizations.create, { core, actor: actor() }, { name: `Harbor ${notes}`, kind: 'family_office' });
    return invoke(
      operations.communications.create,
      { core, actor: actor() },
      { kind: 'meeting', occurredAt: '2031-03-10T15:00:00Z', subject: 'Terms', body: NOTE, organizationIds: [org.id] },
    );
  }

  it('keeps the body as typed, line breaks included', async () => {
    const note = await logNote();
    expect(note.body).toBe(NOTE);
    expect((await invoke(operations.communications.get, { core, actor: actor() }, { id: note.id })).body?.split('\n')).toHaveLength(7);
  });

  it('an edit keeps the earlier text in the history, with who changed it and when', async () => {
    const note = await logNote();
    const edited = `${NOTE}\n7. Added after the call`;
    await invoke(operations.communications.update, { core, actor: actor() }, { id: note.id, changes: { body: edited, subject: 'Terms (final)' } });
    const history = await invoke(operations.communications.history, { core, actor: testActor({ role: 'member' }) }, { id: note.id });
    expect(history.map((c) => c.action)).toEqual(['create', 'update']);
    const [created, update] = history;
    expect(created?.after.body).toBe(NOTE);
    expect(created?.after).not.toHaveProperty('createdBy');
    expect(update).toMatchObject({ actorName: 'Jamie Editor', before: { body: NOTE, subject: 'Terms' }, after: { body: edited, subject: 'Terms (final)' } });
    expect((update?.at ?? '') >= (created?.at ?? '')).toBe(true);
  });

  it('delete moves to the trash, says who, and restore brings it back', async () => {
    const note = await logNote();
    await invoke(operations.communications.delete, { core, actor: actor() }, { id: note.id });
    const feed = await invoke(operations.communications.list, { core, actor: actor() }, { limit: 500 });
    expect(feed.data.some((c) => c.id === note.id)).toBe(false);
    const trash = await invoke(operations.trash.list, { core, actor: actor() }, { entityType: 'communication' });
    expect(trash.data.find((t) => t.id === note.id)).toMatchObject({ name: 'Terms', deletedBy: userId, deletedByName: 'Jamie Editor' });
    await invoke(operations.communications.restore, { core, actor: actor() }, { id: note.id });
    const back = await invoke(operations.communications.list, { core, actor: actor() }, { limit: 500 });
    expect(back.data.some((c) => c.id === note.id)).toBe(true);
    const history = await invoke(operations.communications.history, { core, actor: actor() }, { id: note.id });
    expect(history.map((c) => c.action)).toEqual(['create', 'delete', 'restore']);
  });

  it('refuses an edit that links an unknown record, changing nothing', async () => {
    const note = await logNote();
    await expect(
      invoke(
        operations.communications.update,
        { core, actor: actor() },
        { id: note.id, changes: { body: 'lost', contactIds: ['00000000-0000-4000-8000-000000000000'] } },
      ),
    ).rejects.toThrow(/unknown contact/);
    expect((await invoke(operations.communications.get, { core, actor: actor() }, { id: note.id })).body).toBe(NOTE);
  });

  it('owner and assignee default to the creating user', async () => {
    const org = await invoke(operations.organizations.create, { core, actor: actor() }, { name: 'Owned Capital', kind: 'endowment' });
    expect(org.ownerId).toBe(userId);
    const contact = await invoke(operations.contacts.create, { core, actor: actor() }, { lastName: 'Owned' });
    expect(contact.ownerId).toBe(userId);
    const unowned = await invoke(operations.organizations.create, { core, actor: actor() }, { name: 'Nobody Capital', kind: 'endowment', ownerId: null });
    expect(unowned.ownerId).toBeNull();
    const fund = await invoke(operations.funds.create, { core, actor: actor() }, { name: 'Owner Fund', vintage: 2031, status: 'raising' });
    const commitment = await invoke(operations.commitments.create, { core, actor: actor() }, { organizationId: org.id, fundId: fund.id });
    expect(commitment.ownerId).toBe(userId);
    const task = await invoke(operations.tasks.create, { core, actor: actor() }, { title: 'Call back' });
    expect(task.assigneeId).toBe(userId);
  });
});
