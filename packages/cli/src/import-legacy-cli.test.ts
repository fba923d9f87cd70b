import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLegacyDatabase } from '@lpdesk/core/testing';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runLpdesk } from './testing/run-lpdesk.js';

describe('lpdesk import legacy', () => {
  it('dry-runs, imports with a JSON report and a readable summary, and re-runs creating nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpdesk-legacy-cli-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const legacy = join(dir, 'crm.db');
    buildLegacyDatabase(legacy);
    const lpdesk = (args: string[]) => runLpdesk(['--data-dir', join(dir, 'data'), ...args]);

    const dry = await lpdesk(['import', 'legacy', legacy, '--dry-run', '--report', join(dir, 'dry.json')]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^Dry run \(nothing written\)/);
    const dryReport = JSON.parse(readFileSync(join(dir, 'dry.json'), 'utf8'));
    expect(dryReport).toMatchObject({ dryRun: true, tables: { users: 3, contacts: 4 }, created: { user: 3, organization: 6, contact: 6, commitment: 5 } });

    const run = await lpdesk(['import', 'legacy', legacy, '--report', join(dir, 'run.json')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Created: .*commitment 5/);
    expect(run.stdout).toMatch(/Merged: 8/);
    expect(run.stdout).toMatch(/money conflict: Acme Capital × Fund II: "\$1\.2M" grid 1,200,000 \/ lp_profile 1,000,000 \/ opportunity 1,000,000/);
    expect(run.stdout).toMatch(/malformed JSON: audit_log a3 column changes/);
    const report = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    expect(report.created).toEqual(dryReport.created);
    for (const key of ['tables', 'created', 'updated', 'merges', 'mergeSuggestions', 'moneyProblems', 'malformed', 'skipped'])
      expect(report).toHaveProperty(key);

    const again = await lpdesk(['import', 'legacy', legacy, '--report', join(dir, 'again.json')]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/Created: nothing/);
    expect(JSON.parse(readFileSync(join(dir, 'again.json'), 'utf8')).created).toEqual({});

    const missing = await lpdesk(['import', 'legacy', join(dir, 'nope.db')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/not a readable SQLite database/);
  });
});
