import type { IdentitySourceRecordInput } from '@lpdesk/contracts';
import { Random } from './random.js';
import { type PersonTruth, slug } from './variants.js';
import { CITIES, FIRM_STEMS, FIRM_TYPES, LEGAL_SUFFIXES, STEM_ENDINGS, SURNAMES, UNIVERSITY_PLACES } from './words.js';

/** The synthetic world the identity dataset is drawn from: firms, people, and the records emitted so far with their truth. */
export const SOURCES = ['csv', 'legacy', 'email', 'manual', 'airtable', 'card'] as const;
const OBSERVED_BASE = Date.UTC(2024, 0, 1);

export interface Firm {
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

export interface Person extends PersonTruth {
  id: string;
  firms: Firm[];
  personalEmail: string | null;
  workEmails: string[];
  linkedin: string | null;
  mobile: string | null;
  city: (typeof CITIES)[number];
  jointEmail: string | null;
}

export class World {
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

  private namesakes = new Set<string>();
  hasNamesake(firm: Firm, given: readonly string[], last: string): boolean {
    return this.namesakes.has(`${firm.id}|${given[0]}|${last}`);
  }
  addNamesake(firm: Firm, given: readonly string[], last: string): void {
    this.namesakes.add(`${firm.id}|${given[0]}|${last}`);
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
      const names = [random.pick(SURNAMES), random.pick(SURNAMES), random.pick(SURNAMES)].map((s) =>
        s.replace(/^(van der|van den|van|von|de la|de|da|dos|di|le|bin) /i, ''),
      );
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
    const firm: Firm = {
      id: `org-${this.firms.length}`,
      stem,
      type,
      name,
      legal: random.pick(LEGAL_SUFFIXES),
      domain,
      mainLine: this.phone(city),
      city,
      acronymable,
    };
    this.firms.push(firm);
    return firm;
  }
}
