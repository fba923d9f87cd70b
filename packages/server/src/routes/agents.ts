import { AgentCallListQuery, AgentProposalListQuery, AgentProposalRejectInput, IdParams } from '@lpdesk/contracts';
import { operations } from '@lpdesk/core';
import { z } from 'zod';
import { operationRoute } from '../http/register.js';
import type { RouteSpec } from '../http/route.js';
import { EmptyQuery } from './crud.js';

const tag = 'Agents';
const ops = operations.agents;

/** The Agent activity view (every MCP tool call) and the review of approval-mode agent writes. The MCP endpoint itself is /mcp. */
export const agentRoutes: RouteSpec[] = [
  operationRoute({
    method: 'GET',
    url: '/api/agent/calls',
    tag,
    operation: ops.listCalls,
    query: AgentCallListQuery,
    input: ({ query }) => query as z.output<typeof AgentCallListQuery>,
  }),
  operationRoute({
    method: 'GET',
    url: '/api/agent/proposals',
    tag,
    operation: ops.listProposals,
    query: AgentProposalListQuery,
    input: ({ query }) => query as z.output<typeof AgentProposalListQuery>,
  }),
  operationRoute({
    method: 'GET',
    url: '/api/agent/proposals/:id',
    tag,
    operation: ops.getProposal,
    params: IdParams,
    query: EmptyQuery,
    input: ({ params }) => ({ id: params.id as string }),
  }),
  operationRoute({
    method: 'POST',
    url: '/api/agent/proposals/:id/approve',
    tag,
    operation: ops.approveProposal,
    params: IdParams,
    body: z.strictObject({}).optional(),
    input: ({ params }) => ({ id: params.id as string }),
  }),
  operationRoute({
    method: 'POST',
    url: '/api/agent/proposals/:id/reject',
    tag,
    operation: ops.rejectProposal,
    params: IdParams,
    body: AgentProposalRejectInput.optional(),
    input: ({ params, body }) => ({ id: params.id as string, body: (body ?? {}) as z.output<typeof AgentProposalRejectInput> }),
  }),
];
