import type { EmailMessageView } from '@lpdesk/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { unwrapData } from '../identity/identity-api';
import { OPEN_COMMUNICATION_PARAM } from '../shell/composers';
import { entityPath } from './group-hits';
import type { RetrievalEntity, RetrievalHit } from './search-api';

/** A communication opens in its drawer, over whatever screen is behind it. */
export const communicationPath = (id: string) => `/communications?${OPEN_COMMUNICATION_PARAM}=${id}`;

/**
 * Where a hit's source opens, when that is known without asking the server: a communication in its
 * drawer, a note on the record it belongs to. An email needs its message looked up (resolveHitPath).
 */
export function hitPath(hit: RetrievalHit, entities: RetrievalEntity[]): string | null {
  if (hit.sourceType === 'communication') return communicationPath(hit.sourceId);
  if (hit.sourceType === 'note') {
    // A commitment's next step or a fund's notes are read on the investor's page when there is one.
    const owner = entities.find((entity) => entity.id === hit.sourceId);
    const page = owner && isPage(owner) ? owner : (about(hit, entities).find(isPage) ?? owner);
    return page ? entityPath(page) : fallbackPath(hit, entities);
  }
  return null;
}

const isPage = (entity: RetrievalEntity) => entity.type === 'organization' || entity.type === 'contact';

/** The records a hit is about, in the order the API lists them. */
const about = (hit: RetrievalHit, entities: RetrievalEntity[]) => hit.entityIds.flatMap((id) => entities.find((entity) => entity.id === id) ?? []);

/** The first record the hit is about, for a source that has no screen of its own. */
function fallbackPath(hit: RetrievalHit, entities: RetrievalEntity[]): string | null {
  const first = about(hit, entities)[0];
  return first ? entityPath(first) : null;
}

/**
 * The same place the email screens open a captured message: its timeline entry (the communication
 * of kind email), whose drawer shows the whole thread. A message no longer linked to anything has no
 * entry; then the first record the hit is about.
 */
export async function resolveHitPath(hit: RetrievalHit, entities: RetrievalEntity[], signal?: AbortSignal): Promise<string | null> {
  const known = hitPath(hit, entities);
  if (known || hit.sourceType !== 'email') return known;
  const message = await api
    .get<unknown>(`/api/email/messages/${hit.sourceId}`, undefined, signal)
    .then((body) => unwrapData<EmailMessageView>(body))
    .catch(() => null);
  if (message?.communicationId) return communicationPath(message.communicationId);
  return fallbackPath(hit, entities);
}

/** Open a hit's source: at once when its place is known, after one lookup for an email. */
export function useOpenHit() {
  const navigate = useNavigate();
  const client = useQueryClient();
  return useCallback(
    async (hit: RetrievalHit, entities: RetrievalEntity[]) => {
      const known = hitPath(hit, entities);
      const path =
        known ??
        (await client.fetchQuery({
          queryKey: ['search-hit-target', hit.sourceType, hit.sourceId],
          queryFn: ({ signal }) => resolveHitPath(hit, entities, signal),
          staleTime: 60_000,
        }));
      if (path) navigate(path);
    },
    [navigate, client],
  );
}
