import { OrganizationKind } from '@lpdesk/contracts';
import { parseEmail } from '../identity/normalize/emails.js';
import { websiteDomain } from '../identity/normalize/domains.js';
import { addTags, ensureCustomField, setCustomValues } from './fields.js';
import { instant, text } from './reader.js';
import { resolveLegacyRow } from './resolve.js';
import type { ImportRun } from './run.js';

const KIND_WORDS: [RegExp, OrganizationKind][] = [
  [/family\s*office/i, 'family_office'],
  [/endow/i, 'endowment'],
  [/foundation/i, 'foundation'],
  [/pension/i, 'pension'],
  [/fund\s*of\s*funds|fof/i, 'fund_of_funds'],
  [/\bria\b|wealth/i, 'ria_wealth_manager'],
  [/corporat/i, 'corporate'],
  [/insurance/i, 'insurance'],
  [/sovereign/i, 'sovereign'],
  [/bank/i, 'bank'],
  [/individual|angel|hnw/i, 'individual'],
];

/** The legacy `type` is free text: the LP Desk kind it names, else other (the text itself is kept as a custom field). */
export function organizationKind(type: string | null): OrganizationKind {
  if (!type) return 'other';
  const exact = OrganizationKind.safeParse(type.trim().toLowerCase().replace(/\s+/g, '_'));
  if (exact.success) return exact.data;
  return KIND_WORDS.find(([pattern]) => pattern.test(type))?.[1] ?? 'other';
}

/** Facts the legacy organization has and LP Desk's organization has no column for. */
const ORGANIZATION_FIELDS = [
  ['legacy_type', 'Type (legacy)'],
  ['industry', 'Industry'],
  ['phone', 'Phone'],
  ['email', 'Email'],
  ['address', 'Address'],
] as const;

const CONTACT_FIELDS = [
  ['contact_type', 'Contact type (legacy)'],
  ['status', 'Status (legacy)'],
] as const;

export async function importClassicOrganizations(run: ImportRun): Promise<void> {
  for (const [key, label] of ORGANIZATION_FIELDS) await ensureCustomField(run, 'organization', key, label, 'text');
  for (const row of run.legacy.rows('organizations')) {
    const legacyId = String(row.id);
    const name = text(row.name);
    if (!name) {
      run.report.skipped.push({ table: 'organizations', id: legacyId, reason: 'no name' });
      continue;
    }
    const email = text(row.email);
    const { entityId, createdNow, state } = await resolveLegacyRow(
      run,
      'organizations',
      legacyId,
      {
        kind: 'organization',
        name,
        website: text(row.website),
        emails: email ? [email] : [],
        phones: text(row.phone) ? [String(row.phone)] : [],
        city: [text(row.city), text(row.state)].filter(Boolean).join(', ') || null,
        country: text(row.country),
      },
      instant(row.created_at),
      name,
      { type: row.type, industry: row.industry, email, address: row.address, description: row.description, tags: row.tags },
    );
    // Parsed every run: the report describes the file, whatever an earlier run already brought over.
    const tags = run.legacy.stringList('organizations', row, 'tags');
    run.organizations.set(legacyId, entityId);
    if (state === 'same') continue;
    if (createdNow) {
      await run.scope.tx
        .updateTable('organizations')
        .set({ kind: organizationKind(text(row.type)), description: text(row.description), createdBy: run.users.get(String(row.created_by))?.id ?? null })
        .where('id', '=', entityId)
        .execute();
    }
    await setCustomValues(run, 'organization', entityId, {
      legacy_type: text(row.type),
      industry: text(row.industry),
      phone: text(row.phone),
      email,
      address: text(row.address),
    });
    await addTags(run, 'organization', entityId, tags);
    await addEmailDomains(run, entityId, [websiteDomain(text(row.website)), email ? parseEmail(email) : null]);
  }
}

export async function importClassicContacts(run: ImportRun): Promise<void> {
  for (const [key, label] of CONTACT_FIELDS) await ensureCustomField(run, 'contact', key, label, 'text');
  const organizationNames = new Map(run.legacy.rows('organizations').map((row) => [String(row.id), text(row.name)]));
  for (const row of run.legacy.rows('contacts')) {
    const legacyId = String(row.id);
    const email = text(row.email);
    const firstName = text(row.first_name);
    const lastName = text(row.last_name);
    const organizationId = text(row.organization_id);
    const { entityId, createdNow, state } = await resolveLegacyRow(
      run,
      'contacts',
      legacyId,
      {
        kind: 'person',
        firstName,
        lastName,
        emails: email ? [email] : [],
        phones: [text(row.phone), text(row.mobile)].filter((phone): phone is string => phone !== null),
        organization: organizationId ? (organizationNames.get(organizationId) ?? null) : null,
        title: text(row.title),
        linkedin: text(row.linkedin_url),
        city: [text(row.city), text(row.state)].filter(Boolean).join(', ') || null,
        country: text(row.country),
      },
      instant(row.created_at),
      [firstName, lastName].filter(Boolean).join(' '),
      { notes: row.notes, source: row.source, preferred: row.preferred_contact, type: row.contact_type, status: row.status, tags: row.tags },
    );
    const tags = run.legacy.stringList('contacts', row, 'tags');
    run.contacts.set(legacyId, entityId);
    if (state === 'same') continue;
    if (createdNow) {
      await run.scope.tx
        .updateTable('contacts')
        .set({
          notes: text(row.notes),
          source: text(row.source) ?? 'legacy import',
          preferredChannel: text(row.preferred_contact),
          createdBy: run.users.get(String(row.created_by))?.id ?? null,
        })
        .where('id', '=', entityId)
        .execute();
    }
    await setCustomValues(run, 'contact', entityId, { contact_type: text(row.contact_type), status: text(row.status) });
    await addTags(run, 'contact', entityId, tags);
  }
}

/**
 * The organization's website and (non-free-mail) email domains become its email domains, so mail LP Desk
 * captures from now on links to it as the legacy Gmail integration did. Domains it has are kept.
 */
async function addEmailDomains(run: ImportRun, organizationId: string, sources: (string | ReturnType<typeof parseEmail> | null)[]): Promise<void> {
  const domains = new Set<string>();
  for (const source of sources) {
    if (typeof source === 'string') domains.add(source);
    else if (source && !source.freeMail) domains.add(source.domain);
  }
  if (domains.size === 0) return;
  const known = await run.scope.tx.selectFrom('organizationDomains').select('domain').where('organizationId', '=', organizationId).execute();
  const fresh = [...domains].filter((domain) => !known.some((row) => row.domain === domain));
  if (fresh.length > 0)
    await run.scope.tx
      .insertInto('organizationDomains')
      .values(fresh.map((domain) => ({ organizationId, domain })))
      .execute();
}
