import type { IdentitySourceRecordInput } from '@lpdesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { openTestCore, testActor, type TestCore } from '../testing/index.js';

/** Opt-in (LPDESK_IDENTITY_SCALE=10000): real-time resolution in batches of 1,000, then a full scan within 5 s. */
const SIZE = Number(process.env.LPDESK_IDENTITY_SCALE ?? 0);

describe.skipIf(!SIZE)('identity at scale on sqlite', () => {
  let core: TestCore;
  const ctx = () => ({ core, actor: testActor() });
  beforeAll(async () => {
    core = await openTestCore('sqlite');
  });
  afterAll(() => core.dispose());

  it(`resolves ${SIZE} records and scans them`, async () => {
    const people = Math.ceil(SIZE / 2);
    const records: IdentitySourceRecordInput[] = [];
    for (let i = 0; i < SIZE; i += 1) {
      const person = i % people;
      records.push({
        source: i < people ? 'csv' : 'airtable',
        externalId: `s${i}`,
        kind: 'person',
        name: `Person${person} Surname${person % 997}`,
        emails: [`person${person}@firm${person % 300}.example.com`],
        organization: `Firm ${person % 300} Capital`,
      });
    }
    const started = performance.now();
    for (let i = 0; i < records.length; i += 1000) await invoke(operations.identity.postRecords, ctx(), { records: records.slice(i, i + 1000) });
    const resolveMs = performance.now() - started;
    const scan = await invoke(operations.identity.scan, ctx(), {});
    console.log(`resolve ${SIZE}: ${Math.round(resolveMs)} ms; scan: ${JSON.stringify(scan)}`);
    expect(scan.durationMs).toBeLessThan(5000);
  }, 600_000);
});
