import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, type Db, openDatabase } from './connect.js';
import { assertNotNewerThanCode, migrateAllDown, migrateDown, migrateToLatest, MIGRATION_NAMES, MIGRATION_TABLE, schemaState } from './migrator.js';
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

  const tableNames = async () => (await handle.withOwner((db) => db.introspection.getTables())).map((t) => t.name).sort();

  /** One log entry written the normal way; returns its row. */
  async function logProbe(entityType: string) {
    await migrateToLatest(handle);
    const core = { db: handle.db, dialect: handle.dialect, settings: DEFAULT_SETTINGS, dispatcher: NOTHING_TO_WAKE, jobs: NOTHING_TO_WAKE, clock: systemClock };
    await write(core, systemActor('cli'), (scope) => scope.log({ action: 'test', entityType, entityId: null, diff: { n: 1 } }));
    const rows = await handle.db.selectFrom('activityLog').selectAll().where('entityType', '=', entityType).execute();
    expect(rows).toHaveLength(1);
    return rows;
  }

  const probeRows = (entityType: string) => handle.db.selectFrom('activityLog').selectAll().where('entityType', '=', entityType).execute();

  /** Migrates down to just before `name`, however many migrations follow it; answers the names undone. */
  const downToBefore = async (name: string) => {
    await migrateToLatest(handle);
    return migrateDown(handle, MIGRATION_NAMES.length - MIGRATION_NAMES.indexOf(name));
  };

  /** One retrieval chunk, as the indexer writes it; answers its row id. */
  const insertChunk = async (sourceId: string, header: string, body: string) => {
    const [chunk] = await handle.db
      .insertInto('retrievalChunks')
      .values({
        chunkId: `communication:${sourceId}:0`,
        sourceKey: `communication:${sourceId}`,
        sourceType: 'communication',
        sourceId,
        kind: 'note',
        header,
        body,
        startOffset: 0,
        endOffset: body.length,
        contentHash: 'h',
        vectorHash: null,
        eventAt: null,
        fundId: null,
        confidence: null,
        title: null,
        entityIdsJson: '[]',
      })
      .returning('id')
      .execute();
    return Number(chunk?.id);
  };

  const removeChunk = async (id: number) => {
    await handle.db.deleteFrom('retrievalVectors').where('chunkRowId', '=', id).execute();
    await handle.db.deleteFrom('retrievalChunks').where('id', '=', id).execute();
  };

  it('goes up, down and up again, recording each step in the ledger', async () => {
    expect(MIGRATION_NAMES).toEqual(expect.arrayContaining(['0001_initial_schema', '0002_record_versions', '0003_events_and_jobs', '0004_protect_activity_log']));
    expect(MIGRATION_NAMES).toEqual([...MIGRATION_NAMES].sort());
    expect((await schemaState(handle)).pending).toEqual(MIGRATION_NAMES);
    expect(await migrateToLatest(handle)).toEqual(MIGRATION_NAMES);
    const tablesAfterUp = await tableNames();
    expect(tablesAfterUp).toEqual(
      expect.arrayContaining(['organizations', 'contacts', 'commitments', 'activity_log', 'stage_changes', 'login_failures', 'outbox_events', 'event_subscriptions', 'jobs', 'job_schedules']),
    );
    expect((await schemaState(handle)).pending).toEqual([]);

    expect(await migrateAllDown(handle)).toEqual([...MIGRATION_NAMES].reverse());
    expect(await tableNames()).not.toContain('organizations');
    expect(await tableNames()).not.toContain('outbox_events');
    expect((await schemaState(handle)).pending).toEqual(MIGRATION_NAMES);

    expect(await migrateToLatest(handle)).toEqual(MIGRATION_NAMES);
    expect(await tableNames()).toEqual(tablesAfterUp);
    expect(await migrateToLatest(handle)).toEqual([]);
  });

  it('makes the activity log append-only in the database itself, even for the schema owner', async () => {
    const before = await logProbe('probe-owner');
    await handle.withOwner(async (owner) => {
      await expect(owner.updateTable('activityLog').set({ action: 'tampered' }).where('entityType', '=', 'probe-owner').execute()).rejects.toThrow(/append-only/);
      await expect(owner.deleteFrom('activityLog').where('entityType', '=', 'probe-owner').execute()).rejects.toThrow(/append-only/);
      if (dialect !== 'sqlite') await expect(sql`TRUNCATE activity_log`.execute(owner)).rejects.toThrow(/append-only/);
    });
    expect(await probeRows('probe-owner')).toEqual(before);
  });

  it('refuses to rewrite a log entry through REPLACE, INSERT OR REPLACE or an upsert', async () => {
    const before = await logProbe('probe-replace');
    const id = before[0]?.id as string;
    const columns = sql.raw('(id, at, actor_kind, door, action, entity_type, diff_json)');
    const values = sql`(${id}, '2000-01-01T00:00:00.000Z', 'system', 'cli', 'tampered', 'probe-replace', '{}')`;
    const attempts = (db: Db) =>
      dialect === 'sqlite'
        ? [
            sql`REPLACE INTO activity_log ${columns} VALUES ${values}`.execute(db),
            sql`INSERT OR REPLACE INTO activity_log ${columns} VALUES ${values}`.execute(db),
            sql`INSERT INTO activity_log ${columns} VALUES ${values} ON CONFLICT (id) DO UPDATE SET action = 'tampered'`.execute(db),
            sql`INSERT OR IGNORE INTO activity_log ${columns} VALUES ${values}`.execute(db),
          ]
        : [sql`INSERT INTO activity_log ${columns} VALUES ${values} ON CONFLICT (id) DO UPDATE SET action = 'tampered'`.execute(db)];
    for (const attempt of attempts(handle.db)) await expect(attempt).rejects.toThrow(/append-only|permission denied/);
    await handle.withOwner(async (owner) => {
      for (const attempt of attempts(owner)) await expect(attempt).rejects.toThrow(/append-only/);
    });
    expect(await probeRows('probe-replace')).toEqual(before);
  });

  it.runIf(dialect !== 'sqlite')('runs the application as a role that owns nothing: it cannot disable the triggers, alter, truncate or delete the log', async () => {
    const before = await logProbe('probe-role');
    const { rows } = await sql<{ role: string }>`select current_user as role`.execute(handle.db);
    expect(rows[0]?.role).toBe('lpdesk_app');
    for (const statement of [
      sql`ALTER TABLE activity_log DISABLE TRIGGER USER`,
      sql`ALTER TABLE activity_log DISABLE TRIGGER ALL`,
      sql`DROP TRIGGER activity_log_no_update_delete ON activity_log`,
      sql`DELETE FROM activity_log`,
      sql`UPDATE activity_log SET action = 'tampered'`,
      sql`TRUNCATE activity_log`,
      sql`DROP TABLE activity_log`,
      sql`ALTER TABLE users ADD COLUMN evil text`,
      sql`DELETE FROM schema_migrations`,
    ]) {
      await expect(statement.execute(handle.db)).rejects.toThrow(/must be owner|permission denied/);
    }
    expect(await probeRows('probe-role')).toEqual(before);
    // Ordinary work still runs as the app role: reading, writing, deleting rows of other tables.
    await sql`INSERT INTO login_failures (id, at, username_normalized, ip, kind) VALUES ('x', '2000-01-01', 'u', null, 'login')`.execute(handle.db);
    await sql`DELETE FROM login_failures WHERE id = 'x'`.execute(handle.db);
  });

  it.runIf(dialect !== 'sqlite')('refuses every query, rather than run as the owner, when the app role cannot be assumed', async () => {
    const missing = 'lpdesk_missing_role';
    const other = await openDatabase(target.target.kind === 'postgres' ? { ...target.target, appRole: missing } : { kind: 'pglite', appRole: missing });
    try {
      // More attempts than the pool has connections: a failed switch must not leak one.
      for (let i = 0; i < 12; i += 1) await expect(sql`select current_user`.execute(other.db)).rejects.toThrow(/lpdesk_missing_role/);
    } finally {
      await other.close();
    }
  });

  it.runIf(dialect === 'postgres')('converts retrieval data indexed before 0025: accents folded, vectors to bytes and back', async () => {
    expect((await downToBefore('0025_retrieval_folded_tsv')).slice(-2)).toEqual(['0026_retrieval_vectors_bytes', '0025_retrieval_folded_tsv']);
    const chunk = await insertChunk('accents', 'Réunion à Zürich', 'Met José Müller.');
    await sql`INSERT INTO retrieval_vectors (chunk_row_id, embedding, content_hash) VALUES (${chunk}, ${[0.5, -0.25, 1]}::real[], 'h')`.execute(handle.db);
    const matches = async (words: string) =>
      Number((await sql<{ n: string }>`SELECT count(*) AS n FROM retrieval_chunks WHERE tsv @@ to_tsquery('simple', ${words})`.execute(handle.db)).rows[0]?.n);
    const embedding = async () => (await sql<{ embedding: unknown }>`SELECT embedding FROM retrieval_vectors WHERE chunk_row_id = ${chunk}`.execute(handle.db)).rows[0]?.embedding;
    expect(await matches('jose & muller')).toBe(0);

    await migrateToLatest(handle);
    expect(await matches('jose & muller & zurich & reunion')).toBe(1);
    const bytes = Uint8Array.from(await embedding() as Uint8Array);
    expect(Array.from(new Float32Array(bytes.buffer))).toEqual([0.5, -0.25, 1]);
    expect((await downToBefore('0026_retrieval_vectors_bytes')).at(-1)).toBe('0026_retrieval_vectors_bytes');
    expect(await embedding()).toEqual([0.5, -0.25, 1]);
    await migrateToLatest(handle);
    await removeChunk(chunk);
  });

  it.runIf(dialect === 'pglite')('copies retrieval vectors into pgvector where the extension is there (0027)', async () => {
    expect((await downToBefore('0027_retrieval_pgvector')).at(-1)).toBe('0027_retrieval_pgvector');
    const chunk = await insertChunk('vector', '', 'Capital call.');
    const bytes = Buffer.from(Float32Array.from([0.5, -0.25, 1 / 3]).buffer);
    await sql`INSERT INTO retrieval_vectors (chunk_row_id, embedding, content_hash) VALUES (${chunk}, ${bytes}, 'h')`.execute(handle.db);
    await migrateToLatest(handle);
    const copied = await sql<{ value: string }>`SELECT embedding_vector::text AS value FROM retrieval_vectors WHERE chunk_row_id = ${chunk}`.execute(handle.db);
    // The same float32 values, bit for bit.
    expect((JSON.parse(copied.rows[0]?.value ?? '[]') as number[]).map(Math.fround)).toEqual([0.5, -0.25, Math.fround(1 / 3)]);
    await removeChunk(chunk);
  });

  it('refuses a database migrated by a newer LP Desk', async () => {
    await migrateToLatest(handle);
    const ledger = (db: Db) => db.withoutPlugins();
    await handle.withOwner((db) => ledger(db).insertInto(MIGRATION_TABLE as never).values({ name: '9999_from_the_future', timestamp: new Date().toISOString() } as never).execute());
    await expect(assertNotNewerThanCode(handle)).rejects.toThrow(/newer LP Desk/);
    await expect(migrateToLatest(handle)).rejects.toThrow(/9999_from_the_future/);
    await handle.withOwner((db) => ledger(db).deleteFrom(MIGRATION_TABLE as never).where('name' as never, '=', '9999_from_the_future' as never).execute());
    await expect(assertNotNewerThanCode(handle)).resolves.toBeUndefined();
  });
});
