import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../kernel/actor.js';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { openTestCore, type TestCore, testActor, testDialects } from '../testing/index.js';
import { importLegacyDatabase, type LegacyImportReport } from './index.js';
import { buildLegacyDatabase } from './testing/build-legacy-db.js';

const importer = systemActor('import');
const admin = testActor({ role: 'admin' });
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** What the synthetic database (testing/build-legacy-db.ts) must become; each number follows from its story. */
const EXPECTED_CREATED = {
  user: 3,
  // palette: anchor, hot; row arrays add family-office and new-lp
  tag: 4,
  // organization: legacy type, industry, phone, email, address; contact: type, status; grid: lead source,
  // graveyard, follow up, Sector, Warm intro
  custom_field: 12,
  // Acme, Birch, Cedar (classic = grid), Delta (classic), Delta Family Office (grid), Sam Solo (individual)
  organization: 6,
  fund: 2,
  // Acme's three log lines, Birch's one
  organization_note: 4,
  // Jane, Tom, Kim (= grid Kimberly), Sam; grid-only Dan and the other Sam Solo (same name, another firm)
  contact: 6,
  saved_view: 1,
  // Acme×II (opportunity + LP profile + cell), Birch×II, Sam×I (opportunity + LP profile), Delta FO×II, Cedar×II
  commitment: 5,
  // three logged, two timeline entries of the linked legacy emails
  communication: 5,
  email_thread: 1,
  email_message: 2,
  mailbox: 2,
  email_sighting: 3,
  email_attachment: 1,
  email_link: 3,
  activity: 3,
};

describe.each(testDialects())('legacy import on %s', (dialect) => {
  let core: TestCore;
  let dir: string;
  let file: string;
  let first: LegacyImportReport;
  const ctx = () => ({ core, actor: admin });
  const recordOf = async (table: string, externalId: string) => {
    const found = await invoke(operations.identity.listRecords, ctx(), { source: `legacy.${table}`, externalId });
    expect(found.total, `legacy.${table} ${externalId}`).toBe(1);
    return found.data[0] as (typeof found.data)[number];
  };

  beforeAll(async () => {
    core = await openTestCore(dialect);
    dir = mkdtempSync(join(tmpdir(), 'lpdesk-legacy-'));
    file = join(dir, 'crm.db');
    buildLegacyDatabase(file);
    const before = sha(file);
    first = await importLegacyDatabase(core, importer, file);
    // Opened read-only: not a byte of the legacy file changes.
    expect(sha(file)).toBe(before);
  });
  afterAll(async () => {
    await core.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports rows read per table, what it created, merges, conflicts and malformed JSON', () => {
    expect(first.tables).toMatchObject({
      users: 3,
      organizations: 4,
      contacts: 4,
      opportunities: 3,
      lp_profiles: 2,
      communications: 3,
      audit_log: 3,
      fundraising_investors: 4,
      fundraising_contacts: 5,
      fundraising_commitments: 3,
      emails: 2,
      email_investor_links: 3,
    });
    expect(first.created).toEqual(EXPECTED_CREATED);
    expect(first.updated).toEqual({});
    const merged = first.merges
      .map((merge) => [
        merge.entityType,
        merge.records
          .map((r) => `${r.table}:${r.id}`)
          .sort()
          .join(' + '),
      ])
      .sort();
    expect(merged).toEqual(
      [
        ['commitment', 'fundraising_commitments:gc_a2 + lp_profiles:l1jane00 + opportunities:p1acme00'],
        ['commitment', 'lp_profiles:l2sam000 + opportunities:p3sam000'],
        ['contact', 'contacts:c1jane00 + fundraising_contacts:fc1'],
        ['contact', 'contacts:c2tom000 + fundraising_contacts:fc3'],
        ['contact', 'contacts:c4kim000 + fundraising_contacts:fc4'],
        ['organization', 'fundraising_investors:gi1 + organizations:o1acme00'],
        ['organization', 'fundraising_investors:gi3 + organizations:o2birch0'],
        ['organization', 'fundraising_investors:gi4 + organizations:o3cedar0'],
      ].sort(),
    );
    expect(first.merges.find((merge) => merge.records.some((r) => r.id === 'fc4'))?.reason).toMatch(/same_name_same_organization/);
    expect(first.mergeSuggestions).toHaveLength(1);
    expect(first.mergeSuggestions[0]?.records.map((side) => side.legacy.map((r) => `${r.table}:${r.id}`).join()).sort()).toEqual([
      'fundraising_investors:gi2',
      'organizations:o4delta0',
    ]);
    expect(first.moneyProblems).toEqual([
      {
        investor: 'Acme Capital',
        fund: 'Fund II',
        raw: '$1.2M',
        kind: 'conflict',
        values: { grid: 120_000_000, lp_profile: 100_000_000, opportunity: 100_000_000 },
      },
      { investor: 'Birch Endowment', fund: 'Fund II', raw: 'lots', kind: 'unparseable' },
      { investor: 'Cedar Partners LLC', fund: 'Fund II', raw: 'TBD', kind: 'unparseable' },
    ]);
    expect(first.malformed).toEqual([
      { table: 'organizations', id: 'o3cedar0', column: 'tags' },
      { table: 'communications', id: 'm2mail00', column: 'attendees' },
      { table: 'audit_log', id: 'a3', column: 'changes' },
    ]);
    expect(first.skipped.map((s) => `${s.table}:${s.id}`).sort()).toEqual(
      [
        'app_settings:org_name',
        'email_sync_runs:sr1',
        'feature_requests:f1',
        'fundraising_automation_rules:ar1',
        'fundraising_automation_runs:arun1',
        'fundraising_backups:gb1',
      ].sort(),
    );
  });

  it('merges opportunities, LP profiles and grid cells into one commitment per investor × fund', async () => {
    const opportunity = await recordOf('opportunities', 'p1acme00');
    const profile = await recordOf('lp_profiles', 'l1jane00');
    expect(opportunity.entityType).toBe('commitment');
    expect(profile.entityId).toBe(opportunity.entityId);
    const acme = await invoke(operations.commitments.get, ctx(), { id: opportunity.entityId });
    const jane = await recordOf('contacts', 'c1jane00');
    // The grid wins a conflict (reported above); the opportunity brings the pipeline facts, the profile the paperwork.
    expect(acme).toMatchObject({
      stage: 'committed',
      committedAmount: 120_000_000,
      expectedAmount: 100_000_000,
      probability: 90,
      priority: 'high',
      nextStep: 'Send side letter',
      subscriptionDocsSignedOn: '2024-03-05',
      primaryContactId: jane.entityId,
      organization: { name: 'Acme Capital' },
    });
    expect(acme.createdAt).toBe('2023-01-10T10:00:00.000Z');
    const sam = await invoke(operations.commitments.get, ctx(), { id: (await recordOf('lp_profiles', 'l2sam000')).entityId });
    expect(sam).toMatchObject({
      stage: 'closed',
      committedAmount: 25_000_000,
      fundedAmount: 25_000_000,
      wireReceivedOn: '2019-07-01',
      k1SentTaxYears: [2019],
      organization: { name: 'Sam Solo', kind: 'individual' },
    });
    const birch = await invoke(operations.commitments.get, ctx(), { id: (await recordOf('opportunities', 'p2birch0')).entityId });
    expect(birch).toMatchObject({ stage: 'meeting', committedAmount: null, expectedAmount: 50_000_000 });
  });

  it('reconciles classic and grid investors and people into one identity, keeping every legacy id', async () => {
    const classic = await recordOf('organizations', 'o1acme00');
    expect((await recordOf('fundraising_investors', 'gi1')).entityId).toBe(classic.entityId);
    expect((await recordOf('grid_rows', 'row_acme')).entityId).toBe(classic.entityId);
    expect((await recordOf('fundraising_contacts', 'fc1')).entityId).toBe((await recordOf('contacts', 'c1jane00')).entityId);
    expect((await recordOf('fundraising_contacts', 'fc3')).entityId).toBe((await recordOf('contacts', 'c2tom000')).entityId);
    expect((await recordOf('fundraising_contacts', 'fc5')).entityId).not.toBe((await recordOf('contacts', 'c3sam000')).entityId);
    const acme = await invoke(operations.organizations.get, ctx(), { id: classic.entityId });
    expect(acme).toMatchObject({ name: 'Acme Capital', kind: 'family_office', leadSource: 'Conference', createdAt: '2022-04-01T10:00:00.000Z' });
    expect(acme.customFields).toMatchObject({
      lead_source: 'Conference',
      grid_sector: 'Diversified',
      grid_warm_intro: true,
      industry: 'Investments',
      legacy_type: 'Family Office',
    });
    expect(acme.tags.map((tag) => tag.name).sort()).toEqual(['anchor', 'family-office']);
    expect(acme.emailDomains).toEqual(['acme.example']);
    const anchor = await core.db.selectFrom('tags').select('createdAt').where('nameNormalized', '=', 'anchor').executeTakeFirstOrThrow();
    expect(anchor.createdAt).toBe('2022-01-05T10:00:00.000Z');
    const jane = await invoke(operations.contacts.get, ctx(), { id: (await recordOf('contacts', 'c1jane00')).entityId });
    expect(jane).toMatchObject({ createdAt: '2022-04-05T10:00:00.000Z', title: 'CIO', notes: 'Prefers mornings' });
    const birch = await invoke(operations.organizations.get, ctx(), { id: (await recordOf('grid_rows', 'row_birch')).entityId });
    expect(birch.customFields).toMatchObject({ graveyard: true });
    const delta = await invoke(operations.organizations.get, ctx(), { id: (await recordOf('fundraising_investors', 'gi2')).entityId });
    expect(delta.customFields).toMatchObject({ follow_up: true, lead_source: 'Referral', grid_sector: 'Tech' });
    const notes = await core.db
      .selectFrom('organizationNotes')
      .select(['notedOn', 'body'])
      .where('organizationId', '=', classic.entityId)
      .orderBy('notedOn')
      .execute();
    expect(notes).toEqual([
      { notedOn: '2023-01-02', body: 'Likes co-invest' },
      { notedOn: '2024-01-10', body: 'Intro call with Jane' },
      { notedOn: '2024-02-01', body: 'Sent deck' },
    ]);
    const funds = await invoke(operations.funds.list, ctx(), { limit: 50, offset: 0 });
    expect(funds.data.map((fund) => [fund.name, fund.vintage, fund.status]).sort()).toEqual([
      ['Fund I', 2019, 'closed'],
      ['Fund II', 2024, 'raising'],
    ]);
  });

  it('brings users with their password hashes, inactive ones disabled', async () => {
    const users = await invoke(operations.access.listUsers, ctx(), {});
    expect(users.map((user) => [user.username, user.role, user.disabled]).sort()).toEqual([
      ['alice', 'admin', false],
      ['bob', 'manager', false],
      ['carol', 'member', true],
    ]);
    const carol = await recordOf('users', 'u3c4d5e6');
    expect(carol.entityType).toBe('user');
    expect(users.find((user) => user.username === 'carol')?.id).toBe(carol.entityId);
    const stored = await core.db.selectFrom('users').select(['username', 'passwordHash', 'createdAt']).orderBy('username').execute();
    expect(stored.map((row) => row.passwordHash.slice(0, 7))).toEqual(['$2b$04$', 'pbkdf2_', 'pbkdf2:']);
    expect(stored[0]?.createdAt).toBe('2022-01-03T10:00:00.000Z');
  });

  it('keeps communication event times and turns the audit log into historical activity', async () => {
    const call = await invoke(operations.communications.get, ctx(), { id: (await recordOf('communications', 'm1call00')).entityId });
    expect(call).toMatchObject({ kind: 'call', occurredAt: '2023-04-12T14:30:00.000Z', createdAt: '2023-04-13T10:00:00.000Z', durationMinutes: 30 });
    const coffee = await invoke(operations.communications.get, ctx(), { id: (await recordOf('communications', 'm3meet00')).entityId });
    expect(coffee).toMatchObject({ kind: 'note', occurredAt: '2023-08-20T00:00:00.000Z' });
    const commitmentId = (await recordOf('opportunities', 'p1acme00')).entityId;
    const history = await invoke(operations.reports.activity, ctx(), { entityId: commitmentId, limit: 50, offset: 0 });
    const legacy = history.data.filter((entry) => entry.historical);
    expect(legacy).toEqual([
      expect.objectContaining({
        at: '2023-05-01T10:00:00.000Z',
        action: 'stage_change',
        actorName: 'Bob Manager',
        actorKind: 'user',
        door: 'import',
        entityType: 'commitment',
      }),
    ]);
    const own = history.data.filter((entry) => !entry.historical);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((entry) => entry.door === 'import')).toBe(true);
    const allHistorical = await invoke(operations.reports.activity, ctx(), { historical: 'true', limit: 50, offset: 0 });
    expect(allHistorical.data.map((entry) => [entry.at, entry.action, entry.actorName]).sort()).toEqual([
      ['2022-04-05T10:00:00.000Z', 'create', 'Alice Admin'],
      ['2023-05-01T10:00:00.000Z', 'stage_change', 'Bob Manager'],
      ['2023-06-01T10:00:00.000Z', 'update', 'Carol Former'],
    ]);
  });

  it('finds legacy email by Message-ID with its links, kinds, confidences and bcc', async () => {
    const first = await invoke(operations.emailMessages.list, ctx(), { messageId: '<dataroom-1@acme.example>', limit: 10, offset: 0 });
    expect(first.total).toBe(1);
    const jane = (await recordOf('contacts', 'c1jane00')).entityId;
    expect(first.data[0]?.links).toEqual([expect.objectContaining({ entityType: 'contact', entityId: jane, matchKind: 'exact_email', confidence: 1 })]);
    const reply = await invoke(operations.emailMessages.list, ctx(), { messageId: 'reply-1@fund.example', limit: 10, offset: 0 });
    const message = reply.data[0];
    expect(message?.threadId).toBe(first.data[0]?.threadId);
    expect(message?.direction).toBe('outbound');
    expect(message?.bcc.map((a) => a.address)).toEqual(['bob@fund.example']);
    expect(message?.links.map((link) => [link.matchKind, link.confidence]).sort()).toEqual([
      ['domain', 0.6],
      ['manual', 1],
    ]);
    expect(message?.attachments).toEqual([expect.objectContaining({ filename: 'NDA.pdf', size: 48_213 })]);
    // Linked mail is on the timeline, as captured mail is.
    const timeline = await invoke(operations.communications.list, ctx(), { contactId: jane, kind: 'email', limit: 10, offset: 0 });
    expect(timeline.data.map((entry) => [entry.occurredAt, entry.subject])).toEqual([['2024-02-01T09:00:00.000Z', 'Fund II data room']]);
  });

  it('is idempotent: a re-run creates and updates nothing; a changed row is updated', async () => {
    const count = async () =>
      Number(
        (
          await core.db
            .selectFrom('organizations')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const organizations = await count();
    const again = await importLegacyDatabase(core, importer, file);
    expect(again.created).toEqual({});
    expect(again.updated).toEqual({});
    // The report still describes the file: the same problems, none of them fixed by importing twice.
    expect(again.malformed).toEqual(first.malformed);
    expect(again.moneyProblems).toEqual(first.moneyProblems);
    expect(await count()).toBe(organizations);
    const changed = join(dir, 'changed.db');
    buildLegacyDatabase(changed, { acmeOpportunityNextStep: 'Countersign side letter' });
    const third = await importLegacyDatabase(core, importer, changed);
    expect(third.created).toEqual({});
    expect(third.updated).toEqual({ commitment: 1 });
    const acme = await invoke(operations.commitments.get, ctx(), { id: (await recordOf('opportunities', 'p1acme00')).entityId });
    expect(acme.nextStep).toBe('Countersign side letter');
  });
});

describe.each(testDialects())('legacy import dry run on %s', (dialect) => {
  let core: TestCore;
  let dir: string;
  beforeAll(async () => {
    core = await openTestCore(dialect);
    dir = mkdtempSync(join(tmpdir(), 'lpdesk-legacy-dry-'));
  });
  afterAll(async () => {
    await core.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports exactly what a run would do and writes nothing', async () => {
    const file = join(dir, 'crm.db');
    buildLegacyDatabase(file);
    const dry = await importLegacyDatabase(core, importer, file, { dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.created).toEqual(EXPECTED_CREATED);
    for (const table of ['organizations', 'contacts', 'users', 'commitments', 'legacyImportRows', 'identityRecords', 'emailMessages'] as const) {
      const { n } = await core.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n), table).toBe(0);
    }
  });

  it('refuses a file that is not a legacy database, writing nothing', async () => {
    await expect(importLegacyDatabase(core, importer, join(dir, 'missing.db'))).rejects.toThrow(/not a readable SQLite database/);
  });
});
