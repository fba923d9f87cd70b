import type { IdentitySourceRecord } from '@lpdesk/contracts';
import { registrableDomain, websiteDomain } from '../normalize/domains.js';
import { parseEmail } from '../normalize/emails.js';
import { normalizeOrganizationName } from '../normalize/organization-names.js';
import { parsePersonName } from '../normalize/person-names.js';
import { parsePhone } from '../normalize/phones.js';
import type { EmailFeature, FeatureOptions, NameFeature, OrganizationMention, PhoneFeature, RecordFeatures } from './types.js';

/** The parts of a source record the matcher reads (the contract's output type satisfies it). */
export type MatchableRecord = Pick<IdentitySourceRecord, 'kind'> &
  Partial<Pick<IdentitySourceRecord, 'name' | 'firstName' | 'lastName' | 'organization' | 'website' | 'city' | 'country' | 'linkedin' | 'observedAt'>> & {
    emails?: readonly string[];
    phones?: readonly string[];
  };

const LINKEDIN = /linkedin\.com\/(in|pub|company|school)\/([^/?#\s]+)/i;

/** `https://www.linkedin.com/in/Jane-Doe/?trk=x` → `in/jane-doe`; a bare slug is taken as a profile. */
export function normalizeLinkedin(raw: string | null | undefined): string | null {
  if (!raw?.trim()) return null;
  const text = raw.trim();
  const found = LINKEDIN.exec(text);
  if (found) return `${(found[1] ?? '').toLowerCase() === 'pub' ? 'in' : (found[1] ?? '').toLowerCase()}/${decodeURIComponent(found[2] ?? '').toLowerCase()}`;
  if (/^[a-z0-9-_%]{3,100}$/i.test(text)) return `in/${text.toLowerCase()}`;
  return null;
}

const normCity = (city: string) => city.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');

function emailFeatures(raws: readonly string[], sharedValues: ReadonlySet<string> | undefined): EmailFeature[] {
  const out: EmailFeature[] = [];
  for (const raw of raws) {
    const parsed = parseEmail(raw);
    if (!parsed || out.some((e) => e.matchKey === parsed.matchKey)) continue;
    out.push({
      address: parsed.address,
      matchKey: parsed.matchKey,
      domain: parsed.domain,
      freeMail: parsed.freeMail,
      roleMailbox: parsed.roleMailbox,
      shared: parsed.roleMailbox || Boolean(sharedValues?.has(parsed.matchKey)),
    });
  }
  return out;
}

function phoneFeatures(raws: readonly string[], options: FeatureOptions): PhoneFeature[] {
  const out: PhoneFeature[] = [];
  for (const raw of raws) {
    const parsed = parsePhone(raw, options.defaultPhoneRegion);
    if (!parsed) continue;
    const existing = out.find((p) => p.e164 === parsed.e164);
    const observedShared = Boolean(options.sharedValues?.has(parsed.e164));
    const shared = parsed.mainLine || observedShared;
    if (existing) existing.shared ||= shared;
    else out.push({ e164: parsed.e164, extension: parsed.extension, shared, observedShared });
  }
  return out;
}

/** Display name of the first email that carries one ("Doe, Jane" <jane@x.com>): a name when the record has none. */
function displayName(raws: readonly string[]): string | null {
  for (const raw of raws) {
    const parsed = parseEmail(raw);
    if (parsed?.displayName && !parsed.roleMailbox) return parsed.displayName;
  }
  return null;
}

function personName(record: MatchableRecord): NameFeature | null {
  const hasParts = Boolean(record.firstName?.trim() || record.lastName?.trim());
  const fallback = record.name?.trim() || displayName(record.emails ?? []);
  if (!hasParts && !fallback) return null;
  const parsed = hasParts ? parsePersonName({ firstName: record.firstName, lastName: record.lastName }) : parsePersonName({ name: fallback });
  if (!parsed.key) return null;
  const raw = hasParts ? [record.firstName, record.lastName].filter(Boolean).join(' ') : (fallback ?? '');
  return {
    raw,
    key: parsed.key,
    first: parsed.first,
    firstForms: parsed.firstForms,
    last: parsed.last,
    lastForms: parsed.lastForms,
    middleInitials: parsed.middle.map((m) => m[0] ?? '').join(''),
    suffix: parsed.suffix,
  };
}

function organizationName(raw: string): NameFeature | null {
  const normalized = normalizeOrganizationName(raw);
  if (!normalized.key) return null;
  return { raw, key: normalized.key, acronym: normalized.acronym, isAcronym: normalized.isAcronym, tokens: normalized.tokens };
}

/** Normalizes one source record into what the rules compare. Pure and fast: a 10k scan calls it 10k times. */
export function extractFeatures(record: MatchableRecord, options: FeatureOptions): RecordFeatures {
  const emails = emailFeatures(record.emails ?? [], options.sharedValues);
  const phones = phoneFeatures(record.phones ?? [], options);
  const linkedin = normalizeLinkedin(record.linkedin);
  const domains = new Set<string>();
  const site = websiteDomain(record.website);
  if (site) domains.add(site);
  for (const email of emails) if (!email.freeMail) domains.add(registrableDomain(email.domain) ?? email.domain);
  const names: NameFeature[] = [];
  const organizations: OrganizationMention[] = [];
  if (record.kind === 'person') {
    const name = personName(record);
    if (name) names.push(name);
    if (record.organization?.trim()) {
      const org = normalizeOrganizationName(record.organization);
      if (org.key) organizations.push({ key: org.key, acronym: org.acronym, raw: record.organization, observedAt: record.observedAt ?? '' });
    }
  } else {
    const raw = record.name?.trim() || [record.firstName, record.lastName].filter(Boolean).join(' ').trim();
    const name = raw ? organizationName(raw) : null;
    if (name) names.push(name);
  }
  return {
    kind: record.kind,
    names,
    emails,
    phones,
    linkedins: linkedin ? [linkedin] : [],
    domains: [...domains],
    organizations,
    cities: record.city?.trim() ? [normCity(record.city)] : [],
    countries: record.country?.trim() ? [record.country.trim().toLowerCase()] : [],
  };
}

const uniqueBy = <T>(items: T[], key: (item: T) => string): T[] => {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
};

/** The union of several records' features: what an entity is known by. */
export function combineFeatures(list: RecordFeatures[]): RecordFeatures {
  const first = list[0];
  if (!first) throw new Error('combineFeatures needs at least one record');
  const emails = new Map<string, EmailFeature>();
  for (const email of list.flatMap((f) => f.emails)) {
    const existing = emails.get(email.matchKey);
    if (existing) existing.shared ||= email.shared;
    else emails.set(email.matchKey, { ...email });
  }
  const phones = new Map<string, PhoneFeature>();
  for (const phone of list.flatMap((f) => f.phones)) {
    const existing = phones.get(phone.e164);
    if (existing) {
      existing.shared ||= phone.shared;
      existing.observedShared ||= phone.observedShared;
    } else phones.set(phone.e164, { ...phone });
  }
  return {
    kind: first.kind,
    names: uniqueBy(
      list.flatMap((f) => f.names),
      (n) => `${n.key}|${(n.lastForms ?? []).join(',')}|${n.suffix ?? ''}`,
    ),
    emails: [...emails.values()],
    phones: [...phones.values()],
    linkedins: [...new Set(list.flatMap((f) => f.linkedins))],
    domains: [...new Set(list.flatMap((f) => f.domains))],
    organizations: uniqueBy(
      list.flatMap((f) => f.organizations),
      (o) => `${o.key}|${o.observedAt}`,
    ),
    cities: [...new Set(list.flatMap((f) => f.cities))],
    countries: [...new Set(list.flatMap((f) => f.countries))],
  };
}
