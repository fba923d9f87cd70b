import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../kernel/actor.js';
import { ManualClock } from '../kernel/clock.js';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { openTestCore, TEST_NOW, testActor, testDialects, type TestCore } from '../testing/index.js';
import { notifyDueTasks } from './reminders.js';

const HOUR = 3_600_000;
let serial = 0;

describe.each(testDialects())('notifications on %s', (dialect) => {
  let core: TestCore;
  const clock = new ManualClock(TEST_NOW);

  beforeAll(async () => {
    core = await openTestCore(dialect, { clock, settings: { timeZone: 'America/New_York' } });
  });
  afterAll(() => core.dispose());

  /** A fresh member per test, acting as themself through the web door. */
  async function member(label: string): Promise<Actor & { userId: string; username: string }> {
    const username = `${label}${++serial}`;
    const user = await invoke(
      operations.access.createUser,
      { core, actor: systemActor('cli') },
      { username, password: 'a long enough password', role: 'member', fullName: `${label} Person` },
    );
    return { ...testActor({ kind: 'user', id: user.id, userId: user.id, role: 'member', name: username, door: 'http' }), userId: user.id, username };
  }
  const as = (actor: Actor) => ({ core, actor });
  const inbox = async (actor: Actor) => (await invoke(operations.notifications.list, as(actor), {})).data;
  const unread = async (actor: Actor) => (await invoke(operations.notifications.unreadCount, as(actor), {})).unread;
  const contact = (actor: Actor) => invoke(operations.contacts.create, as(actor), { firstName: 'Julia', lastName: `Investor${++serial}` });

  it('tells an assignee about a task someone else gave them, and nobody about their own', async () => {
    const [ana, ben] = [await member('ana'), await member('ben')];
    const forBen = await invoke(operations.tasks.create, as(ana), { title: 'Send the Q3 letter', assigneeId: ben.userId });
    await invoke(operations.tasks.create, as(ben), { title: 'My own reminder' });
    const reassigned = await invoke(operations.tasks.create, as(ben), { title: 'Call the family office' });
    await invoke(operations.tasks.update, as(ben), { id: reassigned.id, changes: { assigneeId: ana.userId } });
    await core.dispatcher.drain();

    expect(await inbox(ben)).toEqual([
      expect.objectContaining({
        kind: 'task_assigned',
        entityType: 'task',
        entityId: forBen.id,
        text: 'ana Person assigned you a task: Send the Q3 letter',
        actor: { id: ana.userId, name: 'ana Person' },
        readAt: null,
      }),
    ]);
    expect(await inbox(ana)).toEqual([
      expect.objectContaining({ kind: 'task_assigned', entityId: reassigned.id, text: 'ben Person assigned you a task: Call the family office' }),
    ]);
  });

  it('tells people mentioned by @username in a note or task notes, once per record, never the writer', async () => {
    const [ana, ben, cai] = [await member('ana'), await member('ben'), await member('cai')];
    const person = await contact(ana);
    const call = await invoke(operations.communications.create, as(ana), {
      kind: 'call',
      occurredAt: TEST_NOW,
      subject: 'Intro call',
      body: `Spoke with Julia.\n@${ben.username.toUpperCase()} please send the deck; cc @${cai.username}. Emailed julia@${ana.username}.example — and @${ana.username} (me) and @nobody-here.`,
      contactIds: [person.id],
    });
    await core.dispatcher.drain();
    const [benNote] = await inbox(ben);
    expect(benNote).toMatchObject({
      kind: 'mention',
      entityType: 'communication',
      entityId: call.id,
      text: 'ana Person mentioned you in a call “Intro call”',
      link: { entityType: 'contact', entityId: person.id },
    });
    expect(await inbox(cai)).toHaveLength(1);
    expect(await inbox(ana)).toEqual([]);

    // An edit that re-saves the mention (and one that leaves the body alone) adds nothing.
    await invoke(operations.communications.update, as(ana), { id: call.id, changes: { body: `@${ben.username} please send the deck today` } });
    await invoke(operations.communications.update, as(ana), { id: call.id, changes: { subject: 'Intro call with Julia' } });
    const task = await invoke(operations.tasks.create, as(ben), { title: 'Prepare the deck', notes: `Ask @${cai.username} for the numbers` });
    await core.dispatcher.drain();
    expect(await inbox(ben)).toHaveLength(1);
    expect((await inbox(cai)).map((n) => [n.kind, n.entityType, n.entityId])).toEqual([
      ['mention', 'task', task.id],
      ['mention', 'communication', call.id],
    ]);
  });

  it('keeps each inbox private: lists, counts and marks only the caller’s own', async () => {
    const [ana, ben] = [await member('ana'), await member('ben')];
    await invoke(operations.tasks.create, as(ana), { title: 'One', assigneeId: ben.userId });
    await invoke(operations.tasks.create, as(ana), { title: 'Two', assigneeId: ben.userId });
    await invoke(operations.tasks.create, as(ben), { title: 'Three', assigneeId: ana.userId });
    await core.dispatcher.drain();
    expect([await unread(ana), await unread(ben)]).toEqual([1, 2]);
    const [newest, older] = await inbox(ben);
    expect([newest?.text, older?.text]).toEqual(['ana Person assigned you a task: Two', 'ana Person assigned you a task: One']);

    await expect(invoke(operations.notifications.markRead, as(ana), { id: newest?.id })).rejects.toThrow(/not found/);
    expect(await unread(ben)).toBe(2);
    clock.advance(1000);
    const read = await invoke(operations.notifications.markRead, as(ben), { id: newest?.id });
    expect(read.readAt).toBe(clock.now().toISOString());
    expect(await unread(ben)).toBe(1);
    expect((await invoke(operations.notifications.list, as(ben), { unread: 'true' })).data.map((n) => n.id)).toEqual([older?.id]);
    expect(await invoke(operations.notifications.markAllRead, as(ben), {})).toEqual({ marked: 1 });
    expect([await unread(ana), await unread(ben)]).toEqual([1, 0]);

    await expect(invoke(operations.notifications.list, as(systemActor('cli')), {})).rejects.toThrow(/signed-in user/);
    expect(await invoke(operations.notifications.preferences, as(ben), {})).toEqual({ emailDigest: true });
    await invoke(operations.notifications.updatePreferences, as(ben), { emailDigest: false });
    expect(await invoke(operations.notifications.preferences, as(ben), {})).toEqual({ emailDigest: false });
    expect(await invoke(operations.notifications.preferences, as(ana), {})).toEqual({ emailDigest: true });
  });

  it('reminds assignees of due and overdue tasks once per task per day in the team’s time zone', async () => {
    const [ana, ben] = [await member('ana'), await member('ben')];
    // 23:30 on 14 March in New York is already 15 March in UTC.
    clock.set('2031-03-15T03:30:00.000Z');
    const due = await invoke(operations.tasks.create, as(ben), { title: 'Due today', dueOn: '2031-03-14' });
    const overdue = await invoke(operations.tasks.create, as(ana), { title: 'Late', dueOn: '2031-03-10', assigneeId: ben.userId });
    await invoke(operations.tasks.create, as(ben), { title: 'Tomorrow', dueOn: '2031-03-15' });
    await invoke(operations.tasks.create, as(ben), { title: 'Done', dueOn: '2031-03-01', status: 'done' });
    await core.dispatcher.drain();
    const reminders = async () => (await inbox(ben)).filter((n) => n.kind === 'task_due' || n.kind === 'task_overdue').map((n) => [n.kind, n.entityId, n.text]);

    await notifyDueTasks(core);
    expect(await reminders()).toEqual(
      expect.arrayContaining([
        ['task_due', due.id, 'Due today: Due today'],
        ['task_overdue', overdue.id, 'Overdue (due 2031-03-10): Late'],
      ]),
    );
    expect(await reminders()).toHaveLength(2);
    clock.advance(HOUR / 4);
    expect((await notifyDueTasks(core)).created).toBe(0);
    expect(await reminders()).toHaveLength(2);

    // Past midnight in New York: a new day, one more reminder for each task still open.
    clock.advance(HOUR);
    expect(await notifyDueTasks(core)).toMatchObject({ day: '2031-03-15' });
    expect(await reminders()).toHaveLength(5);
    expect((await notifyDueTasks(core)).created).toBe(0);
  });
});
