import { memoize, repairMojibake, transliterate } from './text.js';

/**
 * Organization names to a comparison key: "The Acme Capital Mgmt., L.L.C." and "Acme Capital Management"
 * both become "acme capital management". Legal suffixes, a leading "The", "&"/"and"/"+" and common
 * abbreviations are resolved; words that distinguish investors are kept: "Foundation" (a firm and its
 * foundation are different investors) and fund numbers ("Fund II" ≠ "Fund III"; roman and arabic agree).
 */
export interface NormalizedOrganizationName {
  /** Canonical comparison key, e.g. "acme capital management". */
  key: string;
  tokens: string[];
  /** Initials of the significant words ("kpcb"), or the name itself when it is written as an acronym; null when not meaningful. */
  acronym: string | null;
  /** True when the name as written is an acronym ("KPCB", "K.P.C.B."). */
  isAcronym: boolean;
  raw: string;
}

/** Legal-form suffixes as token sequences (after dots are removed), longest first. */
const LEGAL_SUFFIXES: readonly string[][] = [
  'gmbh and company kg', 'gmbh and co kg', 'gmbh co kg', 'ag and co kg', 'pty ltd', 'pty limited', 'pte ltd', 'sdn bhd', 's p a', 's a s', 's a r l', 's a', 'b v', 'n v', 'l p', 'l l c', 'l l p',
  'llc', 'lp', 'llp', 'lllp', 'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'ltd', 'limited', 'plc', 'gmbh', 'ag', 'sa', 'sas', 'sarl', 'bv',
  'nv', 'stichting', 'kg', 'kgaa', 'oy', 'oyj', 'ab', 'as', 'asa', 'aps', 'spa', 'srl', 'sl', 'kk', 'gk', 'sca', 'scs', 'se', 'ohg', 'ug', 'pc', 'pllc', 'lda', 'sarl', 'sprl', 'bvba', 'vof', 'ev', 'pty', 'pte',
]
  .map((s) => s.split(' '))
  .sort((a, b) => b.length - a.length);
/** Legal forms sometimes written in front ("Stichting Pensioenfonds X"). */
const LEADING_LEGAL: ReadonlySet<string> = new Set(['stichting']);

/** Abbreviation → canonical word (applied token by token, both ways: "Cap." and "Capital" meet at "capital"). */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  cap: 'capital', mgmt: 'management', mgt: 'management', mngt: 'management', ptnrs: 'partners', ptrs: 'partners', partner: 'partners',
  assoc: 'associates', assocs: 'associates', inv: 'investments', invest: 'investments', investment: 'investments', intl: 'international',
  int: 'international', hldgs: 'holdings', hldg: 'holdings', holding: 'holdings', bros: 'brothers', co: 'company', univ: 'university',
  fdn: 'foundation', fndn: 'foundation', grp: 'group', svcs: 'services', svc: 'services', mgr: 'managers', advs: 'advisors', adv: 'advisors',
  advisers: 'advisors', adviser: 'advisors', advisor: 'advisors', tech: 'technology', technologies: 'technology', ventures: 'ventures', venture: 'ventures',
  fam: 'family', natl: 'national', assn: 'association', inst: 'institute', mfg: 'manufacturing', dept: 'department', am: 'asset management',
  fo: 'family office', sfo: 'single family office', mfo: 'multi family office', ';': '',
};
const ROMAN: Readonly<Record<string, string>> = { i: '1', ii: '2', iii: '3', iv: '4', v: '5', vi: '6', vii: '7', viii: '8', ix: '9', x: '10', xi: '11', xii: '12', xiii: '13', xiv: '14', xv: '15' };
const ORDINAL_CONTEXT: ReadonlySet<string> = new Set(['fund', 'partners', 'ventures', 'capital', 'investors', 'opportunities', 'lp', 'series']);
const ACRONYM_SKIP: ReadonlySet<string> = new Set(['and', 'of', 'the', 'for', 'de', 'du', 'des', 'la', 'le', 'und', 'et', 'y']);

const AMPERSAND = /\s*[&+]\s*/g;
const DOTTED_ACRONYM = /\b(?:[a-z]\.){2,}/g;
const DOTS = /[.'’`]/g;
const NON_WORD = /[^a-z0-9]+/g;
const WRITTEN_ACRONYM = /^[A-Z]{2,6}$|^(?:[A-Z]\.){2,6}$/;

function stripLegalSuffixes(tokens: string[]): string[] {
  let result = tokens;
  let changed = true;
  while (changed && result.length > 1) {
    changed = false;
    for (const suffix of LEGAL_SUFFIXES) {
      if (suffix.length >= result.length) continue;
      const tail = result.slice(-suffix.length);
      if (tail.every((t, i) => t === suffix[i])) {
        result = result.slice(0, -suffix.length);
        while (result.length > 1 && result.at(-1) === 'and') result = result.slice(0, -1);
        changed = true;
        break;
      }
    }
  }
  while (result.length > 1 && LEADING_LEGAL.has(result[0] ?? '')) result = result.slice(1);
  return result;
}

/** Results are memoized and shared: treat them as read-only. */
export function normalizeOrganizationName(raw: string): NormalizedOrganizationName {
  return normalizeMemo(raw);
}

const normalizeMemo = memoize(computeOrganizationName);

function computeOrganizationName(raw: string): NormalizedOrganizationName {
  const repaired = repairMojibake(raw).trim();
  const isAcronym = WRITTEN_ACRONYM.test(repaired.replace(/\s+/g, ''));
  let text = transliterate(repaired);
  text = text.replace(AMPERSAND, ' and ');
  text = text.replace(DOTTED_ACRONYM, (m) => `${m.replace(DOTS, '')} `);
  text = text.replace(DOTS, ' ').replace(NON_WORD, ' ').trim();
  let tokens = text.split(' ').filter(Boolean);
  if (tokens.length > 1 && tokens[0] === 'the') tokens = tokens.slice(1);
  tokens = stripLegalSuffixes(tokens);
  const expanded: string[] = [];
  for (const [index, token] of tokens.entries()) {
    const previous = expanded.at(-1) ?? '';
    if (index > 0 && ROMAN[token] && (ORDINAL_CONTEXT.has(previous) || index === tokens.length - 1) && token !== 'i') {
      expanded.push(ROMAN[token] ?? token);
      continue;
    }
    if (token === 'i' && ORDINAL_CONTEXT.has(previous)) {
      expanded.push('1');
      continue;
    }
    const canonical = index === 0 && tokens.length === 1 ? token : (ABBREVIATIONS[token] ?? token);
    if (canonical) expanded.push(...canonical.split(' '));
  }
  tokens = expanded;
  // "University of Oxford" and "Oxford University" meet at "oxford university".
  if (tokens[0] === 'university' && tokens[1] === 'of' && tokens.length > 2) tokens = [...tokens.slice(2), 'university'];
  const significant = tokens.filter((t) => !ACRONYM_SKIP.has(t) && !/^\d+$/.test(t));
  let acronym: string | null = null;
  if (isAcronym && tokens.length === 1) acronym = tokens[0] ?? null;
  else if (significant.length >= 3) acronym = significant.map((t) => t[0]).join('');
  return { key: tokens.join(' '), tokens, acronym, isAcronym: isAcronym && tokens.length === 1, raw };
}

/** Words that make an organization a different investor from the one whose name it contains. */
export const DISTINCT_ENTITY_WORDS: ReadonlySet<string> = new Set(['foundation', 'trust', 'charitable', 'endowment', 'stiftung', 'fondation', 'fundacion', 'fondazione', 'pension', 'pensioenfonds', 'pensionskasse', 'scholarship', 'philanthropies', 'charity']);

/** Fund numbers and other digits in a key: "acme fund 2" → ["2"]. */
export function numberTokens(tokens: readonly string[]): string[] {
  return tokens.filter((t) => /^\d+$/.test(t));
}
