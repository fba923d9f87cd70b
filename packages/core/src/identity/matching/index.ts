/**
 * PLACEHOLDER until the matching helper lands: exact email and LinkedIn only. The real implementation
 * (normalizers, blocking keys, rules with confidence and reasons) replaces this file.
 */
import type { IdentitySourceRecord } from '@lpdesk/contracts';
import type { FeatureOptions, MatchVerdict, RecordFeatures } from './types.js';

export type * from './types.js';

export function extractFeatures(record: IdentitySourceRecord, _options: FeatureOptions): RecordFeatures {
  const fullName = [record.firstName, record.lastName].filter(Boolean).join(' ') || record.name || '';
  return {
    kind: record.kind,
    names: fullName ? [{ raw: fullName, key: fullName.trim().toLowerCase() }] : [],
    emails: record.emails.map((e) => {
      const address = e.trim().toLowerCase();
      return { address, matchKey: address, domain: address.split('@')[1] ?? '', freeMail: false, shared: false };
    }),
    phones: [],
    linkedins: record.linkedin ? [record.linkedin.trim().toLowerCase()] : [],
    domains: [],
    organizations: record.organization
      ? [{ key: record.organization.trim().toLowerCase(), raw: record.organization, observedAt: record.observedAt ?? '' }]
      : [],
    cities: record.city ? [record.city] : [],
    countries: record.country ? [record.country] : [],
  };
}

/** The union of several records' features: what an entity is known by. */
export function combineFeatures(list: RecordFeatures[]): RecordFeatures {
  const first = list[0];
  if (!first) throw new Error('combineFeatures needs at least one record');
  return {
    kind: first.kind,
    names: list.flatMap((f) => f.names),
    emails: list.flatMap((f) => f.emails),
    phones: list.flatMap((f) => f.phones),
    linkedins: [...new Set(list.flatMap((f) => f.linkedins))],
    domains: [...new Set(list.flatMap((f) => f.domains))],
    organizations: list.flatMap((f) => f.organizations),
    cities: [...new Set(list.flatMap((f) => f.cities))],
    countries: [...new Set(list.flatMap((f) => f.countries))],
  };
}

/** Keys under which a record is filed; only records sharing a key are ever compared. */
export function blockingKeys(features: RecordFeatures): string[] {
  return [...features.emails.map((e) => `e:${e.matchKey}`), ...features.linkedins.map((l) => `l:${l}`)];
}

export function compareFeatures(a: RecordFeatures, b: RecordFeatures): MatchVerdict {
  if (a.kind !== b.kind)
    return { confidence: 0, rule: 'none', evidence: [{ rule: 'different_kind', direction: 'against', confidence: 1, reason: 'a person and an organization' }] };
  const email = a.emails.find((e) => b.emails.some((o) => o.matchKey === e.matchKey));
  if (email)
    return {
      confidence: 1,
      rule: 'same_personal_email',
      evidence: [{ rule: 'same_personal_email', direction: 'for', confidence: 1, reason: `both use ${email.address}` }],
    };
  const linkedin = a.linkedins.find((l) => b.linkedins.includes(l));
  if (linkedin)
    return {
      confidence: 1,
      rule: 'same_linkedin',
      evidence: [{ rule: 'same_linkedin', direction: 'for', confidence: 1, reason: `same LinkedIn ${linkedin}` }],
    };
  return { confidence: 0, rule: 'none', evidence: [] };
}
