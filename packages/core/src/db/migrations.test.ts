import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './connect.js';
import { migrateAllDown, migrateToLatest, MIGRATION_TABLE, schemaState, assertNotNewerThanCode } from './migrator.js';
import { createTestTarget, testDialects, type TestTarget } from '../testing/dialects.js';
import { write } from '../kernel/write.js';
import { NOTHING_TO_WAKE } from '../kernel/context.js';
import { systemClock } from '../kernel/clock.js';
import { DEFAULT_SETTINGS } from '../core.js';
import { systemActor } from '../kernel/actor.js';

describe.each(testDialects())('migrations on %s', (dialect) => {
  let target: TestTarget;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    target = await createTestTarget(dialect);
    handle = await openDatabase(target.target);
  });
  afterAll(async () => {
    await handle.close();
    await target.cleanup();
  });

  const tableNames = async () => (await handle.db.introspection.getTables()).map((t) => t.name).sort();

  it('goes up, down and up again, recording each step in the ledger', async () => {
    const all = (await schemaState(handle)).pending;
    expect(all[0]).toBe('0001_initial_schema');
    expect(all).toContain('0003_events_and_jobs');
    expect(all).toEqual([...all].sort());
    expect(await migrateToLatest(handle)).toEqual(all);
    const tablesAfterUp = await tableNames();
    expect(tablesAfterUp).toEqual(
      expect.arrayContaining(['organizations', 'contacts', 'commitments', 'activity_log', 'stage_changes', 'outbox_events', 'event_subscriptions', 'jobs', 'job_schedules']),
    );
    expect((await schemaState(handle)).pending).toEqual([]);

    expect(await migrateAllDown(handle)).toEqual([...all].reverse());
    expect(await tableNames()).not.toContain('organizations');
    expect(await tableNames()).not.toContain('outbox_events');
    expect((await schemaState(handle)).pending).toEqual(all);

    expect(await migrateToLatest(handle)).toEqual(all);
    expect(await tableNames()).toEqual(tablesAfterUp);
    expect(await migrateToLatest(handle)).toEqual([]);
  });

  it('makes the activity log append-only in the database itself', async () => {
    const core = { db: handle.db, dialect: handle.dialect, settings: DEFAULT_SETTINGS, dispatcher: NOTHING_TO_WAKE, jobs: NOTHING_TO_WAKE, clock: systemClock };
    await write(core, systemActor('cli'), (scope) => scope.log({ action: 'test', entityType: 'probe', entityId: null, diff: { n: 1 } }));
    const before = await handle.db.selectFrom('activityLog').selectAll().where('entityType', '=', 'probe').execute();
    expect(before).toHaveLength(1);
    await expect(handle.db.updateTable('activityLog').set({ action: 'tampered' }).where('entityType', '=', 'probe').execute()).rejects.toThrow(/append-only/);
    await expect(handle.db.deleteFrom('activityLog').where('entityType', '=', 'probe').execute()).rejects.toThrow(/append-only/);
    if (dialect !== 'sqlite') await expect(sql`TRUNCATE activity_log`.execute(handle.db)).rejects.toThrow(/append-only/);
    const after = await handle.db.selectFrom('activityLog').selectAll().where('entityType', '=', 'probe').execute();
    expect(after).toEqual(before);
  });

  it('refuses a database migrated by a newer LP Desk', async () => {
    await handle.db.withoutPlugins().insertInto(MIGRATION_TABLE as never).values({ name: '9999_from_the_future', timestamp: new Date().toISOString() } as never).execute();
    await expect(assertNotNewerThanCode(handle)).rejects.toThrow(/newer LP Desk/);
    await expect(migrateToLatest(handle)).rejects.toThrow(/9999_from_the_future/);
    await handle.db.withoutPlugins().deleteFrom(MIGRATION_TABLE as never).where('name' as never, '=', '9999_from_the_future' as never).execute();
    await expect(assertNotNewerThanCode(handle)).resolves.toBeUndefined();
  });
});
