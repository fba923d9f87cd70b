import { organizationKindLabel, type SearchResult } from '@lpdesk/contracts';
import type { CoreContext } from '../kernel/context.js';
import type { SearchableType } from './documents.js';
import { normalizeSearchText } from './normalize.js';
import { documentMatches, type PreparedSearch, prepareSearch } from './query.js';

/** Matches read per type before ranking: the palette shows a handful, ranked from a wider pool. */
const POOL = 200;

interface Candidate {
  type: SearchableType;
  id: string;
  label: string;
  text: string;
}

type MatchTier = SearchResult['match'];
const TIER_ORDER: Record<MatchTier, number> = { prefix: 0, name: 1, text: 2, typo: 3 };

/**
 * The command palette's search across people, organizations, funds, communications and tasks (live
 * records only), ranked:
 * names that start with every word first, then names containing them, then records matched on other
 * text (an email, a firm, a domain), then typo matches.
 */
export async function searchEverything(core: CoreContext, query: string, limit: number): Promise<SearchResult[]> {
  const search = await prepareSearch(core, query, 'always');
  if (search.tokens.length === 0) return [];
  const pools = await Promise.all([
    contactPool(core, search),
    organizationPool(core, search),
    fundPool(core, search),
    communicationPool(core, search),
    taskPool(core, search),
  ]);
  const ranked = pools
    .flat()
    .map((candidate) => ({ ...candidate, match: tierOf(candidate, search), inName: nameHolds(candidate, search) ? 0 : 1 }))
    .sort(
      (a, b) =>
        TIER_ORDER[a.match] - TIER_ORDER[b.match] ||
        a.inName - b.inName ||
        a.label.length - b.label.length ||
        a.label.localeCompare(b.label) ||
        (a.id < b.id ? -1 : 1),
    )
    .slice(0, limit);
  const sublabels = await sublabelsOf(core, ranked);
  return ranked.map(({ type, id, label, match }) => ({ type, id, label, sublabel: sublabels.get(id) ?? null, match }));
}

function tierOf(candidate: Candidate, search: PreparedSearch): MatchTier {
  const name = normalizeSearchText(candidate.label);
  const words = name.split(/[^\p{L}\p{N}]+/u);
  const tokens = search.tokens.map((token) => token.text);
  if (tokens.every((token) => words.some((word) => word.startsWith(token)) || name.startsWith(token))) return 'prefix';
  if (tokens.every((token) => name.includes(token))) return 'name';
  if (tokens.every((token) => candidate.text.includes(token) || (token.length < 3 && ` ${candidate.text}`.includes(` ${token}`)))) return 'text';
  return 'typo';
}

/** Every token, or one of its typo variants, is in the name: within a tier, such results come first. */
function nameHolds(candidate: Candidate, search: PreparedSearch): boolean {
  const name = normalizeSearchText(candidate.label);
  return search.tokens.every((token) => [token.text, ...token.variants].some((word) => name.includes(word)));
}

async function contactPool(core: CoreContext, search: PreparedSearch): Promise<Candidate[]> {
  const rows = await core.db
    .selectFrom('searchDocuments as sd')
    .innerJoin('contacts as c', 'c.id', 'sd.entityId')
    .select(['c.id', 'c.firstName', 'c.lastName', 'sd.text'])
    .where('sd.entityType', '=', 'contact')
    .where('c.deletedAt', 'is', null)
    .where(documentMatches(core.dialect, search))
    .limit(POOL)
    .execute();
  return rows.map((row) => ({ type: 'contact', id: row.id, label: `${row.firstName} ${row.lastName}`.trim(), text: row.text }));
}

async function organizationPool(core: CoreContext, search: PreparedSearch): Promise<Candidate[]> {
  const rows = await core.db
    .selectFrom('searchDocuments as sd')
    .innerJoin('organizations as o', 'o.id', 'sd.entityId')
    .select(['o.id', 'o.name', 'sd.text'])
    .where('sd.entityType', '=', 'organization')
    .where('o.deletedAt', 'is', null)
    .where(documentMatches(core.dialect, search))
    .limit(POOL)
    .execute();
  return rows.map((row) => ({ type: 'organization', id: row.id, label: row.name, text: row.text }));
}

async function fundPool(core: CoreContext, search: PreparedSearch): Promise<Candidate[]> {
  const rows = await core.db
    .selectFrom('searchDocuments as sd')
    .innerJoin('funds as f', 'f.id', 'sd.entityId')
    .select(['f.id', 'f.name', 'sd.text'])
    .where('sd.entityType', '=', 'fund')
    .where('f.deletedAt', 'is', null)
    .where(documentMatches(core.dialect, search))
    .limit(POOL)
    .execute();
  return rows.map((row) => ({ type: 'fund', id: row.id, label: row.name, text: row.text }));
}

/** A communication is labelled by its subject; one without is "Call · Mar 3, 2031". */
async function communicationPool(core: CoreContext, search: PreparedSearch): Promise<Candidate[]> {
  const rows = await core.db
    .selectFrom('searchDocuments as sd')
    .innerJoin('communications as c', 'c.id', 'sd.entityId')
    .select(['c.id', 'c.subject', 'c.kind', 'c.occurredAt', 'sd.text'])
    .where('sd.entityType', '=', 'communication')
    .where('c.deletedAt', 'is', null)
    .where(documentMatches(core.dialect, search))
    .limit(POOL)
    .execute();
  const day = dayFormat(core);
  return rows.map((row) => ({
    type: 'communication',
    id: row.id,
    label: row.subject?.trim() || `${humanize(row.kind)} · ${day.format(new Date(row.occurredAt))}`,
    text: row.text,
  }));
}

async function taskPool(core: CoreContext, search: PreparedSearch): Promise<Candidate[]> {
  const rows = await core.db
    .selectFrom('searchDocuments as sd')
    .innerJoin('tasks as t', 't.id', 'sd.entityId')
    .select(['t.id', 't.title', 'sd.text'])
    .where('sd.entityType', '=', 'task')
    .where('t.deletedAt', 'is', null)
    .where(documentMatches(core.dialect, search))
    .limit(POOL)
    .execute();
  return rows.map((row) => ({ type: 'task', id: row.id, label: row.title, text: row.text }));
}

/** Dates in the team's time zone, as the screens show them. */
const dayFormat = (core: CoreContext) => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: core.settings.timeZone });

const humanize = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replaceAll('_', ' ');

/**
 * A second line for each shown result: a person's firm and email, a firm's kind and place, a fund's
 * vintage, a communication's kind and day, a task's state and due date.
 */
async function sublabelsOf(core: CoreContext, results: { type: SearchableType; id: string }[]): Promise<Map<string, string>> {
  const idsOf = (type: SearchableType) => results.filter((r) => r.type === type).map((r) => r.id);
  const [contacts, organizations, funds, communications, tasks] = [idsOf('contact'), idsOf('organization'), idsOf('fund'), idsOf('communication'), idsOf('task')];
  const sublabels = new Map<string, string>();
  const set = (id: string, parts: (string | null | undefined)[]) => {
    const text = parts.filter(Boolean).join(' · ');
    if (text) sublabels.set(id, text);
  };
  if (contacts.length > 0) {
    const [firms, emails] = await Promise.all([
      core.db
        .selectFrom('contactOrganizations as co')
        .innerJoin('organizations as o', 'o.id', 'co.organizationId')
        .select(['co.contactId', 'o.name', 'co.isPrimary'])
        .where('co.contactId', 'in', contacts)
        .where('o.deletedAt', 'is', null)
        .orderBy('co.isPrimary', 'desc')
        .orderBy('o.name')
        .execute(),
      core.db.selectFrom('contactEmails').select(['contactId', 'email']).where('contactId', 'in', contacts).orderBy('position').execute(),
    ]);
    for (const id of contacts) set(id, [firms.find((f) => f.contactId === id)?.name, emails.find((e) => e.contactId === id)?.email]);
  }
  if (organizations.length > 0) {
    const rows = await core.db.selectFrom('organizations').select(['id', 'kind', 'location']).where('id', 'in', organizations).execute();
    for (const row of rows) set(row.id, [organizationKindLabel(row.kind), row.location]);
  }
  if (funds.length > 0) {
    const rows = await core.db.selectFrom('funds').select(['id', 'vintage', 'status']).where('id', 'in', funds).execute();
    for (const row of rows) set(row.id, [row.vintage === null ? null : `Vintage ${row.vintage}`, humanize(row.status)]);
  }
  if (communications.length > 0) {
    const day = dayFormat(core);
    const rows = await core.db.selectFrom('communications').select(['id', 'kind', 'occurredAt']).where('id', 'in', communications).execute();
    for (const row of rows) set(row.id, [humanize(row.kind), day.format(new Date(row.occurredAt))]);
  }
  if (tasks.length > 0) {
    const rows = await core.db.selectFrom('tasks').select(['id', 'status', 'dueOn']).where('id', 'in', tasks).execute();
    for (const row of rows) set(row.id, [`Task · ${humanize(row.status)}`, row.dueOn ? `due ${row.dueOn}` : null]);
  }
  return sublabels;
}
