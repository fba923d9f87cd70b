import type { RecordChange } from '@lpdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

/** A communication's versions from the activity log; under 'communications' so every edit refreshes it. */
export function useCommunicationHistory(id: string) {
  return useQuery({
    queryKey: ['communications', 'history', id],
    queryFn: ({ signal }) => api.get<{ data: RecordChange[] }>(`/api/communications/${id}/history`, undefined, signal).then((r) => r.data),
  });
}
