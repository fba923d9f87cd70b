import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../core.js';
import { systemActor } from '../kernel/actor.js';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { testDialects } from '../testing/index.js';
import { APP_ROLE } from './migrations/0004_protect_activity_log.js';

// The production setup docs/postgresql.md recommends, on a real server: an owner login that migrates,
// and an application login that owns nothing and is a member of lpdesk_app.
const adminUrl = process.env.LPDESK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describe.runIf(testDialects().includes('postgres'))('the recommended PostgreSQL roles', () => {
  const suffix = `${Date.now()}_${randomBytes(3).toString('hex')}`;
  const owner = `lpdesk_owner_${suffix}`;
  const login = `lpdesk_login_${suffix}`;
  const database = `lpdesk_roles_${suffix}`;
  const urlFor = (role: string) => {
    const url = new URL(adminUrl);
    url.username = role;
    url.password = '';
    url.pathname = `/${database}`;
    return url.toString();
  };
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  let core: Core;

  beforeAll(async () => {
    await admin(`DO $$ BEGIN CREATE ROLE ${APP_ROLE} NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    await admin(`CREATE ROLE ${owner} LOGIN`);
    await admin(`CREATE ROLE ${login} LOGIN IN ROLE ${APP_ROLE}`);
    await admin(`CREATE DATABASE ${database} OWNER ${owner}`);
    core = await openCore({ kind: 'postgres', url: urlFor(login), ownerUrl: urlFor(owner) }, { migrate: true });
  });
  afterAll(async () => {
    await core?.close();
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin(`DROP ROLE IF EXISTS ${login}`);
    await admin(`DROP ROLE IF EXISTS ${owner}`);
  });

  it('migrates as the owner and works as the application login through lpdesk_app', async () => {
    const tables = await sql<{ owner: string }>`select tableowner as owner from pg_tables where tablename = 'activity_log'`.execute(core.db);
    expect(tables.rows[0]?.owner).toBe(owner);
    const { rows } = await sql<{ current: string; session: string }>`select current_user as current, session_user as session`.execute(core.db);
    expect(rows[0]).toEqual({ current: APP_ROLE, session: login });
    const org = await invoke(operations.organizations.create, { core, actor: systemActor('cli') }, { name: 'Two-role LP' });
    expect(org.name).toBe('Two-role LP');
  });

  it('cannot touch the log even after resetting the role, because the login owns nothing', async () => {
    await invoke(operations.tags.create, { core, actor: systemActor('cli') }, { name: 'Logged' });
    const before = await core.db.selectFrom('activityLog').selectAll().execute();
    expect(before.length).toBeGreaterThan(0);
    await core.db.connection().execute(async (connection) => {
      await sql`RESET ROLE`.execute(connection);
      for (const statement of [
        sql`ALTER TABLE activity_log DISABLE TRIGGER USER`,
        sql`DELETE FROM activity_log`,
        sql`TRUNCATE activity_log`,
        sql`DROP TABLE activity_log`,
      ]) {
        await expect(statement.execute(connection)).rejects.toThrow(/must be owner|permission denied/);
      }
      await sql`SET ROLE ${sql.raw(APP_ROLE)}`.execute(connection);
    });
    expect(await core.db.selectFrom('activityLog').selectAll().execute()).toEqual(before);
  });
});
