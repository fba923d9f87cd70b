import type { RetrievalEntity, RetrievalHit } from './search-api';

export interface HitGroup {
  /** The investor or contact the hits are about; null for hits about neither (a fund's notes, an unlinked email). */
  entity: RetrievalEntity | null;
  hits: RetrievalHit[];
}

/**
 * The record a hit is filed under: its first organization (the investor), else its first contact.
 * The API lists `entityIds` in the order the source names them.
 */
export function groupEntityFor(hit: RetrievalHit, entities: Map<string, RetrievalEntity>): RetrievalEntity | null {
  const about = hit.entityIds.map((id) => entities.get(id)).filter((entity): entity is RetrievalEntity => entity !== undefined);
  return about.find((entity) => entity.type === 'organization') ?? about.find((entity) => entity.type === 'contact') ?? null;
}

/**
 * Hits grouped by investor/contact, groups ordered by their best-ranked hit and hits kept in rank order
 * inside each, so the top of the screen is still the best match.
 */
export function groupHits(hits: RetrievalHit[], entityList: RetrievalEntity[]): HitGroup[] {
  const entities = new Map(entityList.map((entity) => [entity.id, entity]));
  const groups = new Map<string, HitGroup>();
  for (const hit of hits) {
    const entity = groupEntityFor(hit, entities);
    const key = entity?.id ?? '';
    const group = groups.get(key);
    if (group) group.hits.push(hit);
    else groups.set(key, { entity, hits: [hit] });
  }
  return [...groups.values()];
}

/** The page of a record a hit is about; a commitment's is the pipeline, a fund's the pipeline filtered to it. */
export function entityPath(entity: RetrievalEntity): string {
  switch (entity.type) {
    case 'organization':
      return `/organizations/${entity.id}`;
    case 'contact':
      return `/contacts/${entity.id}`;
    case 'commitment':
      return '/pipeline';
    case 'fund':
      return `/pipeline?fund=${entity.id}`;
  }
}

/** The other records a hit is about (besides its group's), for the links under it. */
export function relatedEntities(hit: RetrievalHit, entityList: RetrievalEntity[], except: string | null): RetrievalEntity[] {
  const entities = new Map(entityList.map((entity) => [entity.id, entity]));
  return hit.entityIds.filter((id) => id !== except).flatMap((id) => entities.get(id) ?? []);
}
