import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { TestApi } from '../../testing/harness.js';

/** A listening server on a free port of 127.0.0.1 (MCP clients speak real HTTP, not app.inject). */
export async function listenOnLoopback(api: TestApi): Promise<string> {
  if (!api.app.server.listening) await api.app.listen({ host: '127.0.0.1', port: 0 });
  const address = api.app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  return `http://127.0.0.1:${address.port}`;
}

/** The SDK's own client over Streamable HTTP, as an agent key. */
export async function connectHttpClient(baseUrl: string, apiKey: string): Promise<Client> {
  const client = new Client({ name: 'lpdesk-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', baseUrl), { requestInit: { headers: { authorization: `Bearer ${apiKey}` } } });
  await client.connect(transport);
  return client;
}

/* biome-ignore lint/suspicious/noExplicitAny: tool results are inspected loosely, as the API tests do */
type Loose = any;

/** Call a tool and parse its JSON text; `isError` says whether the tool refused. */
export async function callTool(client: Client, name: string, args: Record<string, unknown>): Promise<{ isError: boolean; body: Loose }> {
  const result = await client.callTool({ name, arguments: args });
  const content = result.content as { type: string; text: string }[];
  const text = content[0]?.text ?? 'null';
  // The SDK answers arguments that fail the tool's schema itself, in plain text.
  const body = text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : { error: text };
  return { isError: result.isError === true, body };
}
