import type { RelationshipView } from '@lpdesk/contracts';
import type { Row } from '../db/schema.js';
import { type CoreContext, today } from '../kernel/context.js';
import { findRow } from '../kernel/records.js';
import { EndpointLabels, isEndpointType } from './endpoints.js';
import { presentEvidence, type StoredEvidence, strengthAt } from './strength.js';

/** A past job still says something (they were there); a current one is full strength. */
const PAST_WORKS_AT_STRENGTH = 0.3;

type WorksAtLink = Pick<Row<'contactOrganizations'>, 'contactId' | 'organizationId' | 'title' | 'startedOn' | 'endedOn' | 'role' | 'isPrimary'>;

/** Current unless it has an end date on or before today. */
export function isCurrentLink(link: Pick<WorksAtLink, 'endedOn'>, today: string): boolean {
  return link.endedOn === null || link.endedOn > today;
}

const roundStrength = (value: number) => Math.min(1, Math.max(0, Math.round(value * 10_000) / 10_000));

/** Seen from a contact a works-at link is named by its organization, seen from an organization by its person. */
type Perspective = 'contact' | 'organization';

function worksAtView(link: WorksAtLink, labels: EndpointLabels, today: string, perspective: Perspective): RelationshipView {
  return {
    id: perspective === 'contact' ? link.organizationId : link.contactId,
    kind: 'works_at',
    from: labels.endpoint('contact', link.contactId),
    to: labels.endpoint('organization', link.organizationId),
    strength: isCurrentLink(link, today) ? 1 : PAST_WORKS_AT_STRENGTH,
    title: link.title ?? link.role,
    startedOn: link.startedOn,
    endedOn: link.endedOn,
    lastSeenAt: null,
    evidence: [],
  };
}

function edgeView(edge: Row<'relationshipEdges'>, labels: EndpointLabels, now: Date): RelationshipView {
  const stored = JSON.parse(edge.evidenceJson) as StoredEvidence[];
  // Introductions do not fade: the fact stays true. Communication-based edges decay with the clock.
  const strength = edge.kind === 'introduced_by' ? 1 : strengthAt(stored, now);
  const fromType = isEndpointType(edge.fromType) ? edge.fromType : 'contact';
  const toType = isEndpointType(edge.toType) ? edge.toType : 'contact';
  return {
    id: edge.id,
    kind: edge.kind as RelationshipView['kind'],
    from: labels.endpoint(fromType, edge.fromId),
    to: labels.endpoint(toType, edge.toId),
    strength: roundStrength(strength),
    title: edge.kind === 'introduced_by' ? edge.note : null,
    startedOn: edge.kind === 'introduced_by' && edge.lastSeenAt ? edge.lastSeenAt.slice(0, 10) : null,
    endedOn: null,
    lastSeenAt: edge.lastSeenAt,
    evidence: edge.kind === 'introduced_by' ? stored.map((item) => ({ ...item })) : presentEvidence(stored, now),
  };
}

const KIND_ORDER: Record<RelationshipView['kind'], number> = { works_at: 0, knows: 1, introduced_by: 2, met_together: 3 };

function sortViews(views: RelationshipView[]): RelationshipView[] {
  return views
    .filter((view) => view.kind === 'works_at' || view.kind === 'introduced_by' || view.strength > 0)
    .sort(
      (a, b) =>
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || b.strength - a.strength || (b.startedOn ?? '').localeCompare(a.startedOn ?? '') || a.id.localeCompare(b.id),
    );
}

/** Everything known about whom a contact is connected to: jobs (current and past), introductions, meetings, the team. */
export async function contactRelationships(core: CoreContext, contactId: string): Promise<RelationshipView[]> {
  await findRow(core.db, 'contacts', contactId, 'Contact');
  const links = await core.db
    .selectFrom('contactOrganizations as co')
    .innerJoin('organizations as o', 'o.id', 'co.organizationId')
    .select(['co.contactId', 'co.organizationId', 'co.title', 'co.startedOn', 'co.endedOn', 'co.role', 'co.isPrimary'])
    .where('co.contactId', '=', contactId)
    .where('o.deletedAt', 'is', null)
    .execute();
  const edges = await core.db
    .selectFrom('relationshipEdges')
    .selectAll()
    .where((eb) => eb.or([eb('fromId', '=', contactId), eb('toId', '=', contactId)]))
    .execute();
  return presentAll(core, links, edges, 'contact');
}

/** An organization's people, current and past, and how well the team knows each current one. */
export async function organizationRelationships(core: CoreContext, organizationId: string): Promise<RelationshipView[]> {
  await findRow(core.db, 'organizations', organizationId, 'Organization');
  const links = await core.db
    .selectFrom('contactOrganizations as co')
    .innerJoin('contacts as c', 'c.id', 'co.contactId')
    .select(['co.contactId', 'co.organizationId', 'co.title', 'co.startedOn', 'co.endedOn', 'co.role', 'co.isPrimary'])
    .where('co.organizationId', '=', organizationId)
    .where('c.deletedAt', 'is', null)
    .execute();
  const current = links.filter((link) => isCurrentLink(link, today(core))).map((link) => link.contactId);
  const edges = current.length
    ? await core.db.selectFrom('relationshipEdges').selectAll().where('kind', '=', 'knows').where('toId', 'in', current).execute()
    : [];
  return presentAll(core, links, edges, 'organization');
}

async function presentAll(core: CoreContext, links: WorksAtLink[], edges: Row<'relationshipEdges'>[], perspective: Perspective): Promise<RelationshipView[]> {
  const labels = new EndpointLabels();
  for (const link of links) {
    labels.want('contact', link.contactId);
    labels.want('organization', link.organizationId);
  }
  for (const edge of edges) {
    if (isEndpointType(edge.fromType)) labels.want(edge.fromType, edge.fromId);
    if (isEndpointType(edge.toType)) labels.want(edge.toType, edge.toId);
  }
  await labels.load(core.db);
  const now = core.clock.now();
  return sortViews([...links.map((link) => worksAtView(link, labels, today(core), perspective)), ...edges.map((edge) => edgeView(edge, labels, now))]);
}
