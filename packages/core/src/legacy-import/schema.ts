/**
 * The legacy tool's SQLite schema as its documentation describes it (docs/legacy-import.md): the tables
 * the importer reads and the columns it expects. The synthetic test database is built from exactly these
 * statements; a real crm.db may carry extra columns, which the reader ignores.
 */
export const LEGACY_SCHEMA = `
CREATE TABLE users (
  id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, email TEXT UNIQUE, password_hash TEXT NOT NULL,
  full_name TEXT, role TEXT NOT NULL DEFAULT 'member', is_active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE organizations (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT DEFAULT 'other', industry TEXT, website TEXT, phone TEXT,
  email TEXT, address TEXT, city TEXT, state TEXT, country TEXT, description TEXT, tags TEXT DEFAULT '[]',
  created_by TEXT REFERENCES users(id), created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE contacts (
  id TEXT PRIMARY KEY, first_name TEXT, last_name TEXT NOT NULL, email TEXT, phone TEXT, mobile TEXT, title TEXT,
  organization_id TEXT REFERENCES organizations(id) ON DELETE SET NULL, contact_type TEXT DEFAULT 'prospect',
  status TEXT DEFAULT 'active', source TEXT, tags TEXT DEFAULT '[]', notes TEXT, linkedin_url TEXT,
  preferred_contact TEXT, city TEXT, state TEXT, country TEXT, location_query TEXT,
  created_by TEXT REFERENCES users(id), created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE opportunities (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  organization_id TEXT REFERENCES organizations(id) ON DELETE SET NULL, stage TEXT DEFAULT 'lead',
  commitment_amount REAL, expected_amount REAL, probability INTEGER, expected_close_date TEXT, fund_name TEXT,
  description TEXT, next_step TEXT, owner_id TEXT REFERENCES users(id), priority TEXT DEFAULT 'medium',
  lost_reason TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE communications (
  id TEXT PRIMARY KEY, contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  opportunity_id TEXT REFERENCES opportunities(id) ON DELETE SET NULL, type TEXT DEFAULT 'note', subject TEXT,
  body TEXT, communication_date TEXT, duration_minutes INTEGER, outcome TEXT, next_action TEXT,
  next_action_date TEXT, attendees TEXT DEFAULT '[]', created_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE lp_profiles (
  id TEXT PRIMARY KEY, contact_id TEXT NOT NULL UNIQUE REFERENCES contacts(id) ON DELETE CASCADE,
  commitment_amount REAL, funded_amount REAL, commitment_date TEXT, fund_name TEXT, investor_type TEXT,
  accredited INTEGER DEFAULT 0, legal_docs_signed INTEGER DEFAULT 0, signed_date TEXT,
  wire_received INTEGER DEFAULT 0, wire_date TEXT, k1_sent INTEGER DEFAULT 0, preferred_communication TEXT,
  notes TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE custom_fields (id TEXT PRIMARY KEY, entity_type TEXT NOT NULL, name TEXT NOT NULL, field_type TEXT, options TEXT, created_at TEXT);
CREATE TABLE custom_field_values (id TEXT PRIMARY KEY, field_id TEXT REFERENCES custom_fields(id), entity_id TEXT, value TEXT, created_at TEXT);
CREATE TABLE tags (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, color TEXT, created_at TEXT);
CREATE TABLE audit_log (
  id TEXT PRIMARY KEY, user_id TEXT, entity_type TEXT NOT NULL, entity_id TEXT, action TEXT NOT NULL,
  changes TEXT, created_at TEXT NOT NULL
);
CREATE TABLE feature_requests (id TEXT PRIMARY KEY, title TEXT NOT NULL, description TEXT, status TEXT, created_by TEXT, created_at TEXT);
CREATE TABLE app_settings (key TEXT PRIMARY KEY, value TEXT, updated_at TEXT);
CREATE TABLE fundraising_state (
  id INTEGER PRIMARY KEY CHECK (id = 1), grid_json TEXT NOT NULL, views_json TEXT, version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT, updated_by TEXT
);
CREATE TABLE fundraising_investors (
  id TEXT PRIMARY KEY, source_row_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, lead_source TEXT, notes TEXT,
  position INTEGER, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE fundraising_funds (
  id TEXT PRIMARY KEY, column_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, position INTEGER,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE fundraising_commitments (
  id TEXT PRIMARY KEY, investor_id TEXT NOT NULL REFERENCES fundraising_investors(id),
  fund_id TEXT NOT NULL REFERENCES fundraising_funds(id), amount TEXT, updated_at TEXT
);
CREATE TABLE fundraising_contacts (
  id TEXT PRIMARY KEY, investor_id TEXT NOT NULL REFERENCES fundraising_investors(id), name TEXT, email TEXT,
  phone TEXT, title TEXT, is_primary INTEGER DEFAULT 0, created_at TEXT
);
CREATE TABLE fundraising_views (id TEXT PRIMARY KEY, name TEXT NOT NULL, config_json TEXT, created_by TEXT, created_at TEXT);
CREATE TABLE fundraising_automation_rules (id TEXT PRIMARY KEY, name TEXT, condition_json TEXT, action_json TEXT, enabled INTEGER, created_at TEXT);
CREATE TABLE fundraising_list_memberships (id TEXT PRIMARY KEY, investor_id TEXT NOT NULL, list_name TEXT NOT NULL, added_at TEXT);
CREATE TABLE fundraising_automation_runs (id TEXT PRIMARY KEY, started_at TEXT, finished_at TEXT, changes_json TEXT);
CREATE TABLE fundraising_backups (id TEXT PRIMARY KEY, kind TEXT, grid_json TEXT, views_json TEXT, created_at TEXT, created_by TEXT);
CREATE TABLE email_threads (id TEXT PRIMARY KEY, provider_thread_id TEXT, subject TEXT, first_at TEXT, last_at TEXT, created_at TEXT);
CREATE TABLE emails (
  id TEXT PRIMARY KEY, message_id TEXT NOT NULL UNIQUE, thread_id TEXT REFERENCES email_threads(id), subject TEXT,
  from_address TEXT, from_name TEXT, to_json TEXT DEFAULT '[]', cc_json TEXT DEFAULT '[]', bcc_json TEXT DEFAULT '[]',
  sent_at TEXT, body_text TEXT, body_html TEXT, snippet TEXT, in_reply_to TEXT, references_json TEXT DEFAULT '[]',
  is_matched INTEGER DEFAULT 0, match_status TEXT, created_at TEXT
);
CREATE TABLE email_account_messages (
  id TEXT PRIMARY KEY, email_id TEXT NOT NULL REFERENCES emails(id), account_email TEXT NOT NULL,
  provider_message_id TEXT, provider_thread_id TEXT, label_ids TEXT DEFAULT '[]', seen_at TEXT
);
CREATE TABLE email_attachments (
  id TEXT PRIMARY KEY, email_id TEXT NOT NULL REFERENCES emails(id), filename TEXT, content_type TEXT,
  size_bytes INTEGER, sha256 TEXT, storage_path TEXT, created_at TEXT
);
CREATE TABLE email_investor_links (
  id TEXT PRIMARY KEY, email_id TEXT NOT NULL REFERENCES emails(id), target_type TEXT NOT NULL, target_id TEXT NOT NULL,
  match_kind TEXT NOT NULL, confidence REAL, matched_on TEXT, created_at TEXT
);
CREATE TABLE email_sync_runs (id TEXT PRIMARY KEY, account_email TEXT, started_at TEXT, finished_at TEXT, status TEXT, fetched INTEGER, error TEXT);
`;

/** Every legacy table, in the order the report lists them. */
export const LEGACY_TABLES = [
  'users',
  'organizations',
  'contacts',
  'opportunities',
  'communications',
  'lp_profiles',
  'custom_fields',
  'custom_field_values',
  'tags',
  'audit_log',
  'feature_requests',
  'app_settings',
  'fundraising_state',
  'fundraising_investors',
  'fundraising_funds',
  'fundraising_commitments',
  'fundraising_contacts',
  'fundraising_views',
  'fundraising_automation_rules',
  'fundraising_list_memberships',
  'fundraising_automation_runs',
  'fundraising_backups',
  'emails',
  'email_threads',
  'email_account_messages',
  'email_attachments',
  'email_investor_links',
  'email_sync_runs',
] as const;
export type LegacyTable = (typeof LEGACY_TABLES)[number];
