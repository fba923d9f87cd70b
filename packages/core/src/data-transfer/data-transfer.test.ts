import { PassThrough, Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTestEmail, insertTestMailbox } from '../email/testing/factories.js';
import { enqueueJob } from '../jobs/index.js';
import { startImport, uploadImport } from '../imports/index.js';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { seedDemo } from '../seed/demo.js';
import { MIGRATION_NAMES } from '../db/migrator.js';
import { openTestCore, type TestCore, testActor, testDialects } from '../testing/index.js';
import { databaseTables } from './columns.js';
import { writeDump } from './export-dump.js';
import { restoreDump } from './import-dump.js';
import { DUMP_PLAN, DUMPED_TABLES, isDatabaseInternal, sqlTableName } from './plan.js';

const actor = testActor({ kind: 'system', door: 'cli' });

async function dumpOf(core: TestCore): Promise<string> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeDump(core, sink);
  return Buffer.concat(chunks).toString('utf8');
}

const withoutExportTime = (dump: string) => dump.replace(/"exportedAt":"[^"]*"/, '"exportedAt":"-"');
const restore = (core: TestCore, dump: string) => restoreDump(core, Readable.from([dump]));

/** Row counts and money sums: what a restore must keep exactly. */
async function fingerprint(core: TestCore) {
  const counts: Record<string, number> = {};
  for (const table of DUMPED_TABLES) {
    const result = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`.execute(core.db);
    counts[table] = Number(result.rows[0]?.n);
  }
  const money = await sql<Record<string, number | string | null>>`
    SELECT (SELECT SUM(expected_amount) FROM commitments) AS expected, (SELECT SUM(committed_amount) FROM commitments) AS committed,
           (SELECT SUM(funded_amount) FROM commitments) AS funded, (SELECT SUM(target_amount) FROM funds) AS target,
           (SELECT SUM(hard_cap_amount) FROM funds) AS hard_cap, (SELECT SUM(value_number) FROM custom_field_values) AS custom_numbers,
           (SELECT SUM(size) FROM email_blobs) AS blob_bytes`.execute(core.db);
  const sums = Object.fromEntries(Object.entries(money.rows[0] ?? {}).map(([key, value]) => [key, Number(value)]));
  return { counts, sums };
}

describe('the dump plan', () => {
  it('names every table of the schema, each dumped or excluded with a reason', () => {
    for (const [table, plan] of Object.entries(DUMP_PLAN)) {
      if (!plan.dump) expect(plan.reason.length, table).toBeGreaterThan(10);
    }
    expect(DUMPED_TABLES).toContain('activity_log');
    expect(DUMPED_TABLES).toContain('email_blobs');
    expect(DUMPED_TABLES).not.toContain('sessions');
  });

  it.each(testDialects())('covers every table the migrations create on %s', async (dialect) => {
    const core = await openTestCore(dialect);
    try {
      const planned = new Set(Object.keys(DUMP_PLAN).map(sqlTableName));
      const unplanned = (await databaseTables(core)).filter((table) => !planned.has(table) && !isDatabaseInternal(table));
      expect(unplanned).toEqual([]);
    } finally {
      await core.dispose();
    }
  });
});

describe('dump and restore', () => {
  let source: TestCore;
  let dump = '';
  let sourcePrint: Awaited<ReturnType<typeof fingerprint>>;

  beforeAll(async () => {
    source = await openTestCore('sqlite');
    await seedDemo(source, actor, { copies: 1 });
    await invoke(operations.identity.postRecords, { core: source, actor }, {
      records: [
        { source: 'csv', externalId: 'rec1', kind: 'person', firstName: 'Ada', lastName: 'Quill', emails: ['ada@quill.example'], organization: 'Quill Capital' },
        { source: 'csv', externalId: 'rec2', kind: 'organization', name: 'Quill Capital', website: 'https://quill.example' },
      ],
    });
    const mailbox = await insertTestMailbox(source);
    await insertTestEmail(source, {
      subject: 'Sub docs — “signed”',
      from: { address: 'ada@quill.example', name: 'Ada Quill' },
      to: [{ address: 'ir@fund.example.com', name: null }],
      sentAt: '2031-03-01T10:00:00.000Z',
      mailboxId: mailbox,
      bodyText: 'Attached, with a line\nand a tab\tand a quote "',
      // Every byte value, so base64 and bytea/blob handling are both exercised.
      attachments: [{ filename: 'bytes.bin', contentType: 'application/octet-stream', content: Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256)) }],
    });
    // A CSV import: its history, per-row report and remembered mapping travel too.
    const upload = await uploadImport(source, actor, {
      fileName: 'airtable.csv',
      bytes: Buffer.from('Name,Email,Organization\nRuth Okafor,ruth@okafor.example,Okafor Family Office\n'),
      entity: 'contacts',
    });
    await startImport(source, actor, upload.id, { entity: 'contacts', mapping: upload.suggestedMapping }, { wait: true });
    await source.dispatcher.drain();
    sourcePrint = await fingerprint(source);
    dump = await dumpOf(source);
  });
  afterAll(() => source.dispose());

  it('writes a versioned header and one section per dumped table, binary columns as base64', () => {
    const header = JSON.parse(`${dump.split('\n')[0]?.replace(/,"tables":\{$/, '')}}`);
    expect(header).toMatchObject({ format: 'lpdesk-dump', version: 1, schemaVersion: MIGRATION_NAMES.at(-1) });
    const parsed = JSON.parse(dump) as { tables: Record<string, { columns: string[]; binary: string[]; rows: unknown[][]; count: number }> };
    expect(Object.keys(parsed.tables)).toEqual([...DUMPED_TABLES]);
    expect(parsed.tables.email_blobs?.binary).toEqual(['content']);
    const blob = parsed.tables.email_blobs;
    const contentAt = blob?.columns.indexOf('content') ?? -1;
    expect(Buffer.from(String(blob?.rows[0]?.[contentAt]), 'base64')).toHaveLength(512);
    for (const section of Object.values(parsed.tables)) expect(section.rows).toHaveLength(section.count);
    expect(sourcePrint.counts.organizations).toBeGreaterThan(5);
    expect(sourcePrint.counts.activity_log).toBeGreaterThan(20);
    expect(sourcePrint.counts.import_rows).toBe(1);
    expect(sourcePrint.counts.import_mappings).toBe(1);
  });

  it.each(testDialects())('restores into an empty %s database with the same counts, sums and dump, and back into SQLite', async (dialect) => {
    const target = await openTestCore(dialect);
    const back = await openTestCore('sqlite');
    try {
      const summary = await restore(target, dump);
      expect(summary.tables.organizations).toBe(sourcePrint.counts.organizations);
      expect(await fingerprint(target)).toEqual(sourcePrint);
      const again = await dumpOf(target);
      expect(withoutExportTime(again)).toBe(withoutExportTime(dump));
      await restore(back, again);
      expect(withoutExportTime(await dumpOf(back))).toBe(withoutExportTime(dump));
      // The restored instance works: lists read, search finds, new rows get fresh serial ids.
      const organizations = await invoke(operations.organizations.list, { core: target, actor }, {});
      expect(organizations.total).toBe(sourcePrint.counts.organizations);
      await invoke(operations.organizations.create, { core: target, actor }, { name: 'After the restore', kind: 'other' });
      await target.dispatcher.drain();
      const found = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM search_documents WHERE LOWER(text) LIKE ${'%after the restore%'}`.execute(target.db);
      expect(Number(found.rows[0]?.n)).toBe(1);
    } finally {
      await target.dispose();
      await back.dispose();
    }
  });

  it.each(testDialects())('refuses a damaged, foreign or truncated file on %s, writing nothing, and restores once a started instance only has its own rows', async (dialect) => {
    const target = await openTestCore(dialect);
    try {
      const lines = dump.split('\n');
      const damaged = [...lines.slice(0, 40), `${lines[40]?.slice(0, 10)}`, ...lines.slice(41)].join('\n');
      await expect(restore(target, damaged)).rejects.toThrow(/Line 41 of the dump: .*not valid JSON.*Nothing was imported/);
      await expect(restore(target, '{"format":"other","tables":{\n}}\n')).rejects.toThrow(/the format is "other"/);
      await expect(restore(target, dump.replace('"version":1', '"version":9'))).rejects.toThrow(/version 9 is not supported/);
      await expect(restore(target, dump.replace(/"schemaVersion":"[^"]+"/, '"schemaVersion":"0015_identity"'))).rejects.toThrow(/schema 0015_identity/);
      await expect(restore(target, lines.slice(0, -5).join('\n'))).rejects.toThrow(/truncated/);
      await expect(restore(target, '')).rejects.toThrow(/empty/);
      expect((await fingerprint(target)).counts.organizations).toBe(0);
      expect((await fingerprint(target)).counts.users).toBe(0);

      // A server that already ran has logged its scheduler's job enqueues: still empty.
      await enqueueJob(target, { kind: 'system', id: null, role: 'admin', userId: null, name: 'scheduler', door: 'job', requestId: null }, { kind: 'maintenance.optimize' });
      expect((await fingerprint(target)).counts.activity_log).toBe(1);
      const started = await restore(target, dump);
      expect((await fingerprint(target)).counts.activity_log).toBe((sourcePrint.counts.activity_log ?? 0) + 1);
      expect(started.tables.organizations).toBe(sourcePrint.counts.organizations);
    } finally {
      await target.dispose();
    }
  });

  it.each(testDialects())('refuses a non-empty %s target, writing nothing', async (dialect) => {
    const target = await openTestCore(dialect);
    try {
      await invoke(operations.organizations.create, { core: target, actor }, { name: 'Already here', kind: 'other' });
      const before = await fingerprint(target);
      await expect(restore(target, dump)).rejects.toThrow(/not empty: .*organizations \(1\)/);
      expect(await fingerprint(target)).toEqual(before);
    } finally {
      await target.dispose();
    }
  });
});
