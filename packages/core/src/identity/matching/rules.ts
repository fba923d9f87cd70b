/**
 * The matching rules, documented for people (docs, the `why` screen). Each rule yields evidence with a
 * direction: `for` a match (its confidence), `against` (caps the verdict), or `shared` (recognised as
 * shared by several entities: confidence 0, never merges on its own). A verdict's confidence is the
 * strongest `for` evidence, capped by the strictest applicable `against` evidence.
 */
export interface MatchRule {
  id: string;
  appliesTo: 'person' | 'organization' | 'both';
  direction: 'for' | 'against' | 'shared';
  /** For `for` rules the confidence; for `against` rules the cap they put on the verdict. */
  confidence: number;
  description: string;
}

export const RULES = [
  {
    id: 'same_personal_email',
    appliesTo: 'person',
    direction: 'for',
    confidence: 1,
    description:
      'Both use the same email address (after provider rules: Gmail dots and +tags, googlemail.com), and it is neither a role mailbox nor shared by people with different names.',
  },
  { id: 'same_linkedin', appliesTo: 'both', direction: 'for', confidence: 1, description: 'The same LinkedIn profile or company page.' },
  {
    id: 'same_direct_phone',
    appliesTo: 'person',
    direction: 'for',
    confidence: 0.95,
    description: 'The same direct phone number (E.164), not a main line, a number with an extension or a number seen on several entities.',
  },
  {
    id: 'same_name_same_organization',
    appliesTo: 'person',
    direction: 'for',
    confidence: 0.9,
    description:
      'The same surname (any form: accents, transliteration, particles, double or maiden names) and a compatible first name (equal, a nickname or an initial) at the same organization (name, acronym or email domain).',
  },
  {
    id: 'same_name_same_domain',
    appliesTo: 'person',
    direction: 'for',
    confidence: 0.85,
    description: 'The same full name (first name equal or a nickname) and the same non-free email domain.',
  },
  {
    id: 'same_name_same_city',
    appliesTo: 'person',
    direction: 'for',
    confidence: 0.6,
    description: 'The same full name in the same city and nothing else: a suggestion, never an automatic merge.',
  },
  {
    id: 'same_name_only',
    appliesTo: 'person',
    direction: 'for',
    confidence: 0.4,
    description: 'The same full name and nothing else: shown in explanations, never suggested.',
  },
  {
    id: 'same_organization_name',
    appliesTo: 'organization',
    direction: 'for',
    confidence: 0.95,
    description: 'The same organization name after normalization (legal suffixes, "The", "&"/"and", abbreviations, "University of X").',
  },
  {
    id: 'name_variant_same_domain',
    appliesTo: 'organization',
    direction: 'for',
    confidence: 0.95,
    description:
      'Name variants (an acronym of the other, or the same name plus generic words such as Group or Partners) with the same website or email domain.',
  },
  {
    id: 'same_name_same_main_line',
    appliesTo: 'organization',
    direction: 'for',
    confidence: 0.95,
    description: 'The same normalized name and the same main phone line.',
  },
  {
    id: 'same_website_domain',
    appliesTo: 'organization',
    direction: 'for',
    confidence: 0.9,
    description: 'The same website (registrable domain) or organization email domain.',
  },
  {
    id: 'name_variant',
    appliesTo: 'organization',
    direction: 'for',
    confidence: 0.6,
    description: 'Name variants (acronym, name plus generic words) without a shared domain: a suggestion.',
  },
  { id: 'same_phone', appliesTo: 'organization', direction: 'for', confidence: 0.7, description: 'The same phone number and nothing else: a suggestion.' },
  {
    id: 'shared_email',
    appliesTo: 'both',
    direction: 'shared',
    confidence: 0,
    description: 'A role mailbox (info@, ir@, …) or an address used by people with different names (joint or family email): never evidence on its own.',
  },
  {
    id: 'shared_phone',
    appliesTo: 'both',
    direction: 'shared',
    confidence: 0,
    description: 'A main line, switchboard, number with an extension or number seen on several entities: never evidence on its own.',
  },
  {
    id: 'shared_domain',
    appliesTo: 'person',
    direction: 'shared',
    confidence: 0,
    description: 'A non-free email domain used by several people (a firm or family office): only counts together with the same name.',
  },
  {
    id: 'different_first_name',
    appliesTo: 'person',
    direction: 'against',
    confidence: 0.5,
    description:
      'First names that are neither equal, nicknames nor initials of each other (Jane vs John): capped below the suggestion threshold, even with a shared email.',
  },
  {
    id: 'different_generation',
    appliesTo: 'person',
    direction: 'against',
    confidence: 0.3,
    description: 'Different generational suffixes (Jr vs Sr, II vs III): different people.',
  },
  { id: 'different_linkedin', appliesTo: 'both', direction: 'against', confidence: 0.5, description: 'Both have LinkedIn profiles and they differ.' },
  {
    id: 'different_work_email',
    appliesTo: 'person',
    direction: 'against',
    confidence: 0.85,
    description: 'Different individual addresses at the same non-free domain: name-based rules may only suggest.',
  },
  {
    id: 'distinct_entity',
    appliesTo: 'organization',
    direction: 'against',
    confidence: 0.3,
    description: 'One name adds Foundation, Trust, Endowment, Pension…: a firm and its foundation are different investors.',
  },
  {
    id: 'different_fund_number',
    appliesTo: 'organization',
    direction: 'against',
    confidence: 0.3,
    description: 'Different fund numbers (Fund II vs Fund III).',
  },
  {
    id: 'parent_subsidiary',
    appliesTo: 'organization',
    direction: 'against',
    confidence: 0.6,
    description: 'One name contains the other plus distinguishing words (Blackstone vs Blackstone Real Estate): at most a suggestion.',
  },
  {
    id: 'different_names_same_domain',
    appliesTo: 'organization',
    direction: 'against',
    confidence: 0.5,
    description: 'Unrelated names on the same domain (a shared host, a holding company\'s site): below the suggestion threshold.',
  },
  {
    id: 'different_websites',
    appliesTo: 'organization',
    direction: 'against',
    confidence: 0.6,
    description: 'The same name but different website domains: possibly two firms with one name, at most a suggestion.',
  },
  { id: 'different_kind', appliesTo: 'both', direction: 'against', confidence: 0, description: 'A person and an organization never match.' },
] as const satisfies readonly MatchRule[];

export type MatchRuleId = (typeof RULES)[number]['id'];

const BY_ID = new Map<string, MatchRule>(RULES.map((rule) => [rule.id, rule]));

/** The rule's confidence (for `for` rules) or cap (for `against` rules). */
export function ruleConfidence(id: MatchRuleId): number {
  return BY_ID.get(id)?.confidence ?? 0;
}
