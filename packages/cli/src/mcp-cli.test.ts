import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { AGENT_TOOLS } from '@lpdesk/contracts';
import { invoke, openCore, operations, systemActor } from '@lpdesk/core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { repoRoot, runLpdesk } from './testing/run-lpdesk.js';

const bin = join(repoRoot, 'packages/cli/bin/lpdesk.js');

/** The machine's LPDESK_* never reach the child (a test must not touch a developer's database). */
const cleanEnv = () =>
  Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => !e[0].startsWith('LPDESK_') && e[0] !== 'DATABASE_URL' && e[1] !== undefined),
  );

function textOf(result: Awaited<ReturnType<Client['callTool']>>): unknown {
  return JSON.parse((result.content as { text: string }[])[0]?.text ?? 'null');
}

describe('lpdesk mcp (stdio)', () => {
  it('refuses to start without a valid agent key', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lpdesk-mcp-cli-'));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    const none = await runLpdesk(['--data-dir', dataDir, 'mcp']);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('LPDESK_API_KEY');
    expect(none.stdout).toBe('');
    const member = (await runLpdesk(['--data-dir', dataDir, 'apikey', 'create', 'svc', '--role', 'member'])).stdout.trim();
    const asMember = await runLpdesk(['--data-dir', dataDir, 'mcp'], { env: { LPDESK_API_KEY: member } });
    expect(asMember.code).not.toBe(0);
    expect(asMember.stderr).toContain('not a valid agent API key');
  });

  it('serves the tools to the SDK client over stdio as the agent key, logging each call with door mcp', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lpdesk-mcp-cli-'));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    const created = await runLpdesk(['--data-dir', dataDir, 'apikey', 'create', 'Desktop agent', '--role', 'agent', '--writes', 'direct']);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();

    const core = await openCore({ kind: 'sqlite', file: join(dataDir, 'lpdesk.sqlite') });
    let organizationId: string;
    try {
      organizationId = (await invoke(operations.organizations.create, { core, actor: systemActor('cli') }, { name: 'Stdio Capital' })).id;
    } finally {
      await core.close();
    }

    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, '--data-dir', dataDir, 'mcp'],
      env: { ...cleanEnv(), LPDESK_LOG_LEVEL: 'silent', LPDESK_API_KEY: key },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'lpdesk-cli-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual([...AGENT_TOOLS].sort());
      const organizations = textOf(await client.callTool({ name: 'list_records', arguments: { type: 'organizations', q: 'Stdio' } })) as {
        data: { id: string }[];
      };
      expect(organizations.data.map((o) => o.id)).toEqual([organizationId]);
      const note = textOf(
        await client.callTool({ name: 'add_note', arguments: { entityType: 'organization', entityId: organizationId, text: 'Met at the AGM' } }),
      ) as { status: string };
      expect(note.status).toBe('written');
      const timeline = textOf(await client.callTool({ name: 'timeline', arguments: { type: 'organization', id: organizationId } })) as {
        items: { text: string }[];
      };
      expect(timeline.items.map((i) => i.text)).toEqual(['Met at the AGM']);
    } finally {
      await client.close();
    }

    const after = await openCore({ kind: 'sqlite', file: join(dataDir, 'lpdesk.sqlite') });
    try {
      const calls = await after.db.selectFrom('agentCalls').select(['tool', 'outcome', 'sessionId']).orderBy('at').orderBy('id').execute();
      expect(calls.map((c) => `${c.tool}:${c.outcome}`)).toEqual(['list_records:ok', 'add_note:ok', 'timeline:ok']);
      // One session for the process.
      expect(new Set(calls.map((c) => c.sessionId)).size).toBe(1);
      const entries = await after.db.selectFrom('activityLog').select(['door', 'actorKind', 'entityType']).where('door', '=', 'mcp').execute();
      expect(entries.filter((e) => e.entityType === 'agent_call')).toHaveLength(3);
      expect(entries.filter((e) => e.entityType === 'communication')).toHaveLength(1);
      expect(entries.every((e) => e.actorKind === 'agent')).toBe(true);
    } finally {
      await after.close();
    }
  });
});
