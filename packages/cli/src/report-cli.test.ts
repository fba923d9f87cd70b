import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runLpdesk } from './testing/run-lpdesk.js';

describe('lpdesk report', () => {
  it('prints reports as aligned tables with the fund currency, as JSON rows and as CSV', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lpdesk-report-cli-'));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    const lpdesk = (args: string[]) => runLpdesk(['--data-dir', dataDir, ...args]);
    expect((await lpdesk(['migrate', 'up'])).code).toBe(0);
    const seeded = await lpdesk(['seed', '--demo']);
    expect(seeded.code, seeded.stderr).toBe(0);

    // The table: every re-up row names the currency of the fund being raised (it used to be blank).
    const reups = await lpdesk(['report', 'reups', '--from-fund', 'Fund I', '--to-fund', 'fund ii']);
    expect(reups.code, reups.stderr).toBe(0);
    const lines = reups.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('6 prior LPs');
    const header = lines.find((line) => line.startsWith('Investor'));
    expect(header).toMatch(/Currency$/);
    const rows = lines.slice(lines.indexOf(header as string) + 2);
    expect(rows).toHaveLength(6);
    for (const row of rows) expect(row).toMatch(/ USD$/);
    expect(rows.find((row) => row.startsWith('Harborview Family Office'))).toMatch(/ 5000000\.00 +committed .* committed +7500000\.00 +USD$/);

    // JSON rows: the demo's stage history shows in conversion (all twelve entered at lead, eleven moved on).
    const conversion = await lpdesk(['--json', 'report', 'conversion', '--fund', 'Fund II']);
    expect(conversion.code, conversion.stderr).toBe(0);
    const stages = JSON.parse(conversion.stdout) as { table: string; rows: unknown[][] };
    expect(stages.table).toBe('stages');
    expect(stages.rows[0]?.slice(0, 3)).toEqual(['lead', 12, 11]);

    // CSV of one table; and a clear refusal for an unknown one.
    const csv = await lpdesk(['report', 'reups', '--from-fund', 'Fund I', '--to-fund', 'Fund II', '--csv']);
    expect(csv.stdout.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe('Investor,Investor id,Prior committed,Status,Commitment id,Stage,Amount,Currency');
    const wrong = await lpdesk(['report', 'reups', '--from-fund', 'Fund I', '--to-fund', 'Fund II', '--table', 'nope']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/--table: reups has the tables reups/);
  });
});
