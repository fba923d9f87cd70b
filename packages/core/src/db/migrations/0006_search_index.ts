import { CamelCasePlugin, type Kysely, sql } from 'kysely';
import { rebuildSearchIndex } from '../../search/indexer.js';
import type { Db } from '../connect.js';
import type { MigrationContext } from '../migration-context.js';
import { APP_ROLE } from './0004_protect_activity_log.js';

/* biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not yet know */
type AnyDb = Kysely<any>;

/**
 * The search index (docs/search.md): one normalized text per contact, organization and fund, and the
 * vocabulary of its words for typo expansion. Substring search needs a trigram index: FTS5's trigram
 * tokenizer on SQLite (external-content tables kept in step by triggers), pg_trgm's GIN operator class on
 * PostgreSQL. Both base tables carry an integer id because FTS5 addresses rows by an integer rowid that
 * VACUUM must not renumber.
 *
 * The backfill builds documents with the search domain's current builders: a later change to what a
 * document holds ships with its own reindex, not an edit here.
 */
export async function up(db: AnyDb, context: MigrationContext): Promise<void> {
  const postgres = context.dialect === 'postgres';
  if (postgres) await createTrigramExtension(db);
  const idColumn = (table: ReturnType<AnyDb['schema']['createTable']>) =>
    postgres ? table.addColumn('id', 'bigserial', (c) => c.primaryKey()) : table.addColumn('id', 'integer', (c) => c.primaryKey());

  await idColumn(db.schema.createTable('search_documents'))
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  // Id first: the type alone must not look like an index to the planner, or PostgreSQL reads every
  // contact's document through it instead of asking the trigram index.
  await db.schema.createIndex('search_documents_entity_unique').on('search_documents').columns(['entity_id', 'entity_type']).unique().execute();

  await idColumn(db.schema.createTable('search_terms'))
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('document_count', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('search_terms_term_unique').on('search_terms').column('term').unique().execute();

  if (postgres) {
    // fastupdate off: no pending list that every search would scan until the next vacuum.
    await sql`CREATE INDEX search_documents_text_trgm_idx ON search_documents USING gin (text gin_trgm_ops) WITH (fastupdate = off)`.execute(db);
    await sql`CREATE INDEX search_terms_term_trgm_idx ON search_terms USING gin (term gin_trgm_ops) WITH (fastupdate = off)`.execute(db);
    await grantToAppRole(db);
  } else {
    await createFtsMirror(db, 'search_documents', 'text');
    await createFtsMirror(db, 'search_terms', 'term');
  }

  await rebuildSearchIndex(db.withPlugin(new CamelCasePlugin()) as unknown as Db, context.dialect);
}

export async function down(db: AnyDb, context: MigrationContext): Promise<void> {
  if (context.dialect === 'sqlite') {
    for (const table of ['search_documents', 'search_terms']) {
      for (const suffix of ['ai', 'ad', 'au']) await sql.raw(`DROP TRIGGER IF EXISTS ${table}_${suffix}`).execute(db);
      await sql.raw(`DROP TABLE IF EXISTS ${table}_fts`).execute(db);
    }
  }
  // The pg_trgm extension stays: other schemas in the database may use it.
  await db.schema.dropTable('search_terms').ifExists().execute();
  await db.schema.dropTable('search_documents').ifExists().execute();
}

/** pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it without superuser. */
async function createTrigramExtension(db: AnyDb): Promise<void> {
  await sql
    .raw(
      `DO $$
      BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
      EXCEPTION WHEN insufficient_privilege OR undefined_file THEN
        RAISE EXCEPTION 'LP Desk search needs the pg_trgm extension, and % may not create it here (%)', current_user, SQLERRM
          USING HINT = 'As a superuser run in this database: CREATE EXTENSION pg_trgm; then migrate again (see docs/search.md)';
      END $$`,
    )
    .execute(db);
}

/**
 * Default privileges from 0004 already cover tables the owner creates; granting here as well keeps the
 * index writable by the application role where 0004 ran under another owner.
 */
async function grantToAppRole(db: AnyDb): Promise<void> {
  await sql
    .raw(
      `DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          GRANT SELECT, INSERT, UPDATE, DELETE ON search_documents, search_terms TO ${APP_ROLE};
          GRANT USAGE, SELECT, UPDATE ON SEQUENCE search_documents_id_seq, search_terms_id_seq TO ${APP_ROLE};
        END IF;
      END $$`,
    )
    .execute(db);
}

/** An external-content FTS5 trigram table over one column, kept current by triggers on the base table. */
async function createFtsMirror(db: AnyDb, table: string, column: string): Promise<void> {
  const fts = `${table}_fts`;
  await sql.raw(`CREATE VIRTUAL TABLE ${fts} USING fts5(${column}, content='${table}', content_rowid='id', tokenize='trigram')`).execute(db);
  await sql
    .raw(`CREATE TRIGGER ${table}_ai AFTER INSERT ON ${table} BEGIN INSERT INTO ${fts}(rowid, ${column}) VALUES (new.id, new.${column}); END`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER ${table}_ad AFTER DELETE ON ${table} BEGIN INSERT INTO ${fts}(${fts}, rowid, ${column}) VALUES ('delete', old.id, old.${column}); END`)
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER ${table}_au AFTER UPDATE OF ${column} ON ${table} BEGIN
         INSERT INTO ${fts}(${fts}, rowid, ${column}) VALUES ('delete', old.id, old.${column});
         INSERT INTO ${fts}(rowid, ${column}) VALUES (new.id, new.${column});
       END`,
    )
    .execute(db);
}
