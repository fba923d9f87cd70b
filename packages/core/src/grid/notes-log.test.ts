import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';
import { loadGrid } from './grid-query.js';

describe.each(testDialects())('notes log on %s', (dialect) => {
  let core: TestCore;
  let userId: string;
  const ctx = () => ({ core, actor: testActor({ id: userId, userId, name: 'Sam Writer' }) });
  beforeAll(async () => {
    // 02:00 UTC on the 14th is still the 13th in New York: the default day is the team's.
    core = await openTestCore(dialect, { settings: { timeZone: 'America/New_York' } });
    userId = (
      await invoke(operations.access.createUser, { core, actor: testActor() }, { username: 'sam', password: 'a long enough password', fullName: 'Sam Writer' })
    ).id;
  });
  afterAll(() => core.dispose());

  it('appends dated lines, lists them newest first, logs who wrote them, and shows them in the grid', async () => {
    const org = await invoke(operations.organizations.create, ctx(), { name: 'Log Org', kind: 'foundation' });
    const first = await invoke(operations.grid.appendNote, ctx(), { id: org.id, note: { body: 'Intro call', notedOn: '2031-01-02' } });
    const second = await invoke(operations.grid.appendNote, ctx(), { id: org.id, note: { body: 'Sent the deck' } });
    expect(first).toMatchObject({ notedOn: '2031-01-02', authorId: userId, authorName: 'Sam Writer', communicationId: null });
    const expectedDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(core.clock.now());
    expect(second.notedOn).toBe(expectedDay);
    const list = await invoke(operations.grid.notesLog, ctx(), { id: org.id });
    expect(list.map((n) => n.body)).toEqual(['Sent the deck', 'Intro call']);
    const log = await core.db
      .selectFrom('activityLog')
      .select(['action', 'actorName'])
      .where('entityId', '=', org.id)
      .where('action', '=', 'note_logged')
      .execute();
    expect(log).toHaveLength(2);
    const row = (await loadGrid(core, ctx().actor, {})).rows.find((r) => r.organizationId === org.id);
    expect(row?.cells.notesLog).toEqual([`${expectedDay} Sam Writer: Sent the deck`, '2031-01-02 Sam Writer: Intro call']);
  });

  it('is append-only: there is no edit or delete, and entries hide with their organization in the trash', async () => {
    expect(Object.keys(operations.grid).filter((name) => /note/i.test(name))).toEqual(['notesLog', 'appendNote']);
    const org = await invoke(operations.organizations.create, ctx(), { name: 'Trashed Log Org', kind: 'foundation' });
    await invoke(operations.grid.appendNote, ctx(), { id: org.id, note: { body: 'Met at the conference' } });
    await invoke(operations.organizations.delete, ctx(), { id: org.id });
    await expect(invoke(operations.grid.notesLog, ctx(), { id: org.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(invoke(operations.grid.appendNote, ctx(), { id: org.id, note: { body: 'Too late' } })).rejects.toMatchObject({ code: 'not_found' });
    await invoke(operations.organizations.restore, ctx(), { id: org.id });
    expect((await invoke(operations.grid.notesLog, ctx(), { id: org.id })).map((n) => n.body)).toEqual(['Met at the conference']);
    await expect(invoke(operations.grid.appendNote, ctx(), { id: org.id, note: { body: '   ' } })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('a communication logged with appendToNotesLog adds a line to each linked organization in the same transaction', async () => {
    const a = await invoke(operations.organizations.create, ctx(), { name: 'Comm Org A', kind: 'pension' });
    const b = await invoke(operations.organizations.create, ctx(), { name: 'Comm Org B', kind: 'pension' });
    const communication = await invoke(operations.communications.create, ctx(), {
      kind: 'call',
      occurredAt: '2031-03-10T03:00:00Z',
      body: '\nDiscussed Fund II terms\nMore detail',
      organizationIds: [a.id, b.id],
      appendToNotesLog: true,
    });
    for (const org of [a, b]) {
      const [entry] = await invoke(operations.grid.notesLog, ctx(), { id: org.id });
      // 03:00 UTC on the 10th is the evening of the 9th in New York.
      expect(entry).toMatchObject({ body: 'Discussed Fund II terms', notedOn: '2031-03-09', communicationId: communication.id });
    }
    await invoke(operations.communications.create, ctx(), { kind: 'email', occurredAt: '2031-03-10T15:00:00Z', subject: 'No log', organizationIds: [a.id] });
    expect(await invoke(operations.grid.notesLog, ctx(), { id: a.id })).toHaveLength(1);
    // A refused communication appends nothing.
    await expect(
      invoke(operations.communications.create, ctx(), {
        kind: 'call',
        occurredAt: '2031-03-10T15:00:00Z',
        subject: 'Bad',
        organizationIds: [a.id, '0190aaaa-0000-7000-8000-000000000000'],
        appendToNotesLog: true,
      }),
    ).rejects.toMatchObject({ code: 'invalid' });
    expect(await invoke(operations.grid.notesLog, ctx(), { id: a.id })).toHaveLength(1);
  });
});
