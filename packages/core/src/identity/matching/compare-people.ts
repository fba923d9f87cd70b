import { formatPhone } from '../normalize/phones.js';
import { type FirstNameRelation, firstNameRelation } from '../normalize/person-names.js';
import type { NameFeature, RecordFeatures } from './types.js';
import { EvidenceCollector } from './verdict.js';

interface NamePairing {
  surname: string | null;
  first: FirstNameRelation;
  generationConflict: boolean;
  a: NameFeature;
  b: NameFeature;
}

const FIRST_RANK: Record<FirstNameRelation, number> = { equal: 4, nickname: 3, initial: 2, unknown: 1, conflict: 0 };
const asFirst = (name: NameFeature) => ({ first: name.first ?? '', firstForms: name.firstForms ?? [] });

/** The best-agreeing pair of names across two feature sets (entities carry several names). */
export function bestNamePairing(a: RecordFeatures, b: RecordFeatures): NamePairing | null {
  let best: NamePairing | null = null;
  let bestScore = -1;
  for (const nameA of a.names)
    for (const nameB of b.names) {
      const formsB = nameB.lastForms ?? [];
      const surname = (nameA.lastForms ?? []).find((form) => formsB.includes(form)) ?? null;
      const first = firstNameRelation(asFirst(nameA), asFirst(nameB));
      const generationConflict = Boolean(nameA.suffix && nameB.suffix && nameA.suffix !== nameB.suffix);
      const score = (surname ? 10 : 0) + FIRST_RANK[first] - (generationConflict ? 5 : 0);
      if (score > bestScore) {
        bestScore = score;
        best = { surname, first, generationConflict, a: nameA, b: nameB };
      }
    }
  return best;
}

const title = (name: NameFeature) => name.raw || name.key;

function sameOrganization(a: RecordFeatures, b: RecordFeatures): string | null {
  for (const orgA of a.organizations)
    for (const orgB of b.organizations) {
      if (orgA.key === orgB.key) return `both at ${orgA.raw}`;
      if (orgA.acronym && (orgA.acronym === orgB.key || orgA.acronym === orgB.acronym) && orgA.acronym.length >= 3) return `${orgA.raw} and ${orgB.raw} are one organization (acronym ${orgA.acronym.toUpperCase()})`;
      if (orgB.acronym && orgB.acronym === orgA.key && orgB.acronym.length >= 3) return `${orgA.raw} and ${orgB.raw} are one organization (acronym ${orgB.acronym.toUpperCase()})`;
    }
  const domain = a.domains.find((d) => b.domains.includes(d));
  if (domain) return `both have ${domain} email addresses`;
  for (const [side, other] of [[a, b], [b, a]] as const)
    for (const org of side.organizations)
      for (const candidate of other.domains) if (domainNamesOrganization(candidate, org.key)) return `${candidate} is ${org.raw}'s domain`;
  return null;
}

/** "harborcap.com" names "Harbor Capital": the domain's label and the compacted name start alike (≥ 6 letters). */
export function domainNamesOrganization(domain: string, organizationKey: string): boolean {
  const label = domain.split('.')[0] ?? '';
  const compact = organizationKey.replaceAll(' ', '').replace(/and/g, '');
  const labelCompact = label.replaceAll('-', '').replace(/and/g, '');
  if (labelCompact.length < 6 || compact.length < 6) return false;
  return compact.startsWith(labelCompact) || labelCompact.startsWith(compact);
}

export function comparePeople(a: RecordFeatures, b: RecordFeatures): EvidenceCollector {
  const collector = new EvidenceCollector();
  const names = bestNamePairing(a, b);
  const namesDiffer = names?.first === 'conflict' || Boolean(names?.generationConflict);

  for (const email of a.emails) {
    const other = b.emails.find((e) => e.matchKey === email.matchKey);
    if (!other) continue;
    if (email.roleMailbox || other.roleMailbox) collector.shared('shared_email', `${email.address} is a role mailbox: not evidence on its own`);
    else if (email.shared || other.shared) collector.shared('shared_email', `${email.address} is used by people with different names (joint or family email): not evidence on its own`);
    else if (namesDiffer) collector.shared('shared_email', `${email.address} is used by both, but their names differ (joint or family email?)`);
    else collector.support('same_personal_email', `both use ${email.address} (${email.freeMail ? 'personal' : 'individual work'} email)`, { identifier: true });
  }
  const linkedin = a.linkedins.find((l) => b.linkedins.includes(l));
  if (linkedin) collector.support('same_linkedin', `same LinkedIn profile ${linkedin}`, { identifier: true });
  else if (a.linkedins.length > 0 && b.linkedins.length > 0) collector.oppose('different_linkedin', `different LinkedIn profiles (${a.linkedins[0]} vs ${b.linkedins[0]})`);

  for (const phone of a.phones) {
    const other = b.phones.find((p) => p.e164 === phone.e164);
    if (!other) continue;
    const shown = formatPhone(phone.e164);
    if (phone.shared || other.shared) collector.shared('shared_phone', `${shown} is a main line or shared office number: not evidence on its own`);
    else collector.support('same_direct_phone', `both have the direct number ${shown}`, { identifier: true });
  }

  if (names) {
    const nameReason = `${title(names.a)} and ${title(names.b)}`;
    const compatible = names.surname !== null && (names.first === 'equal' || names.first === 'nickname' || names.first === 'initial');
    const fullName = names.surname !== null && (names.first === 'equal' || names.first === 'nickname');
    if (names.first === 'conflict') collector.oppose('different_first_name', `different first names: ${nameReason}`);
    if (names.generationConflict) collector.oppose('different_generation', `different generations: ${names.a.suffix} vs ${names.b.suffix}`);
    const organization = sameOrganization(a, b);
    if (compatible && organization) collector.support('same_name_same_organization', `${nameReason} (same surname, ${names.first} first name), ${organization}`);
    const domain = a.domains.find((d) => b.domains.includes(d));
    if (fullName && domain) collector.support('same_name_same_domain', `${nameReason}, both with ${domain} addresses`);
    else if (domain && !compatible) collector.shared('shared_domain', `${domain} is used by several people (a firm or family office): not evidence on its own`);
    const city = a.cities.find((c) => b.cities.includes(c));
    if (fullName && city) collector.support('same_name_same_city', `${nameReason}, both in ${city}`);
    if (fullName) collector.support('same_name_only', `same name: ${nameReason}`);
  }

  // Two individual addresses at one firm's domain: likely two people who share a name, or one person with two mailboxes.
  for (const email of a.emails) {
    if (email.freeMail || email.shared) continue;
    const sameDomain = b.emails.filter((e) => e.domain === email.domain && !e.shared);
    if (sameDomain.length > 0 && !sameDomain.some((e) => e.matchKey === email.matchKey) && !b.emails.some((e) => a.emails.some((x) => x.matchKey === e.matchKey && e.domain === email.domain))) {
      collector.oppose('different_work_email', `different addresses at ${email.domain}: ${email.address} and ${sameDomain[0]?.address}`, { namesOnly: true });
      break;
    }
  }
  return collector;
}
