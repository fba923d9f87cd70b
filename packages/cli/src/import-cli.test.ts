import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runLpdesk, repoRoot } from './testing/run-lpdesk.js';

const fixture = join(repoRoot, 'packages/core/src/imports/fixtures/contacts-airtable.csv');

describe('lpdesk import csv', () => {
  it('prints the suggested mapping, dry-runs, imports with a progress bar, and refuses bad input with exit 2', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lpdesk-import-cli-'));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    const lpdesk = (args: string[]) => runLpdesk(['--data-dir', dataDir, ...args]);

    const dry = await lpdesk(['import', 'csv', fixture, '--entity', 'contacts', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toMatch(/Mapping for contacts \(suggested from the headers/);
    expect(dry.stderr).toMatch(/Company \(from Organization\) → organization/);
    expect(dry.stdout).toMatch(/Dry run of .*: 9 rows, 6 to create, 0 to update, 1 skipped, 2 with errors/);
    expect(dry.stdout).toMatch(/line 10 +error +Email: "not-an-email" is not an email address/);

    const run = await lpdesk(['import', 'csv', fixture, '--entity', 'contacts', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ dryRun: false, status: 'completed', totals: { rows: 9, create: 6, update: 0, skip: 1, error: 2 } });

    // The same file again with a mapping file and --on-duplicate update: every good row now updates.
    const mappingFile = join(dataDir, 'mapping.json');
    writeFileSync(mappingFile, JSON.stringify({ Name: 'fullName', Email: 'email', Title: 'title' }));
    const again = await lpdesk(['import', 'csv', fixture, '--entity', 'contacts', '--mapping', mappingFile, '--on-duplicate', 'update']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/\[#+\] 100% 9 of 9 rows/);
    expect(again.stdout).toMatch(/Imported .*: 9 rows, 2 created, 6 updated, 0 skipped, 1 with errors/);

    const unknownField = join(dataDir, 'bad-mapping.json');
    writeFileSync(unknownField, JSON.stringify({ Name: 'shoeSize' }));
    const refused = await lpdesk(['import', 'csv', fixture, '--entity', 'contacts', '--mapping', unknownField]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/contacts have no field "shoeSize"/);
    expect((await lpdesk(['import', 'csv', fixture, '--entity', 'investors'])).code).toBe(2);
    const empty = join(dataDir, 'empty.csv');
    writeFileSync(empty, '');
    const emptyRun = await lpdesk(['import', 'csv', empty]);
    expect(emptyRun).toMatchObject({ code: 2, stderr: expect.stringMatching(/The file is empty/) });
    expect((await lpdesk(['import', 'csv', join(dataDir, 'missing.csv')])).code).toBe(3);
  });
});
