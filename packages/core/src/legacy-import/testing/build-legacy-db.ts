import { pbkdf2Sync } from 'node:crypto';
import bcrypt from 'bcryptjs';
import Database from 'better-sqlite3';
import { LEGACY_SCHEMA } from '../schema.js';

/** Passwords of the synthetic users, for sign-in tests. */
export const LEGACY_PASSWORDS = { alice: 'alice-legacy-pass', bob: 'bob-legacy-pass', carol: 'carol-legacy-pass' } as const;

const django = (password: string, salt: string, iterations: number) =>
  `pbkdf2_sha256$${iterations}$${salt}$${pbkdf2Sync(password, salt, iterations, 32, 'sha256').toString('base64')}`;
const werkzeug = (password: string, salt: string, iterations: number) =>
  `pbkdf2:sha256:${iterations}$${salt}$${pbkdf2Sync(password, salt, iterations, 32, 'sha256').toString('hex')}`;

/**
 * The grid blob as the legacy tool saved it (the shape docs/legacy-import.md documents): fund columns
 * with vintage and status, custom columns, and per row the tags, custom values and cells.
 */
export const GRID_JSON = {
  version: 42,
  columns: {
    funds: [
      { id: 'col_f1', name: 'Fund I', vintage: 2019, status: 'closed' },
      { id: 'col_f2', name: 'Fund II', vintage: 2024, status: 'raising' },
    ],
    custom: [
      { id: 'cc_sector', name: 'Sector', type: 'text' },
      { id: 'cc_warm', name: 'Warm intro', type: 'checkbox' },
    ],
  },
  rows: [
    {
      id: 'row_acme',
      investor: 'Acme Capital',
      tags: ['anchor', 'family-office'],
      custom: { cc_sector: 'Diversified', cc_warm: true },
      cells: { col_f2: '$1.2M' },
    },
    { id: 'row_delta', investor: 'Delta Family Office', tags: ['new-lp'], custom: { cc_sector: 'Tech' }, cells: { col_f2: '750k' } },
    { id: 'row_birch', investor: 'Birch Endowment', tags: [], custom: {}, cells: {} },
    { id: 'row_cedar', investor: 'Cedar Partners', tags: [], custom: { cc_warm: false }, cells: { col_f2: 'TBD' } },
  ],
};

/** Rows a test may change to see a re-run update (and nothing else). */
export interface LegacyOverrides {
  acmeOpportunityNextStep?: string;
}

/**
 * A synthetic legacy crm.db built from the documented schema. The story it tells:
 * - classic and grid overlap: Acme Capital and Birch Endowment are in both models (same names; Jane Doe
 *   and Tom Birch by email, Tom's in another case); Cedar Partners LLC (classic) is Cedar Partners (grid);
 *   Delta Family Office is only in the grid; Sam Solo invests alone (no organization);
 * - money: Acme × Fund II is $1,000,000 in the opportunity and LP profile but $1.2M in the grid
 *   (conflict); Cedar's grid cell is "TBD" and Birch's opportunity amount is "lots" (unparseable);
 * - malformed JSON: Cedar's tags, one communication's attendees, one audit entry's changes;
 * - users: a bcrypt admin, a Django-PBKDF2 manager, an inactive Werkzeug-PBKDF2 member;
 * - email: two messages in one thread (one with bcc), seen by two mailboxes, with an attachment and
 *   links of every legacy kind.
 */
export function buildLegacyDatabase(path: string, overrides: LegacyOverrides = {}): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec(LEGACY_SCHEMA);
  const insert = (table: string, row: Record<string, unknown>) => {
    const columns = Object.keys(row);
    db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(
      Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'boolean' ? (value ? 1 : 0) : value])),
    );
  };
  const at = (day: string) => `${day}T10:00:00Z`;
  db.transaction(() => {
    insert('users', {
      id: 'u1a2b3c4',
      username: 'alice',
      email: 'alice@fund.example',
      password_hash: bcrypt.hashSync(LEGACY_PASSWORDS.alice, '$2b$04$SyntheticLegacySalt0000'),
      full_name: 'Alice Admin',
      role: 'admin',
      is_active: 1,
      created_at: at('2022-01-03'),
      updated_at: at('2022-01-03'),
    });
    insert('users', {
      id: 'u2b3c4d5',
      username: 'bob',
      email: 'bob@fund.example',
      password_hash: django(LEGACY_PASSWORDS.bob, 'pepper01', 1000),
      full_name: 'Bob Manager',
      role: 'manager',
      is_active: 1,
      created_at: at('2022-02-01'),
      updated_at: at('2022-02-01'),
    });
    insert('users', {
      id: 'u3c4d5e6',
      username: 'carol',
      email: 'carol@fund.example',
      password_hash: werkzeug(LEGACY_PASSWORDS.carol, 'salt0002', 1000),
      full_name: 'Carol Former',
      role: 'member',
      is_active: 0,
      created_at: at('2022-03-01'),
      updated_at: at('2023-06-30'),
    });

    insert('tags', { id: 't1', name: 'anchor', color: '#ef4444', created_at: at('2022-01-05') });
    insert('tags', { id: 't2', name: 'hot', color: '#f59e0b', created_at: at('2022-01-05') });

    insert('organizations', {
      id: 'o1acme00',
      name: 'Acme Capital',
      type: 'Family Office',
      industry: 'Investments',
      website: 'https://acme.example',
      phone: '+1 617 555 0100',
      email: 'info@acme.example',
      city: 'Boston',
      state: 'MA',
      country: 'US',
      description: 'Long-time LP',
      tags: '["anchor"]',
      created_by: 'u1a2b3c4',
      created_at: at('2022-04-01'),
      updated_at: at('2022-04-01'),
    });
    insert('organizations', {
      id: 'o2birch0',
      name: 'Birch Endowment',
      type: 'endowment',
      website: 'https://birch.example',
      tags: '[]',
      created_by: 'u1a2b3c4',
      created_at: at('2022-04-02'),
      updated_at: at('2022-04-02'),
    });
    insert('organizations', {
      id: 'o3cedar0',
      name: 'Cedar Partners LLC',
      type: 'RIA',
      tags: '["hot",',
      created_by: 'u2b3c4d5',
      created_at: at('2022-04-03'),
      updated_at: at('2022-04-03'),
    });

    insert('organizations', {
      id: 'o4delta0',
      name: 'Delta',
      type: 'other',
      tags: '[]',
      created_by: 'u2b3c4d5',
      created_at: at('2022-04-04'),
      updated_at: at('2022-04-04'),
    });

    insert('contacts', {
      id: 'c1jane00',
      first_name: 'Jane',
      last_name: 'Doe',
      email: 'jane@acme.example',
      phone: '+1 617 555 0101',
      title: 'CIO',
      organization_id: 'o1acme00',
      contact_type: 'investor',
      tags: '["hot"]',
      notes: 'Prefers mornings',
      created_by: 'u1a2b3c4',
      created_at: at('2022-04-05'),
      updated_at: at('2022-04-05'),
    });
    insert('contacts', {
      id: 'c2tom000',
      first_name: 'Tom',
      last_name: 'Birch',
      email: 'tom@birch.example',
      organization_id: 'o2birch0',
      contact_type: 'prospect',
      created_by: 'u1a2b3c4',
      created_at: at('2022-04-06'),
      updated_at: at('2022-04-06'),
    });
    insert('contacts', {
      id: 'c3sam000',
      first_name: 'Sam',
      last_name: 'Solo',
      email: 'sam@solo.example',
      contact_type: 'investor',
      created_by: 'u2b3c4d5',
      created_at: at('2022-04-07'),
      updated_at: at('2022-04-07'),
    });
    insert('contacts', {
      id: 'c4kim000',
      first_name: 'Kim',
      last_name: 'Cedar',
      email: 'kim@cedar.example',
      organization_id: 'o3cedar0',
      contact_type: 'prospect',
      created_by: 'u2b3c4d5',
      created_at: at('2022-04-08'),
      updated_at: at('2022-04-08'),
    });

    insert('opportunities', {
      id: 'p1acme00',
      name: 'Acme — Fund II',
      contact_id: 'c1jane00',
      organization_id: 'o1acme00',
      stage: 'committed',
      commitment_amount: 1_000_000,
      expected_amount: 1_000_000,
      probability: 90,
      expected_close_date: '2024-06-30',
      fund_name: 'Fund II',
      next_step: overrides.acmeOpportunityNextStep ?? 'Send side letter',
      owner_id: 'u1a2b3c4',
      priority: 'high',
      created_at: at('2023-01-10'),
      updated_at: at('2023-05-01'),
    });
    insert('opportunities', {
      id: 'p2birch0',
      name: 'Birch — Fund II',
      contact_id: 'c2tom000',
      organization_id: 'o2birch0',
      stage: 'meeting',
      commitment_amount: 'lots',
      expected_amount: 500_000,
      probability: 40,
      fund_name: 'Fund II',
      owner_id: 'u2b3c4d5',
      priority: 'medium',
      created_at: at('2023-02-01'),
      updated_at: at('2023-02-01'),
    });
    insert('opportunities', {
      id: 'p3sam000',
      name: 'Sam — Fund I',
      contact_id: 'c3sam000',
      stage: 'funded',
      commitment_amount: 250_000,
      fund_name: 'Fund I',
      owner_id: 'u2b3c4d5',
      created_at: at('2019-03-01'),
      updated_at: at('2019-09-01'),
    });

    insert('lp_profiles', {
      id: 'l1jane00',
      contact_id: 'c1jane00',
      commitment_amount: 1_000_000,
      funded_amount: 0,
      commitment_date: '2024-03-01',
      fund_name: 'Fund II',
      investor_type: 'Family office',
      accredited: 1,
      legal_docs_signed: 1,
      signed_date: '2024-03-05',
      wire_received: 0,
      k1_sent: 0,
      created_at: at('2024-03-01'),
      updated_at: at('2024-03-05'),
    });
    insert('lp_profiles', {
      id: 'l2sam000',
      contact_id: 'c3sam000',
      commitment_amount: 250_000,
      funded_amount: 250_000,
      commitment_date: '2019-06-01',
      fund_name: 'Fund I',
      investor_type: 'Individual',
      accredited: 1,
      legal_docs_signed: 1,
      signed_date: '2019-06-02',
      wire_received: 1,
      wire_date: '2019-07-01',
      k1_sent: 1,
      created_at: at('2019-06-01'),
      updated_at: at('2020-03-15'),
    });

    insert('communications', {
      id: 'm1call00',
      contact_id: 'c1jane00',
      opportunity_id: 'p1acme00',
      type: 'call',
      subject: 'Fund II terms',
      body: 'Walked through terms',
      communication_date: '2023-04-12T14:30:00Z',
      duration_minutes: 30,
      outcome: 'positive',
      attendees: '["jane@acme.example"]',
      created_by: 'u1a2b3c4',
      created_at: at('2023-04-13'),
      updated_at: at('2023-04-13'),
    });
    insert('communications', {
      id: 'm2mail00',
      contact_id: 'c2tom000',
      type: 'email',
      subject: 'Deck',
      body: 'Sent the deck',
      communication_date: '2023-02-02T09:00:00Z',
      attendees: '{oops',
      created_by: 'u2b3c4d5',
      created_at: at('2023-02-02'),
      updated_at: at('2023-02-02'),
    });
    insert('communications', {
      id: 'm3meet00',
      contact_id: 'c3sam000',
      type: 'coffee',
      subject: 'Catch-up',
      communication_date: '2023-08-20',
      created_by: 'u3c4d5e6',
      created_at: at('2023-08-21'),
      updated_at: at('2023-08-21'),
    });

    insert('audit_log', {
      id: 'a1',
      user_id: 'u1a2b3c4',
      entity_type: 'contact',
      entity_id: 'c1jane00',
      action: 'create',
      changes: '{"first_name":"Jane"}',
      created_at: at('2022-04-05'),
    });
    insert('audit_log', {
      id: 'a2',
      user_id: 'u2b3c4d5',
      entity_type: 'opportunity',
      entity_id: 'p1acme00',
      action: 'stage_change',
      changes: '{"from":"meeting","to":"committed"}',
      created_at: at('2023-05-01'),
    });
    insert('audit_log', {
      id: 'a3',
      user_id: 'u3c4d5e6',
      entity_type: 'organization',
      entity_id: 'o3cedar0',
      action: 'update',
      changes: '{"name": "Cedar',
      created_at: at('2023-06-01'),
    });

    insert('feature_requests', { id: 'f1', title: 'Dark mode everywhere', status: 'open', created_by: 'u1a2b3c4', created_at: at('2023-01-01') });
    insert('app_settings', { key: 'org_name', value: 'Example Ventures', updated_at: at('2022-01-03') });

    insert('fundraising_state', {
      id: 1,
      grid_json: JSON.stringify(GRID_JSON),
      views_json: '[]',
      version: 42,
      updated_at: at('2024-04-01'),
      updated_by: 'u1a2b3c4',
    });
    insert('fundraising_funds', { id: 'ff1', column_id: 'col_f1', name: 'Fund I', position: 0, created_at: at('2019-01-01'), updated_at: at('2024-04-01') });
    insert('fundraising_funds', { id: 'ff2', column_id: 'col_f2', name: 'Fund II', position: 1, created_at: at('2023-01-01'), updated_at: at('2024-04-01') });
    insert('fundraising_investors', {
      id: 'gi1',
      source_row_id: 'row_acme',
      name: 'Acme Capital',
      lead_source: 'Conference',
      notes: '2024-01-10: Intro call with Jane\n2024-02-01: Sent deck\nLikes co-invest',
      position: 0,
      created_at: at('2023-01-02'),
      updated_at: at('2024-04-01'),
    });
    insert('fundraising_investors', {
      id: 'gi2',
      source_row_id: 'row_delta',
      name: 'Delta Family Office',
      lead_source: 'Referral',
      notes: null,
      position: 1,
      created_at: at('2023-01-03'),
      updated_at: at('2024-04-01'),
    });
    insert('fundraising_investors', {
      id: 'gi3',
      source_row_id: 'row_birch',
      name: 'Birch Endowment',
      lead_source: null,
      notes: '3/15/2024 - passed for now',
      position: 2,
      created_at: at('2023-01-04'),
      updated_at: at('2024-04-01'),
    });
    insert('fundraising_investors', {
      id: 'gi4',
      source_row_id: 'row_cedar',
      name: 'Cedar Partners',
      lead_source: 'Cold outreach',
      notes: null,
      position: 3,
      created_at: at('2023-01-05'),
      updated_at: at('2024-04-01'),
    });
    insert('fundraising_commitments', { id: 'gc_a2', investor_id: 'gi1', fund_id: 'ff2', amount: '$1.2M', updated_at: at('2024-04-01') });
    insert('fundraising_commitments', { id: 'gc_d2', investor_id: 'gi2', fund_id: 'ff2', amount: '750k', updated_at: at('2024-04-01') });
    insert('fundraising_commitments', { id: 'gc_c2', investor_id: 'gi4', fund_id: 'ff2', amount: 'TBD', updated_at: at('2024-04-01') });
    insert('fundraising_contacts', {
      id: 'fc1',
      investor_id: 'gi1',
      name: 'Jane Doe',
      email: 'jane@acme.example',
      title: 'CIO',
      is_primary: 1,
      created_at: at('2023-01-02'),
    });
    insert('fundraising_contacts', {
      id: 'fc2',
      investor_id: 'gi2',
      name: 'Dan Delta',
      email: 'dan@delta.example',
      is_primary: 1,
      created_at: at('2023-01-03'),
    });
    insert('fundraising_contacts', {
      id: 'fc3',
      investor_id: 'gi3',
      name: 'Tom Birch',
      email: 'TOM@Birch.example',
      is_primary: 1,
      created_at: at('2023-01-04'),
    });
    insert('fundraising_contacts', {
      id: 'fc4',
      investor_id: 'gi4',
      name: 'Kimberly Cedar',
      email: 'kimberly.cedar@gmail.example',
      is_primary: 0,
      created_at: at('2023-01-05'),
    });
    insert('fundraising_contacts', {
      id: 'fc5',
      investor_id: 'gi2',
      name: 'Sam Solo',
      email: 'sam.solo@delta.example',
      is_primary: 0,
      created_at: at('2023-01-06'),
    });
    insert('fundraising_views', {
      id: 'gv1',
      name: 'Fund II pipeline',
      config_json: '{"visible_funds":["col_f2"],"search":""}',
      created_by: 'u1a2b3c4',
      created_at: at('2024-01-01'),
    });
    insert('fundraising_list_memberships', { id: 'lm1', investor_id: 'gi3', list_name: 'graveyard', added_at: at('2024-03-15') });
    insert('fundraising_list_memberships', { id: 'lm2', investor_id: 'gi2', list_name: 'follow_up', added_at: at('2024-03-20') });
    insert('fundraising_list_memberships', { id: 'lm3', investor_id: 'gi1', list_name: 'everyone', added_at: at('2024-03-20') });
    insert('fundraising_automation_rules', {
      id: 'ar1',
      name: 'Graveyard after 90 days',
      condition_json: '{}',
      action_json: '{}',
      enabled: 1,
      created_at: at('2023-01-01'),
    });
    insert('fundraising_automation_runs', { id: 'arun1', started_at: at('2024-03-20'), finished_at: at('2024-03-20'), changes_json: '[]' });
    insert('fundraising_backups', {
      id: 'gb1',
      kind: 'auto',
      grid_json: JSON.stringify(GRID_JSON),
      views_json: '[]',
      created_at: at('2024-03-31'),
      created_by: null,
    });

    insert('email_threads', {
      id: 'et1',
      provider_thread_id: 'gmail-thread-1',
      subject: 'Fund II data room',
      first_at: '2024-02-01T09:00:00Z',
      last_at: '2024-02-01T11:00:00Z',
      created_at: '2024-02-01T09:05:00Z',
    });
    insert('emails', {
      id: 'e1',
      message_id: '<dataroom-1@acme.example>',
      thread_id: 'et1',
      subject: 'Fund II data room',
      from_address: 'jane@acme.example',
      from_name: 'Jane Doe',
      to_json: '["alice@fund.example"]',
      cc_json: '[]',
      bcc_json: '[]',
      sent_at: '2024-02-01T09:00:00Z',
      body_text: 'Could we get data room access?',
      snippet: 'Could we get data room access?',
      is_matched: 1,
      match_status: 'matched',
      created_at: '2024-02-01T09:05:00Z',
    });
    insert('emails', {
      id: 'e2',
      message_id: '<reply-1@fund.example>',
      thread_id: 'et1',
      subject: 'Re: Fund II data room',
      from_address: 'alice@fund.example',
      from_name: 'Alice Admin',
      to_json: '["jane@acme.example"]',
      cc_json: '["ops@acme.example"]',
      bcc_json: '["bob@fund.example"]',
      sent_at: '2024-02-01T11:00:00Z',
      body_text: 'Access granted.',
      in_reply_to: '<dataroom-1@acme.example>',
      references_json: '["<dataroom-1@acme.example>"]',
      is_matched: 1,
      match_status: 'matched',
      created_at: '2024-02-01T11:05:00Z',
    });
    insert('email_account_messages', {
      id: 'am1',
      email_id: 'e1',
      account_email: 'alice@fund.example',
      provider_message_id: 'g-1',
      provider_thread_id: 'gmail-thread-1',
      seen_at: '2024-02-01T09:05:00Z',
    });
    insert('email_account_messages', {
      id: 'am2',
      email_id: 'e2',
      account_email: 'alice@fund.example',
      provider_message_id: 'g-2',
      provider_thread_id: 'gmail-thread-1',
      seen_at: '2024-02-01T11:05:00Z',
    });
    insert('email_account_messages', {
      id: 'am3',
      email_id: 'e2',
      account_email: 'bob@fund.example',
      provider_message_id: 'g-9',
      provider_thread_id: 'gmail-thread-7',
      seen_at: '2024-02-01T11:06:00Z',
    });
    insert('email_attachments', {
      id: 'ea1',
      email_id: 'e2',
      filename: 'NDA.pdf',
      content_type: 'application/pdf',
      size_bytes: 48_213,
      sha256: 'a'.repeat(64),
      storage_path: 'attachments/aa/aaaa',
      created_at: '2024-02-01T11:05:00Z',
    });
    insert('email_investor_links', {
      id: 'el1',
      email_id: 'e1',
      target_type: 'contact',
      target_id: 'c1jane00',
      match_kind: 'exact_email',
      confidence: 1.0,
      matched_on: 'jane@acme.example',
      created_at: '2024-02-01T09:05:00Z',
    });
    insert('email_investor_links', {
      id: 'el2',
      email_id: 'e2',
      target_type: 'investor',
      target_id: 'gi1',
      match_kind: 'domain_match',
      confidence: 0.6,
      matched_on: 'acme.example',
      created_at: '2024-02-01T11:05:00Z',
    });
    insert('email_investor_links', {
      id: 'el3',
      email_id: 'e2',
      target_type: 'grid_contact',
      target_id: 'fc2',
      match_kind: 'manual',
      confidence: null,
      matched_on: null,
      created_at: '2024-02-02T08:00:00Z',
    });
    insert('email_sync_runs', {
      id: 'sr1',
      account_email: 'alice@fund.example',
      started_at: '2024-02-01T09:00:00Z',
      finished_at: '2024-02-01T09:01:00Z',
      status: 'ok',
      fetched: 2,
    });
  })();
  db.close();
}
