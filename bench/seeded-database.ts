import { type Core, coreOptionsFrom, invoke, loadConfig, openCore, operations, type SeedSummary, systemActor } from '@lpdesk/core';
import { type BenchDatabase, type BenchDialect, createBenchDatabase } from './databases.js';

/** People in one copy of the demo seed: `--copies N` makes N × 25 contacts. */
export const CONTACTS_PER_DEMO_COPY = 25;

export interface SeededDatabase {
  database: BenchDatabase;
  /** A member's API key: what the load generator authenticates with. */
  apiKey: string;
  seeded: SeedSummary;
  copies: number;
  seedSeconds: number;
}

/**
 * A fresh database holding about `contacts` contacts: the demo seed through its operation, exactly as
 * `lpdesk seed --demo --copies N` runs it (the core opened from the same configuration the server uses).
 */
export async function seedBenchDatabase(dialect: BenchDialect, contacts: number): Promise<SeededDatabase> {
  const copies = Math.min(1000, Math.max(1, Math.round(contacts / CONTACTS_PER_DEMO_COPY)));
  return fillBenchDatabase(dialect, String(contacts), async (core, database) => {
    const ctx = { core, actor: systemActor('cli') };
    const started = performance.now();
    const seeded = await invoke(operations.seed.demo, ctx, { copies });
    const seedSeconds = (performance.now() - started) / 1000;
    const { key } = await invoke(operations.access.createApiKey, ctx, { name: 'bench', role: 'member' });
    return { database, apiKey: key, seeded, copies, seedSeconds };
  });
}

/**
 * A fresh bench database, migrated and filled by `fill` through a core opened from the same
 * configuration the server uses; the core is closed afterwards, and the database dropped if filling fails.
 */
export async function fillBenchDatabase<T>(
  dialect: BenchDialect,
  label: string,
  fill: (core: Core, database: BenchDatabase) => Promise<T>,
  /** More configuration for the core, e.g. an embedder (bench/retrieval.ts). */
  extraEnv: Record<string, string> = {},
): Promise<T> {
  const database = await createBenchDatabase(dialect, label);
  try {
    const config = loadConfig({ env: { ...database.env, ...extraEnv }, initialise: true });
    const { target, settings } = coreOptionsFrom(config);
    const core = await openCore(target, { migrate: true, settings });
    try {
      return await fill(core, database);
    } finally {
      await core.close();
    }
  } catch (error) {
    await database.cleanup();
    throw error;
  }
}
