import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

/* biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not yet know */
type AnyDb = Kysely<any>;

/**
 * The PostgreSQL role the application's queries run as (SET ROLE on each connection): it may read
 * and write the tables but owns none, so it cannot disable the activity log's triggers, alter or
 * truncate anything, and may only append to the log. Migrations run as the owner.
 */
export const APP_ROLE = 'lpdesk_app';

/**
 * 1. Sign-in throttling state, shared by every server process: recent failures and account lockouts.
 * 2. SQLite: `REPLACE INTO activity_log` / `INSERT OR REPLACE` deleted the old row without firing the
 *    delete trigger (SQLite fires delete triggers for REPLACE only with recursive_triggers on), so an
 *    entry could be rewritten. A BEFORE INSERT trigger now refuses an id that already exists, which
 *    also covers UPSERT (`ON CONFLICT DO UPDATE`).
 * 3. PostgreSQL: the table owner can `ALTER TABLE activity_log DISABLE TRIGGER USER` and then delete.
 *    The application now runs as APP_ROLE, which owns nothing and has only SELECT and INSERT on the log.
 */
export async function up(db: AnyDb, context: MigrationContext): Promise<void> {
  await createLoginThrottleTables(db);
  if (context.dialect === 'sqlite') {
    await sql
      .raw(
        `CREATE TRIGGER activity_log_no_replace BEFORE INSERT ON activity_log
         WHEN EXISTS (SELECT 1 FROM activity_log WHERE id = NEW.id)
         BEGIN SELECT RAISE(ABORT, 'activity_log is append-only: an entry with this id already exists'); END`,
      )
      .execute(db);
    return;
  }
  await ensureAppRole(db);
  await grantAppRole(db);
}

export async function down(db: AnyDb, context: MigrationContext): Promise<void> {
  if (context.dialect === 'sqlite') {
    await sql`DROP TRIGGER IF EXISTS activity_log_no_replace`.execute(db);
  } else {
    await revokeAppRole(db);
  }
  await db.schema.dropTable('login_lockouts').ifExists().execute();
  await db.schema.dropTable('login_failures').ifExists().execute();
}

async function createLoginThrottleTables(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('username_normalized', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failures_username_idx').on('login_failures').columns(['username_normalized', 'at']).execute();
  await db.schema.createIndex('login_failures_ip_idx').on('login_failures').columns(['ip', 'at']).execute();
  await db.schema.createIndex('login_failures_at_idx').on('login_failures').column('at').execute();

  await db.schema
    .createTable('login_lockouts')
    .addColumn('username_normalized', 'text', (c) => c.primaryKey())
    .addColumn('locked_until', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

/**
 * Roles belong to the whole PostgreSQL cluster: create it once, tolerate another database (or a
 * parallel migration) creating it at the same moment, and explain what to do when this login may
 * not create roles.
 */
async function ensureAppRole(db: AnyDb): Promise<void> {
  await sql
    .raw(
      `DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          BEGIN
            CREATE ROLE ${APP_ROLE} NOLOGIN;
          EXCEPTION
            WHEN duplicate_object OR unique_violation THEN NULL;
            WHEN insufficient_privilege THEN
              RAISE EXCEPTION 'LP Desk needs a PostgreSQL role named ${APP_ROLE}, and % may not create roles', current_user
                USING HINT = 'As a superuser run: CREATE ROLE ${APP_ROLE} NOLOGIN; GRANT ${APP_ROLE} TO ' || quote_ident(current_user) || '; then migrate again (see docs/postgresql.md)';
          END;
        END IF;
        IF NOT pg_has_role(current_user, '${APP_ROLE}', 'MEMBER') THEN
          BEGIN
            EXECUTE format('GRANT ${APP_ROLE} TO %I', current_user);
          EXCEPTION WHEN others THEN
            -- Fine when the application logs in as another role that is a member (the recommended setup).
            RAISE WARNING '% is not a member of ${APP_ROLE}: the application must log in as a role that is (or GRANT ${APP_ROLE} TO %)', current_user, current_user;
          END;
        END IF;
      END $$`,
    )
    .execute(db);
}

/**
 * Read and write on every table and sequence of the schema, now and (default privileges) for tables
 * later migrations create; on the log only SELECT and INSERT; on the migration ledger only SELECT.
 * No TRUNCATE, REFERENCES or TRIGGER anywhere, and no ownership, so no ALTER or DROP.
 */
async function grantAppRole(db: AnyDb): Promise<void> {
  await sql
    .raw(
      `DO $$
      DECLARE schema_name text := current_schema();
      BEGIN
        BEGIN
          EXECUTE format('GRANT USAGE ON SCHEMA %I TO ${APP_ROLE}', schema_name);
        EXCEPTION WHEN insufficient_privilege THEN NULL; -- schema usage is usually granted to PUBLIC already
        END;
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO ${APP_ROLE}', schema_name);
        EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO ${APP_ROLE}', schema_name);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}', schema_name);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${APP_ROLE}', schema_name);
      END $$`,
    )
    .execute(db);
  await sql.raw(`REVOKE UPDATE, DELETE, TRUNCATE ON activity_log FROM ${APP_ROLE}`).execute(db);
  await sql.raw(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations, schema_migrations_lock FROM ${APP_ROLE}`).execute(db);
}

/** The role stays (other databases in the cluster may use it); its rights in this database go. */
async function revokeAppRole(db: AnyDb): Promise<void> {
  await sql
    .raw(
      `DO $$
      DECLARE schema_name text := current_schema();
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE ALL ON TABLES FROM ${APP_ROLE}', schema_name);
          EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE ALL ON SEQUENCES FROM ${APP_ROLE}', schema_name);
          EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM ${APP_ROLE}', schema_name);
          EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM ${APP_ROLE}', schema_name);
          BEGIN
            EXECUTE format('REVOKE USAGE ON SCHEMA %I FROM ${APP_ROLE}', schema_name);
          EXCEPTION WHEN insufficient_privilege THEN NULL;
          END;
        END IF;
      END $$`,
    )
    .execute(db);
}
