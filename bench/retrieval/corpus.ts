import { Random } from '../identity/random.js';
import { FILLER, FIRM_PLACES, FIRM_TYPES, FIRST_NAMES, FUNDS, LAST_NAMES, MONTHS, TOPICS, type Topic } from './topics.js';

// A synthetic fundraising CRM, generated from a seed: LP firms, their people, and what the team wrote
// about them (call and meeting notes, emails, notes-log lines), with labelled queries in three sets.
// Deterministic: the same options give the same corpus on every machine.

export type DocumentKind = 'call' | 'meeting' | 'email' | 'note';
export type QuerySet = 'entity' | 'topic' | 'paraphrase';

export interface EvalFirm {
  id: string;
  name: string;
}

export interface EvalPerson {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  firmId: string;
}

export interface EvalDocument {
  id: string;
  kind: DocumentKind;
  /** When it happened (ISO), spread over two years from a fixed date. */
  eventAt: string;
  /** Subject and participants, as the chunker puts them in a chunk's header. */
  header: string;
  body: string;
  firmId: string;
  personIds: string[];
  /** What it is about: the first topic is the main one. Empty for logistics only. */
  topicIds: string[];
}

export interface EvalQuery {
  set: QuerySet;
  text: string;
  /** Graded relevance: document id → 2 (about it), 1 (touches it). Others are 0. */
  relevance: ReadonlyMap<string, number>;
}

export interface EvalCorpus {
  firms: EvalFirm[];
  people: EvalPerson[];
  documents: EvalDocument[];
  queries: EvalQuery[];
}

export interface CorpusOptions {
  seed: number;
  firms: number;
  /** Average notes per firm (each firm gets between half and one and a half times this). */
  documentsPerFirm: number;
  /** How many people and how many firms become entity queries (each). */
  entityQueries: number;
  /** Topics that get queries (all by default). */
  topics?: number;
  /** Share of topic sentences written in the topic's usual terms; the rest are reworded. */
  plainShare?: number;
  /** Share of notes about a topic at all (the rest are logistics and small talk); 0.75 by default. */
  topicalShare?: number;
}

const BASE_DAY = Date.UTC(2030, 0, 1);
const DAY_MS = 86_400_000;
const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => slots[name] ?? `{${name}}`);
}

function makeFirms(random: Random, count: number): EvalFirm[] {
  const names = new Set<string>();
  const firms: EvalFirm[] = [];
  while (firms.length < count) {
    let name = '';
    for (let attempt = 0; attempt < 20 && (name === '' || names.has(name)); attempt++) name = `${random.pick(FIRM_PLACES)} ${random.pick(FIRM_TYPES)}`;
    // Once the combinations run out (large corpora): number them, "Kestrel Capital 212".
    if (names.has(name)) name = `${name} ${firms.length + 1}`;
    names.add(name);
    firms.push({ id: `firm-${firms.length + 1}`, name });
  }
  return firms;
}

function makePeople(random: Random, firms: readonly EvalFirm[]): EvalPerson[] {
  const people: EvalPerson[] = [];
  const taken = new Set<string>();
  for (const firm of firms) {
    const count = random.int(1, 3);
    for (let i = 0; i < count; i++) {
      let firstName: string;
      let lastName: string;
      do {
        firstName = random.pick(FIRST_NAMES);
        lastName = random.pick(LAST_NAMES);
      } while (taken.has(`${firstName} ${lastName}`) && taken.size < FIRST_NAMES.length * LAST_NAMES.length * 0.8);
      taken.add(`${firstName} ${lastName}`);
      const domain = `${slug(firm.name)}.example`;
      people.push({ id: `person-${people.length + 1}`, firstName, lastName, email: `${slug(firstName)}.${slug(lastName)}@${domain}`, firmId: firm.id });
    }
  }
  return people;
}

const fullName = (person: EvalPerson) => `${person.firstName} ${person.lastName}`;

interface Draft {
  kind: DocumentKind;
  firm: EvalFirm;
  people: EvalPerson[];
  topics: Topic[];
}

function writeDocument(random: Random, draft: Draft, index: number, plainShare: number): EvalDocument {
  const { kind, firm, people, topics } = draft;
  const lead = people[0];
  if (!lead) throw new Error('a document needs a person');
  const slots = {
    first: lead.firstName,
    firm: firm.name,
    pct: random.pick(['1%', '2%', '1.5%', '2.5%', '20%', '25%']),
    amount: random.pick(['$5m', '$10m', '$15m', '$25m', '$40m']),
    fund: random.pick(FUNDS),
    month: random.pick(MONTHS),
  };
  const topicSentences = topics.map((topic, position) => {
    // The main topic gets one or two sentences, a secondary one a single sentence.
    const count = position === 0 ? random.int(1, 2) : 1;
    const sentences: string[] = [];
    for (let i = 0; i < count; i++) sentences.push(fill(random.pick(random.chance(plainShare) ? topic.plain : topic.reworded), slots));
    return sentences;
  });
  const filler = Array.from({ length: random.int(topics.length === 0 ? 2 : 0, 2) }, () => fill(random.pick(FILLER), slots));
  const sentences = [...topicSentences.flat(), ...filler];
  // Keep the main topic first most of the time, as people write; shuffle the rest in.
  for (let i = sentences.length - 1; i > 1; i--) {
    const j = random.int(1, i);
    [sentences[i], sentences[j]] = [sentences[j] ?? '', sentences[i] ?? ''];
  }
  const names = people.map(fullName).join(', ');
  const subjectTopic = topics[0] && random.chance(0.3) ? ` — ${random.pick(topics[0].topicQueries)}` : '';
  const eventAt = new Date(BASE_DAY + ((index * 7919) % 730) * DAY_MS + random.int(8, 18) * 3_600_000).toISOString();
  let header: string;
  let body: string;
  switch (kind) {
    case 'call':
      header = `Call with ${names} (${firm.name})${subjectTopic}`;
      body = `Spoke with ${names} at ${firm.name}. ${sentences.join(' ')}`;
      break;
    case 'meeting':
      header = `Meeting: ${firm.name}${subjectTopic}`;
      body = `Met ${names} at their offices. ${sentences.join(' ')}`;
      break;
    case 'email':
      header = `${random.pick(['Re: ', 'Fwd: ', ''])}${subjectTopic ? subjectTopic.slice(3) : random.pick(['Follow-up', 'Checking in', `${slots.fund} questions`, 'Next steps', 'Quick question'])}\nFrom: ${fullName(lead)} <${lead.email}>\nTo: ir@ourfund.example`;
      body = `Hi team,\n\n${sentences.join(' ')}\n\nBest,\n${fullName(lead)}\n${firm.name}`;
      break;
    case 'note':
      header = `${firm.name} notes`;
      body = `${eventAt.slice(0, 10)}: ${lead.firstName} ${lead.lastName}: ${sentences.join(' ')}`;
      break;
  }
  return {
    id: `doc-${String(index + 1).padStart(6, '0')}`,
    kind,
    eventAt,
    header,
    body,
    firmId: firm.id,
    personIds: people.map((person) => person.id),
    topicIds: topics.map((topic) => topic.id),
  };
}

const KINDS: readonly DocumentKind[] = ['call', 'meeting', 'email', 'note'];
const KIND_WEIGHTS = [35, 25, 25, 15];

/** Documents only (no queries): what the latency bench loads by the hundred thousand. */
export function* generateDocuments(options: CorpusOptions, firms: readonly EvalFirm[], people: readonly EvalPerson[], random: Random): Generator<EvalDocument> {
  const plainShare = options.plainShare ?? 0.55;
  const peopleOf = new Map<string, EvalPerson[]>();
  for (const person of people) peopleOf.set(person.firmId, [...(peopleOf.get(person.firmId) ?? []), person]);
  let index = 0;
  for (const firm of firms) {
    const staff = peopleOf.get(firm.id) ?? [];
    const count = random.int(Math.ceil(options.documentsPerFirm / 2), Math.floor(options.documentsPerFirm * 1.5));
    for (let n = 0; n < count; n++) {
      const kind = KINDS[random.weighted(KIND_WEIGHTS)] ?? 'call';
      const lead = random.pick(staff);
      const others = staff.filter((person) => person !== lead && (kind === 'meeting' || kind === 'call') && random.chance(0.3));
      const topics: Topic[] = [];
      if (random.chance(options.topicalShare ?? 0.75)) {
        topics.push(random.pick(TOPICS));
        if (random.chance(0.25)) {
          const second = random.pick(TOPICS);
          if (second !== topics[0]) topics.push(second);
        }
      }
      yield writeDocument(random, { kind, firm, people: [lead, ...others], topics }, index, plainShare);
      index++;
    }
  }
}

function entityQueries(random: Random, corpus: Omit<EvalCorpus, 'queries'>, count: number): EvalQuery[] {
  const queries: EvalQuery[] = [];
  const mentioned = (person: EvalPerson) => corpus.documents.filter((document) => document.personIds.includes(person.id));
  const candidates = corpus.people.filter((person) => mentioned(person).length > 0);
  for (const person of pickDistinct(random, candidates, count)) {
    queries.push({ set: 'entity', text: fullName(person), relevance: new Map(mentioned(person).map((document) => [document.id, 2])) });
  }
  const withDocuments = corpus.firms.filter((firm) => corpus.documents.some((document) => document.firmId === firm.id));
  for (const firm of pickDistinct(random, withDocuments, count)) {
    const relevance = new Map(corpus.documents.filter((document) => document.firmId === firm.id).map((document) => [document.id, 2]));
    queries.push({ set: 'entity', text: firm.name, relevance });
  }
  return queries;
}

function pickDistinct<T>(random: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const picked: T[] = [];
  while (picked.length < count && pool.length > 0) picked.push(...pool.splice(random.int(0, pool.length - 1), 1));
  return picked;
}

function topicRelevance(documents: readonly EvalDocument[], topic: Topic): Map<string, number> {
  const relevance = new Map<string, number>();
  for (const document of documents) {
    const position = document.topicIds.indexOf(topic.id);
    if (position >= 0) relevance.set(document.id, position === 0 ? 2 : 1);
  }
  return relevance;
}

export function generateCorpus(options: CorpusOptions): EvalCorpus {
  const random = new Random(options.seed);
  const firms = makeFirms(random, options.firms);
  const people = makePeople(random, firms);
  const documents = [...generateDocuments(options, firms, people, random)];
  const topics = TOPICS.slice(0, options.topics ?? TOPICS.length);
  const queries: EvalQuery[] = [
    ...entityQueries(random, { firms, people, documents }, options.entityQueries),
    ...topics.flatMap((topic) => topic.topicQueries.map((text) => ({ set: 'topic' as const, text, relevance: topicRelevance(documents, topic) }))),
    ...topics.flatMap((topic) => topic.paraphraseQueries.map((text) => ({ set: 'paraphrase' as const, text, relevance: topicRelevance(documents, topic) }))),
  ].filter((query) => query.relevance.size > 0);
  return { firms, people, documents, queries };
}

/** Firms and people for a corpus of about `documents` notes, without queries (bench/retrieval.ts, latency). */
export function largeCorpusDocuments(seed: number, documents: number): Generator<EvalDocument> {
  const random = new Random(seed);
  const documentsPerFirm = 20;
  // 10% more firms than needed on average: the caller stops at `documents`.
  const firms = makeFirms(random, Math.ceil((documents * 1.1) / documentsPerFirm));
  const people = makePeople(random, firms);
  return generateDocuments({ seed, firms: firms.length, documentsPerFirm, entityQueries: 0 }, firms, people, random);
}
