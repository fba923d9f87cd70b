import { describe, expect, it, onTestFinished } from 'vitest';
import { operations } from '../operations.js';
import { manualTestClock, openTestCore, testActor, testDialects, type TestCore, type TestDialect } from '../testing/index.js';
import { SUBSCRIBER_BACKOFF } from './dispatcher.js';
import { invoke } from './operations.js';
import type { DomainEvent } from './outbox.js';
import { write } from './write.js';
import type { Clock } from './clock.js';

const actor = testActor({ kind: 'user', id: 'user-1', name: 'Ada', door: 'http', requestId: 'req-1' });

async function freshCore(dialect: TestDialect, clock?: Clock): Promise<TestCore> {
  const core = await openTestCore(dialect, clock ? { clock } : {});
  onTestFinished(() => core.dispose());
  return core;
}

const createOrganization = (core: TestCore, name: string) => invoke(operations.organizations.create, { core, actor }, { name });

describe.each(testDialects())('outbox and dispatcher on %s', (dialect) => {
  it('writes each activity entry to the outbox in the same transaction as the change', async () => {
    const core = await freshCore(dialect);
    const org = await createOrganization(core, 'Harborview Family Office');
    const outbox = await core.db.selectFrom('outboxEvents').selectAll().execute();
    const log = await core.db.selectFrom('activityLog').selectAll().execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      id: log[0]?.id,
      at: log[0]?.at,
      action: 'create',
      entityType: 'organization',
      entityId: org.id,
      // write() stamps each event with the version its record reached in the transaction.
      version: 1,
      actorKind: 'user',
      actorId: 'user-1',
      actorName: 'Ada',
      door: 'http',
      requestId: 'req-1',
    });
    expect(JSON.parse(outbox[0]?.diffJson ?? '{}').after).toMatchObject({ name: 'Harborview Family Office' });
    expect(Number(outbox[0]?.position)).toBeGreaterThan(0);

    // A command that fails after logging leaves no row, no log entry and no event.
    const failing = write(core, actor, async (scope) => {
      await scope.tx.insertInto('tags').values({ id: '0190f1c2-0000-7000-8000-000000000001', name: 'Doomed', nameNormalized: 'doomed', color: '#123456', createdAt: scope.now, updatedAt: scope.now, createdBy: null, updatedBy: null, deletedAt: null, deletedBy: null, version: 1 }).execute();
      await scope.log({ action: 'create', entityType: 'tag', entityId: '0190f1c2-0000-7000-8000-000000000001', diff: { after: { name: 'Doomed' } }, version: 1 });
      throw new Error('boom after logging');
    });
    await expect(failing).rejects.toThrow('boom after logging');
    expect(await core.db.selectFrom('tags').selectAll().execute()).toHaveLength(0);
    expect(await core.db.selectFrom('activityLog').selectAll().execute()).toHaveLength(1);
    expect(await core.db.selectFrom('outboxEvents').selectAll().execute()).toHaveLength(1);
  });

  it('carries the version a command logs', async () => {
    const core = await freshCore(dialect);
    await write(core, actor, (scope) => scope.log({ action: 'probe', entityType: 'probe', entityId: null, diff: { after: { n: 1 } }, version: 7 }));
    const row = await core.db.selectFrom('outboxEvents').selectAll().executeTakeFirstOrThrow();
    expect(row.version).toBe(7);
  });

  it('writes a large transaction’s events in order, past the database’s limit on parameters per statement', async () => {
    const core = await freshCore(dialect);
    const count = 3_000; // 13 columns each: one INSERT for all of them would need 39,000 parameters
    await write(core, actor, async (scope) => {
      for (let i = 0; i < count; i++) await scope.log({ action: 'import', entityType: 'probe', entityId: null, diff: { after: { i } } });
    });
    const rows = await core.db.selectFrom('outboxEvents').select(['position', 'diffJson']).orderBy('position').execute();
    expect(rows).toHaveLength(count);
    expect(rows.map((row) => JSON.parse(row.diffJson).after.i)).toEqual(Array.from({ length: count }, (_, i) => i));
  });

  it('delivers events in order, exactly once, to each subscriber', async () => {
    const core = await freshCore(dialect);
    const one: DomainEvent[] = [];
    const batches: DomainEvent[][] = [];
    await core.dispatcher.subscribe({ name: 'test.one-by-one', handle: (event) => void one.push(event) });
    await core.dispatcher.subscribe({ name: 'test.batches', batchSize: 7, handleBatch: (events) => void batches.push(events) });
    const names = Array.from({ length: 25 }, (_, i) => `Investor ${String(i).padStart(2, '0')}`);
    const ids: string[] = [];
    for (const name of names) ids.push((await createOrganization(core, name)).id);

    const result = await core.dispatcher.drain();
    // 25 each to the two test subscribers and to the built-in search index, retrieval index, notifications, automations, relationships and email re-match.
    expect(result).toEqual({ delivered: 200, failures: 0 });
    expect(one.map((e) => e.entityId)).toEqual(ids);
    expect(batches.flat().map((e) => e.entityId)).toEqual(ids);
    expect(batches.map((b) => b.length)).toEqual([7, 7, 7, 4]);
    const positions = one.map((e) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(25);
    expect(one[0]).toMatchObject({ action: 'create', entityType: 'organization', actor: { kind: 'user', id: 'user-1', name: 'Ada', door: 'http', requestId: 'req-1' } });

    // Nothing is delivered twice, and the cursors sit on the last event.
    expect(await core.dispatcher.drain()).toEqual({ delivered: 0, failures: 0 });
    const cursors = await core.db.selectFrom('eventSubscriptions').select(['name', 'position']).where('name', 'like', 'test.%').orderBy('name').execute();
    expect(cursors.map((c) => Number(c.position))).toEqual([positions[24], positions[24]]);
  });

  it('starts a new subscriber at the newest event unless it asks for the beginning', async () => {
    const core = await freshCore(dialect);
    await createOrganization(core, 'Before anyone listened');
    const fromNow: string[] = [];
    const fromStart: string[] = [];
    await core.dispatcher.subscribe({ name: 'test.from-now', handle: (e) => void fromNow.push(e.diff.after ? String((e.diff.after as { name: string }).name) : '') });
    await core.dispatcher.subscribe({ name: 'test.from-start', from: 'beginning', handle: (e) => void fromStart.push(String((e.diff.after as { name: string }).name)) });
    await createOrganization(core, 'After');
    await core.dispatcher.drain();
    expect(fromNow).toEqual(['After']);
    expect(fromStart).toEqual(['Before anyone listened', 'After']);
  });

  it('never lets a throwing subscriber fail the write, retries it with backoff from the clock, and records the failure', async () => {
    const clock = manualTestClock();
    const core = await freshCore(dialect, clock);
    let failuresLeft = 2;
    const seen: string[] = [];
    await core.dispatcher.subscribe({
      name: 'test.flaky',
      handle: (event) => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error(`index unavailable (${failuresLeft} more)`);
        }
        seen.push(event.entityId ?? '');
      },
    });
    await core.dispatcher.start({ log: { info() {}, warn() {}, error() {} } });
    onTestFinished(() => core.dispatcher.stop());

    const first = await createOrganization(core, 'Cardinal Endowment');
    const second = await createOrganization(core, 'Atlantic Mutual');
    expect(first.name).toBe('Cardinal Endowment');

    await core.dispatcher.drain();
    const subscription = () => core.db.selectFrom('eventSubscriptions').selectAll().where('name', '=', 'test.flaky').executeTakeFirstOrThrow();
    const start = clock.now().getTime();
    let row = await subscription();
    expect(row).toMatchObject({ attempts: 1, lastError: 'index unavailable (1 more)', failedAt: new Date(start).toISOString() });
    expect(row.retryAt).toBe(new Date(start + SUBSCRIBER_BACKOFF.baseMs).toISOString());
    expect(seen).toEqual([]);

    // Not due yet: nothing happens, however often it is asked.
    clock.advance(SUBSCRIBER_BACKOFF.baseMs - 1);
    await core.dispatcher.drain();
    expect((await subscription()).attempts).toBe(1);

    clock.advance(1);
    await core.dispatcher.drain();
    row = await subscription();
    expect(row).toMatchObject({ attempts: 2, lastError: 'index unavailable (0 more)', failedAt: new Date(start).toISOString() });
    expect(row.retryAt).toBe(new Date(clock.now().getTime() + 2 * SUBSCRIBER_BACKOFF.baseMs).toISOString());

    clock.advance(2 * SUBSCRIBER_BACKOFF.baseMs);
    await core.dispatcher.drain();
    expect(seen).toEqual([first.id, second.id]);
    row = await subscription();
    expect(row).toMatchObject({ attempts: 0, lastError: null, retryAt: null, failedAt: null });
  });

  it('keeps a per-event subscriber’s progress up to the event that failed', async () => {
    const clock = manualTestClock();
    const core = await freshCore(dialect, clock);
    const seen: string[] = [];
    let poisoned = true;
    await core.dispatcher.subscribe({
      name: 'test.partial',
      handle: (event) => {
        const name = (event.diff.after as { name: string }).name;
        if (name === 'Third' && poisoned) throw new Error('cannot handle Third yet');
        seen.push(name);
      },
    });
    for (const name of ['First', 'Second', 'Third', 'Fourth']) await createOrganization(core, name);
    // The built-in search index, retrieval index, notifications, automations, relationships and email re-match take all four; the test subscriber two, then fails.
    expect(await core.dispatcher.drain()).toEqual({ delivered: 26, failures: 1 });
    expect(seen).toEqual(['First', 'Second']);
    poisoned = false;
    clock.advance(SUBSCRIBER_BACKOFF.baseMs);
    await core.dispatcher.drain();
    expect(seen).toEqual(['First', 'Second', 'Third', 'Fourth']);
  });

  it('feeds in-process listeners every committed event, ignoring a listener that throws', async () => {
    const core = await freshCore(dialect);
    await createOrganization(core, 'Old news');
    const heard: string[] = [];
    const stopThrowing = core.dispatcher.onEvent(() => {
      throw new Error('listener bug');
    });
    const stopListening = core.dispatcher.onEvent((event) => void heard.push(event.action));
    const org = await createOrganization(core, 'Fresh');
    await invoke(operations.organizations.delete, { core, actor }, { id: org.id });
    await core.dispatcher.drain();
    expect(heard).toEqual(['create', 'delete']);
    stopThrowing();
    stopListening();
  });

  it('wakes on commit once started, without being asked to drain', async () => {
    const core = await openTestCore(dialect, { pollMs: 60_000 });
    onTestFinished(() => core.dispose());
    const seen: string[] = [];
    await core.dispatcher.subscribe({ name: 'test.live', handle: (e) => void seen.push(e.action) });
    await core.dispatcher.start();
    await createOrganization(core, 'Pushed');
    await expect.poll(() => seen, { timeout: 5_000 }).toEqual(['create']);
  });
});
