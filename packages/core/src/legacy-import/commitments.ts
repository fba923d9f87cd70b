import type { Stage } from '@lpdesk/contracts';
import { newId } from '../kernel/ids.js';
import { createOrganizationIn } from '../organizations/commands.js';
import { linkWorksAt } from '../identity/entity-writes.js';
import { ensureFund } from './funds.js';
import { parseLegacyMoney } from './money.js';
import { calendarDay, flag, instant, type LegacyRow, text } from './reader.js';
import { attachRecord, backdate, countState, type ImportRun, LEGACY_SOURCE, noteRef, track, ledgerEntry } from './run.js';

/** Legacy stages → LP Desk's pipeline (funded is LP Desk's closed; a lost reason means declined). */
const STAGES: Record<string, Stage> = {
  lead: 'lead',
  outreach: 'outreach',
  meeting: 'meeting',
  due_diligence: 'due_diligence',
  committed: 'committed',
  funded: 'closed',
};
const STAGE_ORDER: Stage[] = ['lead', 'outreach', 'meeting', 'due_diligence', 'soft_circle', 'committed', 'closed'];
const later = (a: Stage, b: Stage) => (STAGE_ORDER.indexOf(a) >= STAGE_ORDER.indexOf(b) ? a : b);

/** Where a commitment amount came from; the first that has a value wins (the grid is what the partners kept current). */
const AMOUNT_PRIORITY = ['grid', 'lp_profile', 'opportunity'] as const;
type AmountSource = (typeof AMOUNT_PRIORITY)[number];

interface Contributions {
  organizationId: string;
  fundId: string;
  investor: string;
  fund: string;
  opportunities: LegacyRow[];
  lpProfiles: LegacyRow[];
  cells: LegacyRow[];
}

const NO_FUND = 'Unspecified fund (legacy)';

/**
 * The investor behind a legacy contact: the organization it belongs to, else an `individual`
 * organization made for the person (LP Desk's investor is always an organization).
 */
async function investorOf(run: ImportRun, contact: LegacyRow | undefined, organizationId: string | null): Promise<string | null> {
  if (organizationId && run.organizations.has(organizationId)) return run.organizations.get(organizationId) as string;
  if (!contact) return null;
  const legacyId = String(contact.id);
  const cached = run.investorOfContact.get(legacyId);
  if (cached) return cached;
  const own = text(contact.organization_id);
  if (own && run.organizations.has(own)) return run.organizations.get(own) as string;
  const known = await ledgerEntry(run, 'contacts.investor', legacyId);
  let id = known?.entityId ?? null;
  const name = [text(contact.first_name), text(contact.last_name)].filter(Boolean).join(' ') || legacyId;
  if (!id) {
    id = (await createOrganizationIn(run.scope, { name: name.slice(0, 200), kind: 'individual' })).id;
    await backdate(run, 'organizations', id, instant(contact.created_at));
    const contactId = run.contacts.get(legacyId);
    if (contactId)
      await linkWorksAt(
        run.scope,
        contactId,
        id,
        { source: LEGACY_SOURCE('contacts'), externalId: legacyId, kind: 'person', emails: [], phones: [] },
        instant(contact.created_at) ?? run.scope.now,
      );
  }
  const state = await track(run, 'contacts.investor', legacyId, 'organization', id, { name });
  countState(run, 'organization', state, !known);
  run.investorOfContact.set(legacyId, id);
  return id;
}

export async function importCommitments(run: ImportRun): Promise<void> {
  const contacts = new Map(run.legacy.rows('contacts').map((row) => [String(row.id), row]));
  const groups = new Map<string, Contributions>();
  const names = new Map<string, string>();
  const group = async (organizationId: string, fundName: string | null, table: string, id: string) => {
    const fund = fundName ?? NO_FUND;
    const fundId = await ensureFund(run, fund, fundName ? {} : { status: 'planning' }, null);
    const key = `${organizationId}|${fundId}`;
    let entry = groups.get(key);
    if (!entry) {
      if (!names.has(organizationId)) {
        const org = await run.scope.tx.selectFrom('organizations').select('name').where('id', '=', organizationId).executeTakeFirstOrThrow();
        names.set(organizationId, org.name);
      }
      entry = { organizationId, fundId, investor: names.get(organizationId) as string, fund, opportunities: [], lpProfiles: [], cells: [] };
      groups.set(key, entry);
    }
    noteRef(run, 'commitment', key, { table, id }, 'one commitment per investor × fund');
    return entry;
  };
  for (const row of run.legacy.rows('opportunities')) {
    const investor = await investorOf(run, contacts.get(String(row.contact_id)), text(row.organization_id));
    if (!investor) {
      run.report.skipped.push({ table: 'opportunities', id: String(row.id), reason: 'its contact is missing' });
      continue;
    }
    (await group(investor, text(row.fund_name), 'opportunities', String(row.id))).opportunities.push(row);
  }
  for (const row of run.legacy.rows('lp_profiles')) {
    const investor = await investorOf(run, contacts.get(String(row.contact_id)), null);
    if (!investor) {
      run.report.skipped.push({ table: 'lp_profiles', id: String(row.id), reason: 'its contact is missing' });
      continue;
    }
    (await group(investor, text(row.fund_name), 'lp_profiles', String(row.id))).lpProfiles.push(row);
  }
  const fundNames = new Map(run.legacy.rows('fundraising_funds').map((row) => [String(row.id), text(row.name)]));
  for (const row of run.legacy.rows('fundraising_commitments')) {
    const investor = run.gridInvestors.get(String(row.investor_id));
    const fund = fundNames.get(String(row.fund_id));
    if (!investor || !fund) {
      run.report.skipped.push({ table: 'fundraising_commitments', id: String(row.id), reason: 'its investor or fund column is missing' });
      continue;
    }
    if (text(row.amount) === null) continue;
    (await group(investor, fund, 'fundraising_commitments', String(row.id))).cells.push(row);
  }
  for (const [key, entry] of groups) await writeCommitment(run, key, entry);
}

function committedAmount(run: ImportRun, entry: Contributions): number | null {
  const found: Partial<Record<AmountSource, { minor: number; raw: string }>> = {};
  const consider = (source: AmountSource, raw: unknown) => {
    const parsed = parseLegacyMoney(raw);
    if (!parsed.ok) {
      run.report.moneyProblems.push({ investor: entry.investor, fund: entry.fund, raw: parsed.raw, kind: 'unparseable' });
      return;
    }
    if (parsed.minor !== null && !found[source]) found[source] = { minor: parsed.minor, raw: String(raw) };
  };
  for (const cell of entry.cells) consider('grid', cell.amount);
  for (const profile of entry.lpProfiles) consider('lp_profile', profile.commitment_amount);
  for (const opportunity of entry.opportunities) consider('opportunity', opportunity.commitment_amount);
  const kept = AMOUNT_PRIORITY.find((source) => found[source]);
  if (!kept) return null;
  const distinct = new Set(Object.values(found).map((value) => value.minor));
  if (distinct.size > 1) {
    run.report.moneyProblems.push({
      investor: entry.investor,
      fund: entry.fund,
      raw: (found[kept] as { raw: string }).raw,
      kind: 'conflict',
      values: Object.fromEntries(Object.entries(found).map(([source, value]) => [source, value.minor])),
    });
  }
  return (found[kept] as { minor: number }).minor;
}

function amountOf(run: ImportRun, entry: Contributions, raw: unknown): number | null {
  const parsed = parseLegacyMoney(raw);
  if (parsed.ok) return parsed.minor;
  run.report.moneyProblems.push({ investor: entry.investor, fund: entry.fund, raw: parsed.raw, kind: 'unparseable' });
  return null;
}

async function writeCommitment(run: ImportRun, key: string, entry: Contributions): Promise<void> {
  const { tx } = run.scope;
  const opportunity = entry.opportunities[0];
  const profile = entry.lpProfiles[0];
  const committed = committedAmount(run, entry);
  const funded = profile ? amountOf(run, entry, profile.funded_amount) : null;
  let stage: Stage = opportunity ? (STAGES[String(opportunity.stage ?? 'lead')] ?? 'lead') : 'lead';
  if (profile || (committed ?? 0) > 0) stage = later(stage, 'committed');
  if ((funded ?? 0) > 0 || flag(profile?.wire_received)) stage = 'closed';
  const lostReason = text(opportunity?.lost_reason);
  if (lostReason && stage !== 'closed') stage = 'declined';
  const primaryLegacyContact = String(opportunity?.contact_id ?? profile?.contact_id ?? '');
  const createdAt =
    [...entry.opportunities, ...entry.lpProfiles]
      .map((row) => instant(row.created_at))
      .filter((at): at is string => at !== null)
      .sort()[0] ?? null;
  const signedOn =
    profile && flag(profile.legal_docs_signed)
      ? (calendarDay(profile.signed_date) ?? calendarDay(profile.commitment_date) ?? calendarDay(profile.updated_at))
      : null;
  const wireOn = profile && flag(profile.wire_received) ? (calendarDay(profile.wire_date) ?? calendarDay(profile.updated_at)) : null;
  const values = {
    stage,
    declinedReason: stage === 'declined' ? lostReason : null,
    expectedAmount: opportunity ? amountOf(run, entry, opportunity.expected_amount) : null,
    committedAmount: committed,
    fundedAmount: funded,
    probability:
      opportunity && Number.isFinite(Number(opportunity.probability)) && opportunity.probability !== null
        ? Math.max(0, Math.min(100, Math.round(Number(opportunity.probability))))
        : null,
    expectedCloseOn: calendarDay(opportunity?.expected_close_date),
    ownerId: run.users.get(String(opportunity?.owner_id))?.id ?? null,
    primaryContactId: run.contacts.get(primaryLegacyContact) ?? null,
    priority: ['low', 'medium', 'high'].includes(String(opportunity?.priority)) ? String(opportunity?.priority) : null,
    nextStep: text(opportunity?.next_step),
    subscriptionDocsSignedOn: signedOn,
    wireReceivedOn: wireOn,
  };
  const existing = await tx
    .selectFrom('commitments')
    .select(['id'])
    .where('organizationId', '=', entry.organizationId)
    .where('fundId', '=', entry.fundId)
    .executeTakeFirst();
  let id = existing?.id;
  let createdNow = false;
  if (!id) {
    id = newId();
    const changedAt = instant(opportunity?.updated_at) ?? createdAt ?? run.scope.now;
    await tx
      .insertInto('commitments')
      .values({
        id,
        organizationId: entry.organizationId,
        fundId: entry.fundId,
        currency: 'USD',
        stageChangedAt: changedAt,
        source: 'legacy import',
        sideLetter: 0,
        subscriptionDocsSentOn: null,
        ...values,
        version: 1,
        createdAt: run.scope.now,
        updatedAt: run.scope.now,
        createdBy: null,
        updatedBy: null,
        deletedAt: null,
        deletedBy: null,
      })
      .execute();
    await tx
      .insertInto('stageChanges')
      .values({
        id: newId(),
        commitmentId: id,
        fromStage: null,
        toStage: stage,
        reason: 'legacy import',
        changedAt,
        actorKind: run.scope.actor.kind,
        actorId: run.scope.actor.id,
      })
      .execute();
    if (profile && flag(profile.k1_sent)) {
      const year = Number((calendarDay(profile.commitment_date) ?? calendarDay(profile.created_at) ?? run.scope.now).slice(0, 4));
      await tx
        .insertInto('commitmentK1s')
        .values({ commitmentId: id, taxYear: year, sentOn: calendarDay(profile.updated_at) ?? run.scope.now.slice(0, 10) })
        .execute();
    }
    await run.scope.log({
      action: 'create',
      entityType: 'commitment',
      entityId: id,
      diff: { after: { organizationId: entry.organizationId, fundId: entry.fundId, ...values } },
    });
    createdNow = await backdate(run, 'commitments', id, createdAt);
  }
  const state = await track(run, 'commitments', key, 'commitment', id, values);
  if (state === 'changed' && !createdNow) {
    await tx
      .updateTable('commitments')
      .set({ ...values, updatedAt: run.scope.now })
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
    await run.scope.log({ action: 'update', entityType: 'commitment', entityId: id, diff: { after: values } });
  }
  countState(run, 'commitment', state, createdNow);
  // The commitment's refs were gathered under the group key; move them to its id.
  const refs = run.refsByEntity.get(key);
  run.refsByEntity.delete(key);
  for (const ref of refs?.refs ?? [])
    noteRef(run, 'commitment', id, { ...ref, name: `${entry.investor} × ${entry.fund}` }, 'one commitment per investor × fund');
  for (const row of entry.opportunities) {
    run.opportunities.set(String(row.id), id);
    await attachRecord(
      run,
      LEGACY_SOURCE('opportunities'),
      String(row.id),
      'commitment',
      id,
      { name: row.name, stage: row.stage, fundName: row.fund_name, description: row.description, commitmentAmount: row.commitment_amount },
      'the legacy opportunity of this investor × fund',
      instant(row.created_at),
    );
  }
  for (const row of entry.lpProfiles) {
    run.lpProfiles.set(String(row.id), id);
    await attachRecord(
      run,
      LEGACY_SOURCE('lp_profiles'),
      String(row.id),
      'commitment',
      id,
      {
        fundName: row.fund_name,
        investorType: row.investor_type,
        accredited: flag(row.accredited),
        notes: row.notes,
        preferredCommunication: row.preferred_communication,
      },
      'the legacy LP profile of this investor × fund',
      instant(row.created_at),
    );
    const contactId = run.contacts.get(String(row.contact_id));
    if (contactId && flag(row.accredited)) {
      await tx
        .updateTable('contacts')
        .set({ accreditationStatus: 'verified', accreditationMethod: 'other' })
        .where('id', '=', contactId)
        .where('accreditationStatus', '=', 'unknown')
        .execute();
    }
  }
}
