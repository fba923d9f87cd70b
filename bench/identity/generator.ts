import type { IdentitySourceRecordInput } from '@lpdesk/contracts';
import { emitFirm, emitRelatedOrganizations, firmNameVariant } from './organizations.js';
import { emailVariant, personNameVariant, phoneVariant, slug } from './variants.js';
import { type Firm, type Person, SOURCES, World } from './world.js';
import { CITIES, FREE_MAIL, GIVEN_NAMES, SURNAMES } from './words.js';

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

const RECORDS_PER_CLUSTER = [40, 25, 15, 10, 6, 4];

function newPerson(world: World, index: number, firm: Firm, overrides: Partial<Person> = {}): Person {
  const random = world.random;
  let given = overrides.given ?? random.pick(GIVEN_NAMES);
  let last = overrides.last ?? random.pick(SURNAMES);
  // Namesakes at one firm only where a hard case plants them (father and son): chance ones are re-drawn.
  while (!overrides.given && world.hasNamesake(firm, given, last)) [given, last] = [random.pick(GIVEN_NAMES), random.pick(SURNAMES)];
  world.addNamesake(firm, given, last);
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
    personalEmail: random.chance(0.6)
      ? world.uniqueEmail(random.chance(0.5) ? `${first}.${lastSlug}` : `${first[0]}${lastSlug}${random.int(1, 99)}`, random.pick(FREE_MAIL))
      : null,
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
  if (random.chance(0.3))
    phones.push(phoneVariant(random, firm.mainLine, random.chance(0.6) ? String(random.int(100, 899)) : null, random.chance(0.3) ? 'Office' : null));
  const source = random.pick(SOURCES);
  const withOrganization = has('name_org') || (source !== 'email' && random.chance(0.5));
  if (source === 'email' && emails.length > 0 && !has('name_org')) {
    // An email sender: a display name and an address, nothing else.
    world.emit(
      person.id,
      {
        kind: 'person',
        emails: [
          `"${display}" <${(emails[0] ?? '')
            .replace(/^.*<|>.*$/g, '')
            .replace(/^mailto:/, '')
            .trim()}>`,
          ...emails.slice(1),
        ],
        phones: [],
      },
      source,
    );
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
        const otherGiven = GIVEN_NAMES.find((g) => (g[0] ?? '')[0] !== (a.given[0] ?? '')[0] && !world.hasNamesake(firm, g, a.last) && random.chance(0.1)) ?? [
          'Zelda',
        ];
        const b = newPerson(world, personIndex, firm, { jointEmail: shared, given: otherGiven, last: a.last });
        emitPerson(world, a, Math.max(size, 2));
        emitPerson(world, b, Math.max(size, 2));
      } else if (roll < 0.1) {
        // Same name, different people: another firm, other emails.
        const a = newPerson(world, personIndex, firm);
        personIndex += 1;
        let otherFirm = world.firms[random.int(0, world.firms.length - 1)] ?? firm;
        if (otherFirm === firm || world.hasNamesake(otherFirm, a.given, a.last)) otherFirm = world.newFirm();
        const b = newPerson(world, personIndex, otherFirm, {
          given: a.given,
          last: a.last,
          city: a.city,
          personalEmail: null,
          linkedin: null,
        });
        emitPerson(world, a, size);
        emitPerson(world, b, 1 + random.weighted(RECORDS_PER_CLUSTER));
      } else if (roll < 0.13) {
        // Father and son at the family firm: Sr and Jr.
        const a = newPerson(world, personIndex, firm, { suffix: 'Sr.' });
        personIndex += 1;
        const b = newPerson(world, personIndex, firm, {
          suffix: 'Jr.',
          given: a.given,
          last: a.last,
          workEmails: [world.uniqueEmail(`${slug(a.given[0] ?? 'x')}.${slug(a.last)}.jr`, firm.domain)],
        });
        emitPerson(world, a, size);
        emitPerson(world, b, size);
      } else if (roll < 0.2) {
        // A mover: a second firm later on, reached through a personal identifier.
        const next = world.firms[random.int(0, world.firms.length - 1)] ?? firm;
        const person = newPerson(world, personIndex, firm);
        if (next !== firm && !world.hasNamesake(next, person.given, person.last)) {
          world.addNamesake(next, person.given, person.last);
          person.firms.push(next);
          person.workEmails.push(world.uniqueEmail(`${slug(person.given[0] ?? 'x')}.${slug(person.last)}`, next.domain));
        }
        emitPerson(world, person, Math.max(size, 2));
      } else if (roll < 0.25) {
        // Maiden → married name.
        const person = newPerson(world, personIndex, firm);
        person.maiden = person.last;
        person.last = random.pick(SURNAMES);
        if (!person.personalEmail && !person.linkedin && !person.mobile)
          person.personalEmail = world.uniqueEmail(`${slug(person.given[0] ?? 'x')}${personIndex}`, 'gmail.com');
        emitPerson(world, person, Math.max(size, 2));
      } else emitPerson(world, newPerson(world, personIndex, firm), size);
    }
  }
  return { records: world.records, truth: world.truth };
}
