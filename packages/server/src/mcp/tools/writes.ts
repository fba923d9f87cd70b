import { agents } from '@lpdesk/core';
import { z } from 'zod';
import type { AgentSession } from '../session.js';
import type { ToolDefinition } from '../tool-kit.js';

const SAFETY_SHAPE = {
  dryRun: z.boolean().optional().describe('true: answer the diff this call would make and write nothing'),
  idempotencyKey: z.string().min(1).max(200).optional().describe('A retry with the same key and arguments answers the first result and writes nothing again'),
};

/** The write tools of core/agents, each with dryRun and idempotencyKey; approval-mode keys get proposals. */
export function writeTools(session: AgentSession): ToolDefinition[] {
  return agents.AGENT_WRITE_TOOLS.map((tool) => ({
    name: tool.name,
    description: `${tool.description} Takes dryRun and idempotencyKey.${session.agent.writes === 'approval' ? ' This key writes through approval: the call returns a pending proposal that a person approves or rejects.' : ''}`,
    shape: { ...tool.shape, ...SAFETY_SHAPE },
    readOnly: false,
    run: async ({ dryRun, idempotencyKey, ...args }, sent) => {
      const { dryRun: _d, idempotencyKey: _k, ...argumentsAsSent } = sent;
      const result = await agents.runAgentWrite(session.core, session.agent, {
        tool: tool.name,
        args,
        argumentsAsSent,
        dryRun: dryRun === true,
        idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined,
      });
      return { value: result.result, outcome: result.outcome, proposalId: result.proposalId };
    },
  }));
}
