import { COLLEAGUE_HOP_STRENGTH, type IntroPathView, type RelationshipKind } from '@lpdesk/contracts';
import type { z } from 'zod';
import { type CoreContext, today } from '../kernel/context.js';
import { Invalid, NotFound } from '../kernel/errors.js';
import { EndpointLabels, type EndpointType, isEndpointType } from './endpoints.js';
import { isCurrentLink } from './queries.js';
import { type StoredEvidence, strengthAt } from './strength.js';

export type IntroPath = z.infer<typeof IntroPathView>;

export interface IntroPathOptions {
  to: string;
  from?: string | undefined;
  maxHops: number;
}

/** Hops weaker than this are noise, not a way in. */
const MIN_HOP_STRENGTH = 0.01;
const TOP_PATHS = 5;
/** A node is expanded at most this often: enough for the top five paths to differ in their middle. */
const EXPANSIONS_PER_NODE = TOP_PATHS;
const MAX_POPS = 100_000;

interface Hop {
  to: string;
  toType: EndpointType;
  kind: RelationshipKind;
  strength: number;
}

interface PathSoFar {
  score: number;
  nodes: string[];
  hops: (Hop & { from: string; fromType: EndpointType })[];
}

/** The relationship graph as of the clock's now: adjacency by node id (ids are unique across tables). */
export interface RelationshipGraph {
  adjacent: Map<string, Hop[]>;
  /** Current organizations of each contact and current people of each organization (colleague hops). */
  organizationsOf: Map<string, string[]>;
  peopleOf: Map<string, string[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export async function loadRelationshipGraph(core: CoreContext): Promise<RelationshipGraph> {
  const now = core.clock.now();
  const adjacent = new Map<string, Hop[]>();
  const edges = await core.db.selectFrom('relationshipEdges').select(['kind', 'fromType', 'fromId', 'toType', 'toId', 'evidenceJson']).execute();
  for (const edge of edges) {
    if (!isEndpointType(edge.fromType) || !isEndpointType(edge.toType)) continue;
    const kind = edge.kind as RelationshipKind;
    const strength = kind === 'introduced_by' ? 1 : strengthAt(JSON.parse(edge.evidenceJson) as StoredEvidence[], now);
    if (strength < MIN_HOP_STRENGTH) continue;
    // Both directions: whoever knows whom can ask for the introduction either way.
    push(adjacent, edge.fromId, { to: edge.toId, toType: edge.toType, kind, strength });
    push(adjacent, edge.toId, { to: edge.fromId, toType: edge.fromType, kind, strength });
  }
  const links = await core.db
    .selectFrom('contactOrganizations as co')
    .innerJoin('contacts as c', 'c.id', 'co.contactId')
    .innerJoin('organizations as o', 'o.id', 'co.organizationId')
    .select(['co.contactId', 'co.organizationId', 'co.endedOn'])
    .where('c.deletedAt', 'is', null)
    .where('o.deletedAt', 'is', null)
    .execute();
  const organizationsOf = new Map<string, string[]>();
  const peopleOf = new Map<string, string[]>();
  const day = today(core);
  for (const link of links) {
    if (!isCurrentLink(link, day)) continue;
    push(organizationsOf, link.contactId, link.organizationId);
    push(peopleOf, link.organizationId, link.contactId);
  }
  return { adjacent, organizationsOf, peopleOf };
}

/** Binary max-heap on score; fewer hops first on a tie. */
class PathQueue {
  private readonly items: PathSoFar[] = [];
  get size() {
    return this.items.length;
  }
  private better(a: PathSoFar, b: PathSoFar) {
    return a.score > b.score || (a.score === b.score && a.hops.length < b.hops.length);
  }
  push(item: PathSoFar) {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.better(items[i] as PathSoFar, items[parent] as PathSoFar)) break;
      [items[i], items[parent]] = [items[parent] as PathSoFar, items[i] as PathSoFar];
      i = parent;
    }
  }
  pop(): PathSoFar | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let best = i;
        if (left < items.length && this.better(items[left] as PathSoFar, items[best] as PathSoFar)) best = left;
        if (right < items.length && this.better(items[right] as PathSoFar, items[best] as PathSoFar)) best = right;
        if (best === i) break;
        [items[i], items[best]] = [items[best] as PathSoFar, items[i] as PathSoFar];
        i = best;
      }
    }
    return top;
  }
}

function hopsFrom(graph: RelationshipGraph, node: string, type: EndpointType, target: string): Hop[] {
  const hops = [...(graph.adjacent.get(node) ?? [])];
  if (type === 'contact') {
    for (const organizationId of graph.organizationsOf.get(node) ?? []) {
      if (organizationId === target) hops.push({ to: organizationId, toType: 'organization', kind: 'works_at', strength: 1 });
      for (const colleague of graph.peopleOf.get(organizationId) ?? []) {
        if (colleague !== node) hops.push({ to: colleague, toType: 'contact', kind: 'works_at', strength: COLLEAGUE_HOP_STRENGTH });
      }
    }
  }
  return hops;
}

/**
 * Best-first search over paths, strongest product first: since every hop is ≤ 1 a path never gets
 * stronger as it grows, so the first paths to reach the target are the best ones. Team members only start
 * paths; an organization target is reached through any current person there.
 */
export function bestIntroPaths(graph: RelationshipGraph, starts: readonly string[], target: string, maxHops: number): PathSoFar[] {
  const queue = new PathQueue();
  for (const start of starts) queue.push({ score: 1, nodes: [start], hops: [] });
  const expanded = new Map<string, number>();
  const found: PathSoFar[] = [];
  let pops = 0;
  while (queue.size > 0 && found.length < TOP_PATHS && pops++ < MAX_POPS) {
    const path = queue.pop() as PathSoFar;
    const node = path.nodes[path.nodes.length - 1] as string;
    if (node === target) {
      found.push(path);
      continue;
    }
    if (path.hops.length >= maxHops) continue;
    const times = expanded.get(node) ?? 0;
    if (times >= EXPANSIONS_PER_NODE) continue;
    expanded.set(node, times + 1);
    const type: EndpointType = path.hops.length === 0 ? 'user' : (path.hops[path.hops.length - 1] as Hop).toType;
    for (const hop of hopsFrom(graph, node, type, target)) {
      if (hop.toType === 'user' || path.nodes.includes(hop.to) || hop.strength < MIN_HOP_STRENGTH) continue;
      if (hop.toType === 'organization' && hop.to !== target) continue;
      queue.push({ score: path.score * hop.strength, nodes: [...path.nodes, hop.to], hops: [...path.hops, { ...hop, from: node, fromType: type }] });
    }
  }
  return found;
}

export async function introPaths(core: CoreContext, options: IntroPathOptions): Promise<IntroPath> {
  const contact = await core.db.selectFrom('contacts').select('id').where('id', '=', options.to).where('deletedAt', 'is', null).executeTakeFirst();
  const organization = contact
    ? undefined
    : await core.db.selectFrom('organizations').select('id').where('id', '=', options.to).where('deletedAt', 'is', null).executeTakeFirst();
  if (!contact && !organization) throw new NotFound('Contact or organization', options.to);
  let starts: string[];
  if (options.from) {
    const user = await core.db.selectFrom('users').select('id').where('id', '=', options.from).where('deletedAt', 'is', null).executeTakeFirst();
    if (!user) throw new Invalid(`from: no team member ${options.from}`, { issues: [{ path: ['from'], message: 'unknown user' }] });
    starts = [user.id];
  } else {
    starts = (await core.db.selectFrom('users').select('id').where('deletedAt', 'is', null).where('disabledAt', 'is', null).execute()).map((row) => row.id);
  }
  const graph = await loadRelationshipGraph(core);
  const found = bestIntroPaths(graph, starts, options.to, options.maxHops);
  const labels = new EndpointLabels();
  const targetType: EndpointType = contact ? 'contact' : 'organization';
  labels.want(targetType, options.to);
  for (const path of found) {
    for (const hop of path.hops) {
      labels.want(hop.fromType, hop.from);
      labels.want(hop.toType, hop.to);
    }
  }
  await labels.load(core.db);
  return {
    target: labels.endpoint(targetType, options.to),
    paths: found.map((path) => ({
      score: Math.round(path.score * 10_000) / 10_000,
      hops: path.hops.map((hop) => ({
        from: labels.endpoint(hop.fromType, hop.from),
        to: labels.endpoint(hop.toType, hop.to),
        kind: hop.kind,
        strength: Math.round(hop.strength * 10_000) / 10_000,
      })),
    })),
  };
}
