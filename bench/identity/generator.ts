import type { IdentitySourceRecordInput } from '@lpdesk/contracts';
import { Random } from './random.js';
import { emailVariant, type PersonTruth, personNameVariant, phoneVariant, slug, websiteVariant } from './variants.js';
import { CITIES, FIRM_STEMS, FIRM_TYPES, FREE_MAIL, GIVEN_NAMES, LEGAL_SUFFIXES, STEM_ENDINGS, SUBSIDIARY_WORDS, SURNAMES, UNIVERSITY_PLACES } from './words.js';

/**
 * A synthetic fund CRM's worth of source records with ground truth (which records are one real investor or
 * person). Deterministic from the seed. Besides easy duplicates it plants the hard cases: movers, maiden →
 * married names, office main lines and role mailboxes on many people, a joint email used by two spouses,
 * same-name different people, father and son (Sr/Jr), parent/subsidiary firms, a firm vs its foundation,
 * Fund II vs Fund III, and singletons.
 */
export interface IdentityDataset {
  records: IdentitySourceRecordInput[];
  /** "source:externalId" → true cluster id. */
  truth: Map<string, string>;
}

const SOURCES = ['csv', 'legacy', 'email', 'manual', 'airtable', 'card'] as const;
const OBSERVED_BASE = Date.UTC(2024, 0, 1);

interface Firm {
  id: string;
  stem: string;
  type: (typeof FIRM_TYPES)[number] | null;
  /** Full canonical name, e.g. "Harborview Capital" or "Kleiner Perkins Caufield & Byers". */
  name: string;
  legal: string;
  domain: string;
  mainLine: string;
  city: (typeof CITIES)[number];
  acronymable: boolean;
}

interface Person extends PersonTruth {
  id: string;
  firms: Firm[];
  personalEmail: string | null;
  workEmails: string[];
  linkedin: string | null;
  mobile: string | null;
  city: (typeof CITIES)[number];
  jointEmail: string | null;
}

class World {
  readonly random: Random;
  readonly records: IdentitySourceRecordInput[] = [];
  readonly truth = new Map<string, string>();
  private counter = 0;
  private phoneCounter = 0;
  private usedStems = new Set<string>();
  private usedEmails = new Set<string>();
  readonly firms: Firm[] = [];

  constructor(seed: number) {
    this.random = new Random(seed);
  }

  emit(clusterId: string, record: Omit<IdentitySourceRecordInput, 'source' | 'externalId'>, source: string = this.random.pick(SOURCES)): void {
    this.counter += 1;
    const externalId = `${source}-${this.counter.toString(36)}`;
    const observedAt = new Date(OBSERVED_BASE + this.counter * 60_000).toISOString();
    this.records.push({ source, externalId, observedAt, ...record } as IdentitySourceRecordInput);
    this.truth.set(`${source}:${externalId}`, clusterId);
  }

  /** A unique, valid direct number in the city's country. */
  phone(city: (typeof CITIES)[number]): string {
    this.phoneCounter += 1;
    const n = this.phoneCounter;
    const four = String(n % 10000).padStart(4, '0');
    const block = 200 + (Math.floor(n / 10000) % 700);
    switch (city.dial) {
      case 'US':
        return `+1${['212', '415', '617', '312', '305', '646', '650'][n % 7]}${block}${four}`;
      case 'GB':
        return `+4420${7000 + (Math.floor(n / 10000) % 2000)}${four}`;
      case 'DE':
        return `+4989${block}${four}${n % 10}`;
      case 'FR':
        return `+331${String(40000000 + n).slice(0, 8)}`;
      default:
        return `+4144${block}${four}`;
    }
  }

  uniqueEmail(local: string, domain: string): string {
    let address = `${local}@${domain}`;
    for (let i = 2; this.usedEmails.has(address); i += 1) address = `${local}${i}@${domain}`;
    this.usedEmails.add(address);
    return address;
  }

  newFirm(): Firm {
    const random = this.random;
    let stem = '';
    let acronymable = false;
    let type: Firm['type'] = random.pick(FIRM_TYPES);
    if (random.chance(0.08)) {
      // "Kleiner Perkins Caufield & Byers": several founders' names, known by an acronym.
      const names = [random.pick(SURNAMES), random.pick(SURNAMES), random.pick(SURNAMES)].map((s) => s.replace(/^(van der|van den|van|von|de la|de|da|dos|di|le|bin) /i, ''));
      stem = `${names[0]} ${names[1]} & ${names[2]}`;
      acronymable = true;
      type = null;
    } else if (random.chance(0.05)) {
      stem = `University of ${random.pick(UNIVERSITY_PLACES)}`;
      type = null;
    } else {
      stem = `${random.pick(FIRM_STEMS)}${random.pick(STEM_ENDINGS)}`;
      if (random.chance(0.15)) stem = `${random.pick(SURNAMES)} ${stem}`;
    }
    const key = `${stem}|${type?.type ?? ''}`;
    if (this.usedStems.has(stem) || this.usedStems.has(key)) return this.newFirm();
    this.usedStems.add(stem);
    const name = type ? `${stem} ${type.type}` : stem;
    const domain = `${slug(stem.replace(/University of /, ''))}${stem.startsWith('University') ? 'university.edu' : type ? `${slug(type.type).slice(0, 3)}.com` : '.com'}`;
    const city = random.pick(CITIES);
    const firm: Firm = { id: `org-${this.firms.length}`, stem, type, name, legal: random.pick(LEGAL_SUFFIXES), domain, mainLine: this.phone(city), city, acronymable };
    this.firms.push(firm);
    return firm;
  }
}

/** The firm's name as one source writes it. */
function firmNameVariant(random: Random, firm: Firm, allowAcronym: boolean): string {
  if (allowAcronym && firm.acronymable && random.chance(0.35)) {
    const acronym = firm.stem.split(/\s+|&/).filter((w) => /^[A-Za-zÀ-ž]/.test(w)).map((w) => w[0]?.toUpperCase()).join('');
    return random.chance(0.3) ? acronym.split('').join('.') + '.' : acronym;
  }
  let name = firm.stem;
  if (firm.acronymable && random.chance(0.4)) name = name.replace(' & ', ' and ');
  if (firm.stem.startsWith('University of ') && random.chance(0.4)) name = `${firm.stem.slice('University of '.length)} University`;
  if (firm.type) name = `${name} ${firm.type.abbreviations.length && random.chance(0.3) ? random.pick(firm.type.abbreviations) : firm.type.type}`;
  if (random.chance(0.5)) name = `${name}${random.chance(0.5) ? ',' : ''} ${firm.legal}`;
  if (random.chance(0.1)) name = `The ${name}`;
  if (random.chance(0.07)) name = name.toUpperCase();
  return name;
}

const RECORDS_PER_CLUSTER = [40, 25, 15, 10, 6, 4];

function emitFirm(world: World, firm: Firm): void {
  const random = world.random;
  const count = 1 + random.weighted([45, 30, 15, 10]);
  for (let i = 0; i < count; i += 1) {
    const hasWebsite = random.chance(0.75);
    const name = firmNameVariant(random, firm, hasWebsite);
    const emails = random.chance(0.25) || !hasWebsite ? [`${random.pick(['info', 'ir', 'contact', 'office'])}@${firm.domain}`] : [];
    const phones = random.chance(0.4) ? [phoneVariant(random, firm.mainLine, null, random.chance(0.5) ? 'Main' : null)] : [];
    world.emit(firm.id, { kind: 'organization', name, website: hasWebsite ? websiteVariant(random, firm.domain) : null, emails, phones, city: firm.city.city, country: firm.city.country });
  }
}

/** Related but distinct organizations: subsidiary, foundation, a numbered fund. */
function emitRelatedOrganizations(world: World, firm: Firm): void {
  const random = world.random;
  const roll = random.next();
  let name: string;
  let domain: string;
  if (roll < 0.4) {
    name = `${firm.name} ${random.pick(SUBSIDIARY_WORDS)}`;
    domain = random.chance(0.6) ? firm.domain : `${slug(name)}.com`;
  } else if (roll < 0.75) {
    name = random.chance(0.5) ? `${firm.stem} Foundation` : `${firm.name} Foundation`;
    domain = random.chance(0.5) ? firm.domain : `${slug(firm.stem)}foundation.org`;
  } else {
    const number = random.int(2, 5);
    name = `${firm.name} Fund ${['I', 'II', 'III', 'IV', 'V'][number - 1]}`;
    domain = firm.domain;
    world.emit(`${firm.id}-fund-${number + 1}`, { kind: 'organization', name: `${firm.name} Fund ${number + 1}, L.P.`, website: domain, emails: [], phones: [] });
  }
  const id = `${firm.id}-related`;
  const count = 1 + random.weighted([60, 40]);
  for (let i = 0; i < count; i += 1)
    world.emit(id, { kind: 'organization', name: i === 0 ? name : `${name}${random.chance(0.5) ? ', Inc.' : ''}`, website: websiteVariant(random, domain), emails: [], phones: [] });
}

function newPerson(world: World, index: number, firm: Firm, overrides: Partial<Person> = {}): Person {
  const random = world.random;
  const given = overrides.given ?? random.pick(GIVEN_NAMES);
  const last = overrides.last ?? random.pick(SURNAMES);
  const city = overrides.city ?? (random.chance(0.8) ? firm.city : random.pick(CITIES));
  const first = slug(given[0] ?? 'x');
  const lastSlug = slug(last);
  const person: Person = {
    id: `person-${index}`,
    given,
    last,
    maiden: null,
    middle: random.chance(0.3) ? random.pick(['Robert', 'Anne', 'Marie', 'James', 'Lee', 'Louise', 'Michael']) : null,
    suffix: null,
    firms: [firm],
    personalEmail: random.chance(0.6) ? world.uniqueEmail(random.chance(0.5) ? `${first}.${lastSlug}` : `${first[0]}${lastSlug}${random.int(1, 99)}`, random.pick(FREE_MAIL)) : null,
    workEmails: [],
    linkedin: random.chance(0.45) ? `https://www.linkedin.com/in/${first}-${lastSlug}-${index.toString(36)}` : null,
    mobile: random.chance(0.5) ? world.phone(city) : null,
    city,
    jointEmail: null,
    ...overrides,
  };
  if (person.workEmails.length === 0) person.workEmails = [world.uniqueEmail(`${first}.${lastSlug}`, firm.domain)];
  return person;
}

interface Anchor {
  kind: 'personal' | 'work' | 'linkedin' | 'mobile' | 'name_org';
}

/** One record of a person, carrying at least one anchor that ties it to the person's other records. */
function emitPersonRecord(world: World, person: Person, firmIndex: number, surname: string, anchors: Anchor['kind'][]): void {
  const random = world.random;
  const firm = person.firms[firmIndex] ?? person.firms[0];
  if (!firm) return;
  const name = personNameVariant(random, person, surname);
  const display = name.name ?? [name.firstName, name.lastName].join(' ');
  const emails: string[] = [];
  const phones: string[] = [];
  const has = (a: Anchor['kind']) => anchors.includes(a);
  if (has('personal') && person.personalEmail) emails.push(emailVariant(random, person.personalEmail, display));
  if (has('work')) emails.push(emailVariant(random, person.workEmails[firmIndex] ?? person.workEmails[0] ?? '', display));
  if (person.jointEmail && random.chance(0.5)) emails.push(emailVariant(random, person.jointEmail, null));
  if (random.chance(0.12)) emails.push(`info@${firm.domain}`);
  if (has('mobile') && person.mobile) phones.push(phoneVariant(random, person.mobile, null, null));
  if (random.chance(0.3)) phones.push(phoneVariant(random, firm.mainLine, random.chance(0.6) ? String(random.int(100, 899)) : null, random.chance(0.3) ? 'Office' : null));
  const source = random.pick(SOURCES);
  const withOrganization = has('name_org') || (source !== 'email' && random.chance(0.5));
  if (source === 'email' && emails.length > 0 && !has('name_org')) {
    // An email sender: a display name and an address, nothing else.
    world.emit(person.id, { kind: 'person', emails: [`"${display}" <${(emails[0] ?? '').replace(/^.*<|>.*$/g, '').replace(/^mailto:/, '').trim()}>`, ...emails.slice(1)], phones: [] }, source);
    return;
  }
  world.emit(
    person.id,
    {
      kind: 'person',
      ...name,
      emails,
      phones,
      organization: withOrganization ? firmNameVariant(random, firm, false) : null,
      linkedin: has('linkedin') ? person.linkedin : null,
      city: random.chance(0.6) ? person.city.city : null,
      country: random.chance(0.3) ? person.city.country : null,
      title: random.chance(0.3) ? random.pick(['Partner', 'Managing Director', 'CIO', 'Principal', 'Analyst']) : null,
    },
    source,
  );
}

/**
 * A person's records share one primary anchor (so the truth is reachable: every record ties to the others
 * through it, in its own variant spelling) plus random extra evidence. People whose name or employer
 * changes are anchored on a personal identifier (personal email, LinkedIn or mobile).
 */
function emitPerson(world: World, person: Person, clusterSize: number): void {
  const random = world.random;
  const identifiers: Anchor['kind'][] = [];
  if (person.personalEmail) identifiers.push('personal');
  if (person.linkedin) identifiers.push('linkedin');
  if (person.mobile) identifiers.push('mobile');
  const changes = person.firms.length > 1 || person.maiden !== null;
  if (changes && identifiers.length === 0) {
    person.personalEmail = world.uniqueEmail(`${slug(person.given[0] ?? 'x')}.${slug(person.last)}`, 'gmail.com');
    identifiers.push('personal');
  }
  const primary: Anchor['kind'] = changes ? random.pick(identifiers) : random.pick([...identifiers, 'name_org', 'name_org', 'work']);
  for (let i = 0; i < clusterSize; i += 1) {
    // Movers and married names: later records at the new firm / with the new surname.
    const moved = person.firms.length > 1 && i > 0 && random.chance(0.5);
    const renamed = person.maiden !== null && i > 0 && random.chance(0.5);
    const surname = renamed ? person.last : (person.maiden ?? person.last);
    const anchors: Anchor['kind'][] = [primary];
    for (const id of identifiers) if (random.chance(0.3)) anchors.push(id);
    if (!moved && !renamed && random.chance(0.3)) anchors.push(random.pick(['name_org', 'work'] as const));
    emitPersonRecord(world, person, moved ? 1 : 0, surname, anchors);
  }
}

export function generateIdentityDataset(options: { seed: number; records?: number; people?: number }): IdentityDataset {
  const world = new World(options.seed);
  const random = world.random;
  const target = options.records ?? Math.round((options.people ?? 500) * 2.1);
  let personIndex = 0;
  while (world.records.length < target) {
    const firm = world.newFirm();
    if (random.chance(0.85)) emitFirm(world, firm);
    if (random.chance(0.12)) emitRelatedOrganizations(world, firm);
    const staff = random.int(2, 10);
    for (let s = 0; s < staff && world.records.length < target; s += 1) {
      personIndex += 1;
      const roll = random.next();
      const size = 1 + random.weighted(RECORDS_PER_CLUSTER);
      if (roll < 0.05) {
        // Spouses sharing a joint email (and often the family office's domain): two people, never one.
        const shared = `${slug(random.pick(SURNAMES))}family${personIndex}@gmail.com`;
        const a = newPerson(world, personIndex, firm, { jointEmail: shared });
        personIndex += 1;
        const otherGiven = GIVEN_NAMES.find((g) => (g[0] ?? '')[0] !== (a.given[0] ?? '')[0] && random.chance(0.1)) ?? ['Zelda'];
        const b = newPerson(world, personIndex, firm, { jointEmail: shared, given: otherGiven, last: a.last });
        emitPerson(world, a, Math.max(size, 2));
        emitPerson(world, b, Math.max(size, 2));
      } else if (roll < 0.1) {
        // Same name, different people: another firm, other emails.
        const a = newPerson(world, personIndex, firm);
        personIndex += 1;
        const otherFirm = world.firms[random.int(0, world.firms.length - 1)] ?? firm;
        const b = newPerson(world, personIndex, otherFirm === firm ? world.newFirm() : otherFirm, { given: a.given, last: a.last, city: a.city, personalEmail: null, linkedin: null });
        emitPerson(world, a, size);
        emitPerson(world, b, 1 + random.weighted(RECORDS_PER_CLUSTER));
      } else if (roll < 0.13) {
        // Father and son at the family firm: Sr and Jr.
        const a = newPerson(world, personIndex, firm, { suffix: 'Sr.' });
        personIndex += 1;
        const b = newPerson(world, personIndex, firm, { suffix: 'Jr.', given: a.given, last: a.last, workEmails: [world.uniqueEmail(`${slug(a.given[0] ?? 'x')}.${slug(a.last)}.jr`, firm.domain)] });
        emitPerson(world, a, size);
        emitPerson(world, b, size);
      } else if (roll < 0.2) {
        // A mover: a second firm later on, reached through a personal identifier.
        const next = world.firms[random.int(0, world.firms.length - 1)] ?? firm;
        const person = newPerson(world, personIndex, firm);
        if (next !== firm) {
          person.firms.push(next);
          person.workEmails.push(world.uniqueEmail(`${slug(person.given[0] ?? 'x')}.${slug(person.last)}`, next.domain));
        }
        emitPerson(world, person, Math.max(size, 2));
      } else if (roll < 0.25) {
        // Maiden → married name.
        const person = newPerson(world, personIndex, firm);
        person.maiden = person.last;
        person.last = random.pick(SURNAMES);
        if (!person.personalEmail && !person.linkedin && !person.mobile) person.personalEmail = world.uniqueEmail(`${slug(person.given[0] ?? 'x')}${personIndex}`, 'gmail.com');
        emitPerson(world, person, Math.max(size, 2));
      } else emitPerson(world, newPerson(world, personIndex, firm), size);
    }
  }
  return { records: world.records, truth: world.truth };
}
