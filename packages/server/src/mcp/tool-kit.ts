import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { AgentCallOutcome } from '@lpdesk/contracts';
import { DomainError } from '@lpdesk/core';
import type { z } from 'zod';
import { type AgentSession, recordCall, serialize } from './session.js';

export interface ToolAnswer {
  value: unknown;
  outcome?: AgentCallOutcome;
  proposalId?: string | null;
  /** Results meant for the person (rehydrate) are not redacted again. */
  raw?: boolean;
}

export interface ToolDefinition {
  name: string;
  description: string;
  shape: z.ZodRawShape;
  readOnly: boolean;
  /** Gets the arguments with placeholders turned back into real values, and the arguments as sent. */
  run(args: Record<string, unknown>, sent: Record<string, unknown>): Promise<ToolAnswer>;
}

function messageOf(error: unknown): string {
  if (error instanceof DomainError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Register a tool whose every call is logged (reads too): arguments as the model sent them, the result's
 * size, the duration and the outcome. Inputs are unredacted before the core sees them and results redacted
 * before the model does; errors are redacted too (a message may quote a name).
 */
export function registerLoggedTool(server: McpServer, session: AgentSession, tool: ToolDefinition) {
  server.registerTool(
    tool.name,
    { description: tool.description, inputSchema: tool.shape, annotations: { readOnlyHint: tool.readOnly, destructiveHint: false, openWorldHint: false } },
    async (sent: Record<string, unknown>): Promise<CallToolResult> => {
      const started = performance.now();
      let outcome: AgentCallOutcome = 'ok';
      let error: string | null = null;
      let proposalId: string | null = null;
      let text: string;
      try {
        const args = await session.redactor.unredact(sent);
        const answer = await tool.run(args, sent);
        outcome = answer.outcome ?? 'ok';
        proposalId = answer.proposalId ?? null;
        text = serialize(answer.raw ? answer.value : await session.redactor.redact(answer.value)).text;
      } catch (caught) {
        outcome = 'error';
        error = await session.redactor.redact(messageOf(caught));
        text = JSON.stringify({ error });
      }
      const resultBytes = Buffer.byteLength(text, 'utf8');
      await recordCall(session, {
        sessionId: session.sessionId,
        tool: tool.name,
        arguments: sent,
        resultBytes,
        durationMs: performance.now() - started,
        outcome,
        error,
        proposalId,
      });
      return { content: [{ type: 'text', text }], isError: outcome === 'error' };
    },
  );
}
