import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invoke, openCore, operations, systemActor } from '@lpdesk/core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { repoRoot, runLpdesk } from './testing/run-lpdesk.js';

const fixture = (name: string) => join(repoRoot, 'packages/core/src/email/testing/fixtures', name);

describe('lpdesk index', () => {
  it('reports status, rebuilds with progress lines when piped, and indexes mail another process imported', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lpdesk-index-cli-'));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    const lpdesk = (args: string[]) => runLpdesk(['--data-dir', dataDir, ...args]);
    expect((await lpdesk(['migrate', 'up'])).code).toBe(0);

    // A contact the mail will match, and a call, written by this process (as a server would).
    const core = await openCore({ kind: 'sqlite', file: join(dataDir, 'lpdesk.sqlite') });
    const actor = systemActor('cli');
    try {
      const firm = await invoke(operations.organizations.create, { core, actor }, { name: 'Indexfield Partners' });
      await invoke(operations.contacts.create, { core, actor }, { firstName: 'Alice', lastName: 'Investor', emails: ['alice@lp.example.org'] });
      await invoke(
        operations.communications.create,
        { core, actor },
        { kind: 'call', occurredAt: core.clock.now().toISOString(), organizationIds: [firm.id], body: 'Talked through the side letter.' },
      );
    } finally {
      await core.close();
    }

    const before = JSON.parse((await lpdesk(['index', 'status', '--json'])).stdout);
    expect(before).toMatchObject({ embedder: { name: 'builtin:glove-sg-100d-sif', dimensions: 100 } });
    expect(before.pending).toBeGreaterThan(0);

    const imported = await lpdesk(['email', 'import-mbox', fixture('takeout.mbox')]);
    expect(imported.stdout).toMatch(/2 matched/);

    const rebuilt = await lpdesk(['index', 'rebuild']);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    // Two matched messages and the call (the newsletter matched nobody and is not indexed).
    expect(rebuilt.stdout).toMatch(/Retrieval index rebuilt: 3 chunks, 3 embedded/);
    expect(rebuilt.stderr).toMatch(/\[#+\]\s+100% \d+\/\d+ records chunked/);
    expect(rebuilt.stderr).toMatch(/100% 3\/3 chunks embedded/);
    expect(rebuilt.stderr).not.toContain('\r');

    const after = JSON.parse((await lpdesk(['index', 'status', '--json'])).stdout);
    expect(after).toMatchObject({ chunks: 3, pending: 0 });
    expect((await lpdesk(['index', 'status'])).stdout).toMatch(/^3 chunks, 0 pending, embedder builtin:glove-sg-100d-sif \(100 dimensions\)/);

    // Another process reads it: the server's search finds the imported mail by its Message-ID.
    const reader = await openCore({ kind: 'sqlite', file: join(dataDir, 'lpdesk.sqlite') });
    try {
      const result = await invoke(operations.retrieval.search, { core: reader, actor }, { q: 're-q1-report@fund.example.com', mode: 'sparse' });
      expect(result.data[0]).toMatchObject({ sourceType: 'email', title: 'Re: Q1 report' });
    } finally {
      await reader.close();
    }
  });
});
