import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseTarget } from '../db/connect.js';

/**
 * The storage backends a test file runs against. `npm test`: SQLite and PGlite. With
 * LPDESK_TEST_DIALECTS=postgres (CI), a real PostgreSQL server at LPDESK_TEST_PG_URL
 * (default postgres://postgres@127.0.0.1:5432/postgres), a fresh database per test file.
 */
export type TestDialect = 'sqlite' | 'pglite' | 'postgres';

export function testDialects(): TestDialect[] {
  const raw = process.env.LPDESK_TEST_DIALECTS ?? 'sqlite,pglite';
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = names.filter((n) => !['sqlite', 'pglite', 'postgres'].includes(n));
  if (bad.length) throw new Error(`LPDESK_TEST_DIALECTS: unknown dialect(s) ${bad.join(', ')}`);
  return names as TestDialect[];
}

export interface TestTarget {
  target: DatabaseTarget;
  cleanup(): Promise<void>;
}

const adminUrl = () => process.env.LPDESK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function createTestTarget(dialect: TestDialect): Promise<TestTarget> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'lpdesk-test-'));
    return { target: { kind: 'sqlite', file: join(dir, 'test.sqlite') }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (dialect === 'pglite') {
    return { target: { kind: 'pglite' }, cleanup: async () => {} };
  }
  const name = `lpdesk_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: url.toString() },
    cleanup: async () => {
      const client = new pg.Client({ connectionString: adminUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
