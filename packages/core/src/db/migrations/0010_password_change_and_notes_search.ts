import { CamelCasePlugin, type Kysely } from 'kysely';
import { rebuildSearchIndex } from '../../search/indexer.js';
import { vocabularyTerms } from '../../search/normalize.js';
import type { Db } from '../connect.js';
import type { MigrationContext } from '../migration-context.js';

// Migrations speak snake_case: they run on a Kysely instance without the CamelCasePlugin.
/* biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not yet know */
type AnyDb = Kysely<any>;

/**
 * 1. `users.must_change_password` (0/1): set when an admin creates a user or resets a password, so the
 *    temporary password must be replaced at the next sign-in (access/users.ts). Existing users keep
 *    theirs.
 * 2. Search now indexes communications (subject, body) and tasks (title, notes): rebuild the index
 *    from every record so existing notes are found at once.
 */
export async function up(db: AnyDb, context: MigrationContext): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await rebuildSearchIndex(db.withPlugin(new CamelCasePlugin()) as unknown as Db, context.dialect);
}

export async function down(db: AnyDb, context: MigrationContext): Promise<void> {
  await db.schema.alterTable('users').dropColumn('must_change_password').execute();
  // Back to 0006's documents (contacts, organizations, funds): drop the others and count the vocabulary
  // again from what is left. (The builders of this build would index communications and tasks again.)
  void context;
  await db.deleteFrom('search_documents').where('entity_type', 'in', ['communication', 'task']).execute();
  await db.deleteFrom('search_terms').execute();
  const counts = new Map<string, number>();
  for (const { text } of await db.selectFrom('search_documents').select('text').execute()) {
    for (const term of vocabularyTerms(text as string)) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  const rows = [...counts].map(([term, document_count]) => ({ term, document_count }));
  for (let start = 0; start < rows.length; start += 500) await db.insertInto('search_terms').values(rows.slice(start, start + 500)).execute();
}
