import type { Random } from './random.js';
import { phoneVariant, slug, websiteVariant } from './variants.js';
import type { Firm, World } from './world.js';
import { SUBSIDIARY_WORDS } from './words.js';

/** The firm's name as one source writes it. */
export function firmNameVariant(random: Random, firm: Firm, allowAcronym: boolean): string {
  if (allowAcronym && firm.acronymable && random.chance(0.35)) {
    const acronym = firm.stem
      .split(/\s+|&/)
      .filter((w) => /^[A-Za-zÀ-ž]/.test(w))
      .map((w) => w[0]?.toUpperCase())
      .join('');
    return random.chance(0.3) ? `${acronym.split('').join('.')}.` : acronym;
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

export function emitFirm(world: World, firm: Firm): void {
  const random = world.random;
  const count = 1 + random.weighted([45, 30, 15, 10]);
  for (let i = 0; i < count; i += 1) {
    const hasWebsite = random.chance(0.75);
    const name = firmNameVariant(random, firm, hasWebsite);
    const emails = random.chance(0.25) || !hasWebsite ? [`${random.pick(['info', 'ir', 'contact', 'office'])}@${firm.domain}`] : [];
    const phones = random.chance(0.4) ? [phoneVariant(random, firm.mainLine, null, random.chance(0.5) ? 'Main' : null)] : [];
    world.emit(firm.id, {
      kind: 'organization',
      name,
      website: hasWebsite ? websiteVariant(random, firm.domain) : null,
      emails,
      phones,
      city: firm.city.city,
      country: firm.city.country,
    });
  }
}

/** Related but distinct organizations: subsidiary, foundation, a numbered fund. */
export function emitRelatedOrganizations(world: World, firm: Firm): void {
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
    world.emit(`${firm.id}-fund-${number + 1}`, {
      kind: 'organization',
      name: `${firm.name} Fund ${number + 1}, L.P.`,
      website: domain,
      emails: [],
      phones: [],
    });
  }
  const id = `${firm.id}-related`;
  const count = 1 + random.weighted([60, 40]);
  for (let i = 0; i < count; i += 1)
    world.emit(id, {
      kind: 'organization',
      name: i === 0 ? name : `${name}${random.chance(0.5) ? ', Inc.' : ''}`,
      website: websiteVariant(random, domain),
      emails: [],
      phones: [],
    });
}
