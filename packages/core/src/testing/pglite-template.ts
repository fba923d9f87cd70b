import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../db/connect.js';
import { migrateToLatest } from '../db/migrator.js';
import type { TestTarget } from './dialects.js';

/**
 * Starting PGlite and migrating it takes seconds; copying a migrated data directory and opening the
 * copy takes about one. Tests that each want a fresh database (STYLE.md: tests stand alone) get a
 * copy of a template, migrated once and kept under node_modules/.cache, keyed by the migrations'
 * content so a changed migration builds a new one.
 */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const CACHE_DIR = here('../../../../node_modules/.cache/lpdesk-pglite-template/');
const KEY_SOURCES = [here('../db/migrator.ts'), here('../db/migrations/'), here('../../../../node_modules/@electric-sql/pglite/package.json')];

function templateKey(): string {
  const hash = createHash('sha256');
  for (const source of KEY_SOURCES) {
    const files = source.endsWith('/') ? readdirSync(source).sort().map((name) => join(source, name)) : [source];
    for (const file of files) hash.update(file).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

let template: Promise<string> | undefined;

async function buildTemplate(): Promise<string> {
  const key = templateKey();
  const finished = join(CACHE_DIR, key);
  if (existsSync(finished)) return finished;
  mkdirSync(CACHE_DIR, { recursive: true });
  const building = mkdtempSync(join(CACHE_DIR, 'building-'));
  const handle = await openDatabase({ kind: 'pglite', dataDir: building });
  try {
    await migrateToLatest(handle);
  } finally {
    await handle.close();
  }
  try {
    // Atomic: a reader sees either no template or a complete one. Another process may have won.
    renameSync(building, finished);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(finished)) throw error;
  }
  // Templates of earlier migration sets are no use to this checkout.
  for (const name of readdirSync(CACHE_DIR)) if (name !== key && !name.startsWith('building-')) rmSync(join(CACHE_DIR, name), { recursive: true, force: true });
  return finished;
}

/** Copies live in RAM-backed /dev/shm where there is one: PGlite writes through to its files. */
const scratchDir = () => (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());

/** A migrated PGlite database of its own, removed by cleanup(). */
export async function migratedPgliteTarget(): Promise<TestTarget> {
  template ??= buildTemplate();
  const source = await template;
  const dir = mkdtempSync(join(scratchDir(), 'lpdesk-pglite-'));
  cpSync(source, dir, { recursive: true });
  return { target: { kind: 'pglite', dataDir: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}
