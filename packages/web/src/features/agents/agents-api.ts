import type { AgentCallView, AgentDiff, AgentProposalStatus, AgentProposalView } from '@lpdesk/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ListEnvelope } from '../../api/types';

export type { AgentCallView, AgentDiff, AgentProposalView };

const PROPOSALS = ['agent-proposals'] as const;

export interface CallFilters {
  apiKeyId?: string | undefined;
  tool?: string | undefined;
  limit: number;
}

export function useAgentCalls(filters: CallFilters) {
  return useQuery({
    queryKey: ['agent-calls', filters],
    queryFn: ({ signal }) => api.get<ListEnvelope<AgentCallView>>('/api/agent/calls', { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProposals(status: AgentProposalStatus, limit = 50) {
  return useQuery({
    queryKey: [...PROPOSALS, status, limit],
    queryFn: ({ signal }) => api.get<ListEnvelope<AgentProposalView>>('/api/agent/proposals', { status, limit }, signal),
    placeholderData: keepPreviousData,
  });
}

/** How many proposals wait for review: the sidebar badge (checked every minute). */
export function usePendingProposalCount(enabled: boolean) {
  return useQuery({
    queryKey: [...PROPOSALS, 'pending-count'],
    queryFn: ({ signal }) => api.get<ListEnvelope<AgentProposalView>>('/api/agent/proposals', { status: 'pending', limit: 1 }, signal).then((r) => r.total),
    enabled,
    refetchInterval: 60_000,
  });
}

export function useDecideProposal() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, reason }: { id: string; decision: 'approve' | 'reject'; reason?: string }) =>
      api.post<{ data: AgentProposalView }>(`/api/agent/proposals/${id}/${decision}`, decision === 'reject' && reason ? { reason } : {}).then((r) => r.data),
    onSettled: () => client.invalidateQueries({ queryKey: PROPOSALS }),
  });
}

/** Where a proposal's record lives in the app, when it has a page. */
export function recordPath(diff: Pick<AgentDiff, 'entityType' | 'entityId'>): string | null {
  if (!diff.entityId) return null;
  const base: Record<string, string> = { contact: '/contacts', organization: '/organizations' };
  const path = base[diff.entityType];
  return path ? `${path}/${diff.entityId}` : null;
}
