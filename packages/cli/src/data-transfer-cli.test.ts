import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runLpdesk } from './testing/run-lpdesk.js';

describe('lpdesk export json / import json', () => {
  it('dumps a seeded instance and restores it into a new one, refusing a non-empty target and a damaged file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lpdesk-dump-cli-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    const source = (args: string[]) => runLpdesk(['--data-dir', join(root, 'source'), ...args]);
    const target = (args: string[]) => runLpdesk(['--data-dir', join(root, 'target'), ...args]);
    const file = join(root, 'dump.json');

    expect((await source(['seed', '--demo'])).code).toBe(0);
    const exported = await source(['export', 'json', file]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^Exported \d+ rows of \d+ tables \(schema \d{4}_\w+\) to /);
    expect(existsSync(`${file}.partial`)).toBe(false);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'lpdesk-dump', version: 1 });

    const imported = await target(['import', 'json', file, '--json']);
    expect(imported.code).toBe(0);
    const summary = JSON.parse(imported.stdout) as { tables: Record<string, number> };
    const sourceCounts = JSON.parse((await source(['export', 'json', join(root, 'again.json'), '--json'])).stdout) as { tables: Record<string, number> };
    expect(summary.tables).toEqual(sourceCounts.tables);
    expect(summary.tables.organizations).toBeGreaterThan(5);

    const again = await target(['import', 'json', file]);
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/target database is not empty/);

    const damaged = join(root, 'damaged.json');
    writeFileSync(damaged, readFileSync(file, 'utf8').slice(0, 5000));
    const refused = await runLpdesk(['--data-dir', join(root, 'third'), 'import', 'json', damaged]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/Line \d+ of the dump: .*Nothing was imported/);
    expect((await runLpdesk(['--data-dir', join(root, 'third'), 'import', 'json', join(root, 'missing.json')])).stderr).toMatch(/No such file/);
    expect((await source(['export', 'json'])).stderr).toMatch(/Name the dump file/);
  }, 120_000);
});
