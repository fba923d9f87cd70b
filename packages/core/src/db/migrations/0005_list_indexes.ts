import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

/* biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not yet know */
type AnyDb = Kysely<any>;

/**
 * One index per list sort, over live rows only, with exactly the columns the list orders by
 * (kernel/sorting.ts): a page is then read in index order and the scan stops after it, however many
 * rows there are. A sort on a column that can be empty starts with `(column is null)` so empty values
 * come last in both directions; descending needs its own index because that first term stays ascending.
 * The same statements run on SQLite and PostgreSQL.
 */
const LIST_INDEXES: Record<string, string> = {
  contacts_live_name_idx: 'contacts (last_name, first_name, id)',
  contacts_live_first_name_idx: 'contacts (first_name, last_name, id)',
  contacts_live_title_idx: 'contacts ((title is null), title, last_name, first_name, id)',
  contacts_live_title_desc_idx: 'contacts ((title is null), title desc, last_name desc, first_name desc, id desc)',
  contacts_live_organization_idx: 'contacts ((organization_sort_name is null), organization_sort_name, last_name, first_name, id)',
  contacts_live_organization_desc_idx: 'contacts ((organization_sort_name is null), organization_sort_name desc, last_name desc, first_name desc, id desc)',
  contacts_live_created_idx: 'contacts (created_at, id)',
  contacts_live_updated_idx: 'contacts (updated_at, id)',

  organizations_live_name_idx: 'organizations (name, id)',
  organizations_live_kind_idx: 'organizations (kind, name, id)',
  organizations_live_location_idx: 'organizations ((location is null), location, name, id)',
  organizations_live_location_desc_idx: 'organizations ((location is null), location desc, name desc, id desc)',
  organizations_live_created_idx: 'organizations (created_at, id)',
  organizations_live_updated_idx: 'organizations (updated_at, id)',

  commitments_live_created_idx: 'commitments (created_at, id)',
  commitments_live_updated_idx: 'commitments (updated_at, id)',
  commitments_live_stage_changed_idx: 'commitments (stage_changed_at, id)',
  commitments_live_expected_idx: 'commitments ((expected_amount is null), expected_amount, id)',
  commitments_live_expected_desc_idx: 'commitments ((expected_amount is null), expected_amount desc, id desc)',
  commitments_live_committed_idx: 'commitments ((committed_amount is null), committed_amount, id)',
  commitments_live_committed_desc_idx: 'commitments ((committed_amount is null), committed_amount desc, id desc)',
  commitments_live_close_idx: 'commitments ((expected_close_on is null), expected_close_on, id)',
  commitments_live_close_desc_idx: 'commitments ((expected_close_on is null), expected_close_on desc, id desc)',

  tasks_live_due_idx: 'tasks ((due_on is null), due_on, id)',
  tasks_live_due_desc_idx: 'tasks ((due_on is null), due_on desc, id desc)',
  tasks_live_created_idx: 'tasks (created_at, id)',
  tasks_live_updated_idx: 'tasks (updated_at, id)',
  tasks_live_title_idx: 'tasks (title, id)',
  tasks_live_status_idx: 'tasks (status, title, id)',

  communications_live_occurred_idx: 'communications (occurred_at, id)',
  communications_live_created_idx: 'communications (created_at, id)',
  communications_live_kind_idx: 'communications (kind, occurred_at, id)',
};

export async function up(db: AnyDb, _context: MigrationContext): Promise<void> {
  // People sorted by firm: a copy of the primary live organization's name, refreshed by every write that
  // changes it (contacts/organization-sort.ts), because an index cannot reach into another table.
  await db.schema.alterTable('contacts').addColumn('organization_sort_name', 'text').execute();
  await sql`update contacts set organization_sort_name = (select o.name from contact_organizations co join organizations o on o.id = co.organization_id
    where co.contact_id = contacts.id and o.deleted_at is null order by co.is_primary desc, o.name limit 1)`.execute(db);
  for (const [name, definition] of Object.entries(LIST_INDEXES)) {
    await sql.raw(`create index ${name} on ${definition} where deleted_at is null`).execute(db);
  }
  // Commitments sorted by investor walk the organizations' name index and join here: without this
  // index every organization would scan all commitments.
  await sql.raw('create index commitments_organization_idx on commitments (organization_id)').execute(db);
}

export async function down(db: AnyDb, _context: MigrationContext): Promise<void> {
  await sql.raw('drop index commitments_organization_idx').execute(db);
  for (const name of Object.keys(LIST_INDEXES).reverse()) await sql.raw(`drop index ${name}`).execute(db);
  await db.schema.alterTable('contacts').dropColumn('organization_sort_name').execute();
}
