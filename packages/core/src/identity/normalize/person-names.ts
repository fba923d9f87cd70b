import { nicknameForms } from './nicknames.js';
import { asciiForms, foldAccents, memoize, repairMojibake } from './text.js';

/**
 * Person names as sources write them: "MÜLLER, Jürgen", "Dr. J. Robert Smith Jr., CFA", "Jane Smith (née Doe)",
 * "van der Berg". The result keeps every plausible comparison form: surnames with and without particles,
 * transliterated (Müller → mueller, muller), double surnames whole and split; first names with nicknames.
 */
export interface ParsedPersonName {
  /** Folded first name ('' when unknown); an initial is one letter. */
  first: string;
  middle: string[];
  /** Folded surname as written, particles included ("van der berg"). */
  last: string;
  /** Every surname form to compare on (no spaces): vanderberg, berg, smithjones, smith, jones, maiden names. */
  lastForms: string[];
  /** Every form the first name may take: itself, transliterations, nicknames (and the middle name when the first is an initial). */
  firstForms: string[];
  /** Initials of first and middle names, e.g. "jr" for John Robert. */
  initials: string;
  /** Generational suffix (jr, sr, ii, iii, iv…), null when none. */
  suffix: string | null;
  credentials: string[];
  /** "first last" folded: the display comparison key. */
  key: string;
}

const TITLES: ReadonlySet<string> = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'mx', 'prof', 'professor', 'sir', 'dame', 'hon', 'rev', 'lord', 'lady', 'herr', 'frau', 'mme', 'mlle', 'm']);
const GENERATIONAL: Readonly<Record<string, string>> = { jr: 'jr', junior: 'jr', sr: 'sr', senior: 'sr', ii: 'ii', '2nd': 'ii', iii: 'iii', '3rd': 'iii', iv: 'iv', '4th': 'iv', v: 'v' };
const CREDENTIALS: ReadonlySet<string> = new Set([
  'phd', 'md', 'cfa', 'cpa', 'jd', 'mba', 'esq', 'caia', 'frm', 'cfp', 'chfc', 'clu', 'dds', 'dmd', 'llm', 'msc', 'ma', 'bsc', 'ba', 'obe', 'mbe', 'cbe', 'kbe', 'qc', 'kc', 'pe', 'rn', 'aca', 'acca', 'fca', 'cima', 'dphil', 'edd',
]);
/** Surname particles, lower-case; multi-word ones are handled by consuming consecutive particles. */
const PARTICLES: ReadonlySet<string> = new Set(['van', 'von', 'de', 'der', 'den', 'da', 'di', 'du', 'la', 'le', 'del', 'della', 'des', 'dos', 'das', 'do', 'ter', 'ten', 'bin', 'ibn', 'al', 'el', 'af', 'zu', 'st', 'saint']);
const MAIDEN = /\(?\s*\b(?:n[ée]e|born|geb\.?|geborene|formerly)\s+([^()]+?)\s*\)?\s*$/i;
const PARENTHESES = /\([^)]*\)/g;
const TOKEN_EDGE = /^[^\p{L}\p{N}'’-]+|[^\p{L}\p{N}'’.-]+$/gu;
const APOSTROPHES = /['’`]/g;
const DOT = /\./g;
const SPACES = /\s+/;

function bare(token: string): string {
  return foldAccents(token).replace(DOT, '').replace(APOSTROPHES, '');
}

const isSuffixOrCredential = (token: string) => {
  const b = bare(token);
  return b in GENERATIONAL || CREDENTIALS.has(b);
};

/** Splits "Smith, Jane M." into [given part, family part]; "Jane Smith, PhD" keeps the credential with the name. */
function splitComma(name: string): { given: string; family: string | null; trailing: string[] } {
  const parts = name.split(',').map((p) => p.trim()).filter(Boolean);
  const trailing: string[] = [];
  while (parts.length > 1 && (parts.at(-1) ?? '').split(SPACES).every(isSuffixOrCredential)) trailing.unshift(...(parts.pop() ?? '').split(SPACES));
  if (parts.length >= 2) return { given: parts.slice(1).join(' '), family: parts[0] ?? null, trailing };
  return { given: parts[0] ?? '', family: null, trailing };
}

function tokens(text: string): string[] {
  return text
    .split(SPACES)
    .map((t) => t.replace(TOKEN_EDGE, ''))
    .filter((t) => t.length > 0);
}

/** Surname forms: with and without particles, joined, hyphen halves, each in every ASCII spelling. */
const surnameFormsMemo = memoize((joined) => computeSurnameForms(joined.split(' ')));
const surnameForms = (surnameTokens: string[]): string[] => surnameFormsMemo(surnameTokens.join(' '));

function computeSurnameForms(surnameTokens: string[]): string[] {
  const forms = new Set<string>();
  const folded = surnameTokens.map((t) => t.toLowerCase().replace(APOSTROPHES, '').replace(DOT, ''));
  let core = folded;
  while (core.length > 1 && PARTICLES.has(foldAccents(core[0] ?? ''))) core = core.slice(1);
  const variants = [folded.join(''), core.join('')];
  for (const word of core.join(' ').split(/[\s-]+/)) if (word.length > 1) variants.push(word);
  for (const variant of variants)
    for (const ascii of asciiForms(variant)) {
      const compact = ascii.replaceAll('-', '').replaceAll(' ', '');
      if (compact) forms.add(compact);
      // Umlauts already written as ue/oe/ae ("Mueller") also compare with the plain-vowel form ("Muller").
      const plain = compact.replace(/([^aeiou])(u|o|a)e/g, '$1$2');
      if (plain !== compact && plain.length >= 4) forms.add(plain);
    }
  return [...forms];
}

const givenForms = memoize(computeGivenForms);

function computeGivenForms(given: string): string[] {
  const forms = new Set<string>();
  for (const ascii of asciiForms(given.replace(APOSTROPHES, '').replace(DOT, ''))) {
    for (const part of [ascii, ...ascii.split('-')]) {
      if (!part) continue;
      for (const nick of nicknameForms(part)) forms.add(nick);
      // "Bjoern" written in ASCII also compares with "Bjorn".
      const plain = part.replace(/([^aeiou])(u|o|a)e/g, '$1$2');
      if (plain !== part && plain.length >= 4) forms.add(plain);
    }
  }
  return [...forms];
}

/** Results are memoized and shared: treat them as read-only. */
export function parsePersonName(input: { name?: string | null; firstName?: string | null; lastName?: string | null }): ParsedPersonName {
  return parseMemo(`${input.name ?? ''}\u0000${input.firstName ?? ''}\u0000${input.lastName ?? ''}`);
}

const parseMemo = memoize((key) => {
  const [name, firstName, lastName] = key.split('\u0000');
  return computePersonName({ name, firstName, lastName });
});

function computePersonName(input: { name?: string | null; firstName?: string | null; lastName?: string | null }): ParsedPersonName {
  let maiden: string | null = null;
  const take = (text: string | null | undefined) => {
    let value = repairMojibake(text ?? '').trim();
    const found = MAIDEN.exec(value);
    if (found) {
      maiden = found[1] ?? null;
      value = value.slice(0, found.index).trim();
    }
    return value.replace(PARENTHESES, ' ').trim();
  };
  let givenTokens: string[];
  let familyTokens: string[];
  const trailing: string[] = [];
  const firstName = take(input.firstName);
  const lastName = take(input.lastName);
  if (firstName || lastName) {
    givenTokens = tokens(firstName);
    familyTokens = tokens(lastName);
  } else {
    const split = splitComma(take(input.name));
    trailing.push(...split.trailing);
    if (split.family !== null) {
      givenTokens = tokens(split.given);
      familyTokens = tokens(split.family);
    } else {
      const all = tokens(split.given);
      // Trailing suffixes/credentials first, so "John Smith Jr" keeps Smith as the surname.
      while (all.length > 1 && isSuffixOrCredential(all.at(-1) ?? '')) trailing.unshift(all.pop() ?? '');
      let start = all.length - 1;
      while (start > 1 && PARTICLES.has(bare(all[start - 1] ?? ''))) start -= 1;
      givenTokens = all.slice(0, Math.max(start, all.length > 1 ? start : 0));
      familyTokens = all.length > 1 ? all.slice(start) : all;
      if (all.length === 1) givenTokens = [];
    }
  }
  const credentials: string[] = [];
  let suffix: string | null = null;
  const classify = (token: string): boolean => {
    const b = bare(token);
    const generation = GENERATIONAL[b];
    if (generation && !(b === 'v' && token === token.toLowerCase())) {
      suffix = generation;
      return true;
    }
    if (CREDENTIALS.has(b)) {
      credentials.push(b);
      return true;
    }
    return false;
  };
  for (const token of trailing) classify(token);
  while (givenTokens.length > 0 && TITLES.has(bare(givenTokens[0] ?? '')) && givenTokens.length + familyTokens.length > 1) givenTokens.shift();
  givenTokens = givenTokens.filter((t) => !(givenTokens.length > 1 && classify(t) && t !== givenTokens[0]));
  while (familyTokens.length > 1 && classify(familyTokens.at(-1) ?? '')) familyTokens.pop();
  if (familyTokens.length === 1 && givenTokens.length === 0 && TITLES.has(bare(familyTokens[0] ?? ''))) familyTokens = [];

  const given = givenTokens.map((t) => foldAccents(t).replace(DOT, '').replace(APOSTROPHES, ''));
  const first = given[0] ?? '';
  const middle = given.slice(1);
  const last = familyTokens.map((t) => foldAccents(t).replace(APOSTROPHES, '')).join(' ');
  const lastForms = new Set(familyTokens.length ? surnameForms(familyTokens) : []);
  const maidenName: string | null = maiden;
  if (maidenName) for (const form of surnameForms(tokens(maidenName))) lastForms.add(form);
  // "Jane Doe Smith": a full middle name may be a maiden name written before the married one.
  // (Not when the first name is an initial: "J. Robert Smith" goes by Robert.)
  for (const [index, name] of middle.entries())
    if (name.length > 2 && !(index === 0 && first.length === 1)) for (const form of surnameForms([name])) lastForms.add(form);

  const firstForms = new Set<string>();
  if (givenTokens[0]) for (const form of givenForms(givenTokens[0])) firstForms.add(form);
  // "J. Robert Smith" goes by Robert.
  if (first.length === 1 && givenTokens[1] && bare(givenTokens[1]).length > 1) for (const form of givenForms(givenTokens[1])) firstForms.add(form);
  const initials = given.map((g) => g[0] ?? '').join('');
  return {
    first,
    middle,
    last,
    lastForms: [...lastForms],
    firstForms: [...firstForms],
    initials,
    suffix,
    credentials,
    key: [first, last].filter(Boolean).join(' '),
  };
}

/** How two first names relate: the same (or a transliteration), nicknames, one an initial of the other, unknown, or different. */
export type FirstNameRelation = 'equal' | 'nickname' | 'initial' | 'unknown' | 'conflict';

export function firstNameRelation(a: ParsedPersonName | { first: string; firstForms: string[] }, b: { first: string; firstForms: string[] }): FirstNameRelation {
  if (!a.first || !b.first) return 'unknown';
  if (a.first === b.first) return 'equal';
  if (a.first.length === 1 || b.first.length === 1) {
    const [initial, other] = a.first.length === 1 ? [a.first, b] : [b.first, a];
    if (other.first.startsWith(initial) || other.firstForms.some((f) => f.startsWith(initial))) return 'initial';
    // "J. Robert Smith" vs "Robert Smith": the initial side's forms include the middle name.
    const initialSide = a.first.length === 1 ? a : b;
    if (initialSide.firstForms.some((f) => f.length > 1 && other.firstForms.includes(f))) return 'nickname';
    return 'conflict';
  }
  if (a.firstForms.some((f) => b.firstForms.includes(f))) return 'nickname';
  return 'conflict';
}
