import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Core, invoke, loadConfig, openCore, operations, type SeedSummary, systemActor } from '@lpdesk/core';
import { buildServer } from '@lpdesk/server';

export type BenchDialect = 'sqlite' | 'pglite';

export interface BenchInstance {
  url: string;
  apiKey: string;
  seeded: SeedSummary;
  close(): Promise<void>;
}

async function openBenchCore(dialect: BenchDialect, dataDir: string): Promise<Core> {
  // PGlite runs in memory: the PostgreSQL code path without a server to install.
  const target = dialect === 'sqlite' ? { kind: 'sqlite' as const, file: join(dataDir, 'lpdesk.sqlite') } : { kind: 'pglite' as const };
  return openCore(target, { migrate: true });
}

/**
 * The real LP Desk server on a fresh temporary data directory with the demo data repeated `copies`
 * times, listening on 127.0.0.1 at a free port, plus a member API key to call it with.
 */
export async function startBenchInstance(dialect: BenchDialect, copies: number): Promise<BenchInstance> {
  const dataDir = mkdtempSync(join(tmpdir(), `lpdesk-bench-${dialect}-`));
  // An empty env: the bench measures defaults, not whatever the caller's shell happens to export.
  const config = loadConfig({ env: {}, overrides: { LPDESK_DATA_DIR: dataDir }, initialise: true });
  const core = await openBenchCore(dialect, dataDir);
  const cleanup = async () => {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const ctx = { core, actor: systemActor('cli') };
    const seeded = await invoke(operations.seed.demo, ctx, { copies });
    const { key } = await invoke(operations.access.createApiKey, ctx, { name: 'bench', role: 'member' });
    const app = await buildServer(core, { ...config, logger: false });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    return {
      url,
      apiKey: key,
      seeded,
      close: async () => {
        await app.close();
        await cleanup();
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
