import Database from 'better-sqlite3';
import { LEGACY_SCHEMA } from '../schema.js';

export interface LegacyScale {
  /** Classic organizations, each with a contact, an opportunity and (every other one) an LP profile and a grid row. */
  investors: number;
  /** Prospects: contacts without an organization or opportunity. */
  prospects: number;
  /** Captured emails, each linked to an investor's contact. */
  emails: number;
}

const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(7, '0')}`;
const day = (n: number) => new Date(Date.UTC(2021, 0, 1) + n * 86_400_000).toISOString();

/** A legacy crm.db the size of a real fund's (~150 LPs, 250 prospects, thousands of emails), for the bench. */
export function buildScaledLegacyDatabase(path: string, scale: LegacyScale): void {
  const db = new Database(path);
  db.exec(LEGACY_SCHEMA);
  const insert = (table: string, row: Record<string, unknown>) => {
    const columns = Object.keys(row);
    db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
  };
  db.transaction(() => {
    insert('users', {
      id: 'u0000001',
      username: 'owner',
      email: 'owner@fund.example',
      password_hash: 'pbkdf2_sha256$1000$salt$AAAA',
      full_name: 'Owner',
      role: 'admin',
      is_active: 1,
      created_at: day(0),
      updated_at: day(0),
    });
    insert('fundraising_state', {
      id: 1,
      grid_json: JSON.stringify({ columns: { funds: [{ id: 'col_f2', name: 'Fund II', vintage: 2024, status: 'raising' }], custom: [] }, rows: [] }),
      version: 1,
    });
    insert('fundraising_funds', { id: 'ff2', column_id: 'col_f2', name: 'Fund II', position: 0, created_at: day(0), updated_at: day(0) });
    for (let n = 0; n < scale.investors; n += 1) {
      const at = day(n % 900);
      insert('organizations', {
        id: id('o', n),
        name: `Investor ${n} Capital`,
        type: n % 3 === 0 ? 'Family Office' : 'endowment',
        tags: '["lp"]',
        created_at: at,
        updated_at: at,
      });
      insert('contacts', {
        id: id('c', n),
        first_name: `Pat${n}`,
        last_name: `Partner${n}`,
        email: `pat${n}@investor${n}.example`,
        organization_id: id('o', n),
        contact_type: 'investor',
        created_at: at,
        updated_at: at,
      });
      insert('opportunities', {
        id: id('p', n),
        name: `Investor ${n} — Fund II`,
        contact_id: id('c', n),
        organization_id: id('o', n),
        stage: 'meeting',
        expected_amount: 250_000 + n * 1000,
        fund_name: 'Fund II',
        created_at: at,
        updated_at: at,
      });
      insert('communications', {
        id: id('m', n),
        contact_id: id('c', n),
        type: 'call',
        subject: `Call ${n}`,
        communication_date: at,
        created_at: at,
        updated_at: at,
      });
      insert('audit_log', {
        id: id('a', n),
        user_id: 'u0000001',
        entity_type: 'contact',
        entity_id: id('c', n),
        action: 'create',
        changes: '{}',
        created_at: at,
      });
      if (n % 2 === 0) {
        insert('lp_profiles', {
          id: id('l', n),
          contact_id: id('c', n),
          commitment_amount: 500_000,
          fund_name: 'Fund II',
          legal_docs_signed: 1,
          created_at: at,
          updated_at: at,
        });
        insert('fundraising_investors', {
          id: id('g', n),
          source_row_id: id('row', n),
          name: `Investor ${n} Capital`,
          notes: `2024-01-0${(n % 9) + 1}: follow-up`,
          created_at: at,
          updated_at: at,
        });
        insert('fundraising_commitments', { id: id('gc', n), investor_id: id('g', n), fund_id: 'ff2', amount: '500k' });
        insert('fundraising_contacts', { id: id('fc', n), investor_id: id('g', n), name: `Pat${n} Partner${n}`, email: `pat${n}@investor${n}.example` });
      }
    }
    for (let n = 0; n < scale.prospects; n += 1) {
      insert('contacts', {
        id: id('q', n),
        first_name: `Quinn${n}`,
        last_name: `Prospect${n}`,
        email: `quinn${n}@prospect${n}.example`,
        contact_type: 'prospect',
        created_at: day(n % 900),
        updated_at: day(n % 900),
      });
    }
    for (let n = 0; n < scale.emails; n += 1) {
      const investor = n % Math.max(1, scale.investors);
      insert('emails', {
        id: id('e', n),
        message_id: `<mail-${n}@investor${investor}.example>`,
        subject: `Update ${n}`,
        from_address: `pat${investor}@investor${investor}.example`,
        to_json: '["owner@fund.example"]',
        sent_at: day(n % 900),
        body_text: 'Thanks for the update.',
        created_at: day(n % 900),
      });
      insert('email_investor_links', {
        id: id('el', n),
        email_id: id('e', n),
        target_type: 'contact',
        target_id: id('c', investor),
        match_kind: 'exact_email',
        confidence: 1,
      });
    }
  })();
  db.close();
}
