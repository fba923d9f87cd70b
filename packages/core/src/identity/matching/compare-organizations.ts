import { DISTINCT_ENTITY_WORDS, numberTokens } from '../normalize/organization-names.js';
import { formatPhone } from '../normalize/phones.js';
import type { NameFeature, RecordFeatures } from './types.js';
import { EvidenceCollector } from './verdict.js';

/** Words that do not distinguish one firm from another when added to its name ("Acme" ~ "Acme Partners"). */
const GENERIC_WORDS: ReadonlySet<string> = new Set([
  'group', 'partners', 'capital', 'management', 'holdings', 'investments', 'ventures', 'advisors', 'associates', 'company', 'global', 'international', 'asset', 'and', 'llc',
]);

export type NameRelation = 'same' | 'acronym' | 'generic_variant' | 'distinct_entity' | 'parent_subsidiary' | 'different_number' | 'unrelated';

interface OrgNamePairing {
  relation: NameRelation;
  a: NameFeature;
  b: NameFeature;
  detail: string;
}

const RELATION_RANK: Record<NameRelation, number> = { same: 6, acronym: 5, generic_variant: 4, parent_subsidiary: 3, different_number: 2, distinct_entity: 1, unrelated: 0 };

export function relate(a: NameFeature, b: NameFeature): { relation: NameRelation; detail: string } {
  const tokensA = a.tokens ?? a.key.split(' ');
  const tokensB = b.tokens ?? b.key.split(' ');
  const numbersA = numberTokens(tokensA).join(' ');
  const numbersB = numberTokens(tokensB).join(' ');
  if (numbersA !== numbersB && (numbersA || numbersB)) return { relation: 'different_number', detail: `${numbersA || 'none'} vs ${numbersB || 'none'}` };
  const setA = new Set(tokensA);
  const setB = new Set(tokensB);
  const onlyA = tokensA.filter((t) => !setB.has(t));
  const onlyB = tokensB.filter((t) => !setA.has(t));
  const distinct = [...onlyA, ...onlyB].find((t) => DISTINCT_ENTITY_WORDS.has(t));
  if (distinct && onlyA.length + onlyB.length < tokensA.length + tokensB.length) return { relation: 'distinct_entity', detail: distinct };
  if (a.key === b.key) return { relation: 'same', detail: a.key };
  const acronymA = a.isAcronym ? a.key : null;
  const acronymB = b.isAcronym ? b.key : null;
  if ((acronymA && acronymA === b.acronym) || (acronymB && acronymB === a.acronym)) return { relation: 'acronym', detail: (acronymA ?? acronymB ?? '').toUpperCase() };
  const shared = tokensA.filter((t) => setB.has(t) && !GENERIC_WORDS.has(t));
  if (shared.length === 0) return { relation: 'unrelated', detail: '' };
  const extra = onlyA.length === 0 ? onlyB : onlyB.length === 0 ? onlyA : null;
  if (!extra) return { relation: 'unrelated', detail: '' };
  if (extra.every((t) => GENERIC_WORDS.has(t))) return { relation: 'generic_variant', detail: extra.join(' ') };
  return { relation: 'parent_subsidiary', detail: extra.join(' ') };
}

function bestPairing(a: RecordFeatures, b: RecordFeatures): OrgNamePairing | null {
  let best: OrgNamePairing | null = null;
  for (const nameA of a.names)
    for (const nameB of b.names) {
      const { relation, detail } = relate(nameA, nameB);
      if (!best || RELATION_RANK[relation] > RELATION_RANK[best.relation]) best = { relation, a: nameA, b: nameB, detail };
    }
  return best;
}

export function compareOrganizations(a: RecordFeatures, b: RecordFeatures): EvidenceCollector {
  const collector = new EvidenceCollector();
  const names = bestPairing(a, b);
  const domain = a.domains.find((d) => b.domains.includes(d)) ?? null;
  const linkedin = a.linkedins.find((l) => b.linkedins.includes(l));
  if (linkedin) collector.support('same_linkedin', `same LinkedIn page ${linkedin}`, { identifier: true });
  else if (a.linkedins.length > 0 && b.linkedins.length > 0) collector.oppose('different_linkedin', `different LinkedIn pages (${a.linkedins[0]} vs ${b.linkedins[0]})`);

  let samePhone: string | null = null;
  for (const phone of a.phones) {
    const other = b.phones.find((p) => p.e164 === phone.e164);
    if (!other) continue;
    const shown = formatPhone(phone.e164);
    // An organization's main line identifies it, unless several organizations share it (a serviced office).
    if (phone.observedShared || other.observedShared) collector.shared('shared_phone', `${shown} is shared by several organizations: not evidence on its own`);
    else if (phone.extension !== null || other.extension !== null) collector.shared('shared_phone', `${shown} is an extension behind a switchboard: not evidence on its own`);
    else samePhone = shown;
  }

  if (domain) collector.support('same_website_domain', `both use ${domain}`);
  if (names) {
    const both = `${names.a.raw} and ${names.b.raw}`;
    switch (names.relation) {
      case 'same':
        collector.support('same_organization_name', `${both} normalize to "${names.a.key}"`);
        if (samePhone) collector.support('same_name_same_main_line', `${both}, both reached on ${samePhone}`);
        if (!domain && a.domains.length > 0 && b.domains.length > 0) collector.oppose('different_websites', `same name but different domains (${a.domains[0]} vs ${b.domains[0]})`);
        break;
      case 'acronym':
      case 'generic_variant': {
        const how = names.relation === 'acronym' ? `${names.detail} is the acronym` : `the same name plus "${names.detail}"`;
        if (domain) collector.support('name_variant_same_domain', `${both}: ${how}, both on ${domain}`);
        else collector.support('name_variant', `${both}: ${how}`);
        break;
      }
      case 'distinct_entity':
        collector.oppose('distinct_entity', `${both}: "${names.detail}" makes a different investor`);
        break;
      case 'different_number':
        collector.oppose('different_fund_number', `${both}: different fund numbers (${names.detail})`);
        break;
      case 'parent_subsidiary':
        collector.oppose('parent_subsidiary', `${both}: one adds "${names.detail}" (parent and subsidiary?)`);
        if (domain || samePhone) break;
        collector.support('name_variant', `${both}: one name contains the other`);
        break;
      case 'unrelated':
        if (domain) collector.oppose('different_names_same_domain', `${both} are different names on ${domain}`);
        break;
    }
  }
  if (samePhone && names?.relation !== 'same') collector.support('same_phone', `both reached on ${samePhone}`);
  return collector;
}
