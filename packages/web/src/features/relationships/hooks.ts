import type { IntroductionBody, IntroPath, RelationshipList } from '@lpdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export type RelationshipOwner = { type: 'contact' | 'organization'; id: string };

/** Under the owner's collection key, so edits of the contact or organization refresh the panel too. */
const relationshipsKey = (owner: RelationshipOwner) => [owner.type === 'contact' ? 'contacts' : 'organizations', 'relationships', owner.id];

export function useRelationships(owner: RelationshipOwner) {
  const path = owner.type === 'contact' ? `/api/contacts/${owner.id}/relationships` : `/api/organizations/${owner.id}/relationships`;
  return useQuery({ queryKey: relationshipsKey(owner), queryFn: ({ signal }) => api.get<RelationshipList>(path, undefined, signal) });
}

export function useIntroPath(to: string) {
  return useQuery({
    queryKey: ['relationships', 'intro-path', to],
    queryFn: ({ signal }) => api.get<{ data: IntroPath }>('/api/relationships/intro-path', { to, maxHops: 4 }, signal).then((r) => r.data),
  });
}

function useRefreshRelationships() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['contacts'] }),
      client.invalidateQueries({ queryKey: ['organizations'] }),
      client.invalidateQueries({ queryKey: ['relationships'] }),
    ]);
}

export function useAddIntroduction(contactId: string) {
  const refresh = useRefreshRelationships();
  return useMutation({
    mutationFn: (input: IntroductionBody) => api.post<RelationshipList>(`/api/contacts/${contactId}/introductions`, input),
    onSuccess: () => refresh(),
  });
}

export function useRemoveIntroduction(contactId: string) {
  const refresh = useRefreshRelationships();
  return useMutation({
    mutationFn: (introducedById: string) => api.delete<void>(`/api/contacts/${contactId}/introductions/${introducedById}`),
    onSuccess: () => refresh(),
  });
}
