import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { registerDossierResources } from './resources.js';
import type { AgentSession } from './session.js';
import { registerLoggedTool } from './tool-kit.js';
import { insightTools } from './tools/insight.js';
import { recordTools } from './tools/records.js';
import { writeTools } from './tools/writes.js';

export const MCP_SERVER_INFO = { name: 'lpdesk', version: '0.1.0' };

const INSTRUCTIONS = [
  'LP Desk is the CRM of a venture fund: investors (organizations), people (contacts), funds, commitments (investor × fund, with a pipeline stage), communications and tasks.',
  'Amounts are integer minor units (cents). Read with search, get_dossier, list_records, timeline, pipeline_summary and who_knows.',
  'Writes (log_communication, add_note, create_task, move_stage, update_record, propose_merge) take dryRun and idempotencyKey; use a fresh idempotencyKey per intended write.',
  'Nothing here sends email, fetches URLs or contacts anyone. If names look like [PERSON_1], [ORG_2] or [EMAIL_1], the data is redacted: use those placeholders as ids and names, and call rehydrate on your final answer.',
].join(' ');

/** One MCP server per session: the tools and dossier resources, bound to the session's key and redactor. */
export function createMcpServer(session: AgentSession): McpServer {
  const server = new McpServer(MCP_SERVER_INFO, { instructions: INSTRUCTIONS });
  for (const tool of [...insightTools(session), ...recordTools(session), ...writeTools(session)]) registerLoggedTool(server, session, tool);
  registerDossierResources(server, session);
  return server;
}
