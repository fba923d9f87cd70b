import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invoke, openCore, operations, systemActor } from '@lpdesk/core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runLpdesk } from './testing/run-lpdesk.js';

describe('lpdesk identity', () => {
  it('scan files existing contacts with a progress bar on stderr and prints counts; how and why explain', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lpdesk-identity-cli-'));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    const lpdesk = (args: string[]) => runLpdesk(['--data-dir', dataDir, ...args]);
    expect((await lpdesk(['migrate', 'up'])).code).toBe(0);
    const core = await openCore({ kind: 'sqlite', file: join(dataDir, 'lpdesk.sqlite') });
    let ids: string[];
    try {
      const ctx = { core, actor: systemActor('cli') };
      ids = [
        (await invoke(operations.contacts.create, ctx, { firstName: 'Ama', lastName: 'Mensah', emails: ['ama@mensah.example.com'] })).id,
        (await invoke(operations.contacts.create, ctx, { firstName: 'Bo', lastName: 'Lindgren', emails: ['bo@lindgren.example.com'] })).id,
      ];
      // As if the contacts predated identity resolution: their records are gone until a scan files them.
      await core.db.deleteFrom('identityRecordKeys').where('entityId', 'in', ids).execute();
      await core.db.deleteFrom('identityRecords').where('entityId', 'in', ids).execute();
      await invoke(operations.organizations.create, { core, actor: systemActor('cli') }, { name: 'Mensah Family Office' });
    } finally {
      await core.close();
    }
    const scan = await lpdesk(['identity', 'scan']);
    expect(scan.code).toBe(0);
    expect(scan.stdout).toMatch(/Scanned 3 records \(3 entities, 2 newly filed\)/);
    expect(scan.stdout).toMatch(/0 merged automatically/);
    expect(scan.stderr).toMatch(/\[#+-*\]\s+\d+% /);

    const how = await lpdesk(['identity', 'how', ids[0] as string]);
    expect(how.code).toBe(0);
    expect(how.stdout).toMatch(/contact Ama Mensah/);
    expect(how.stdout).toMatch(/manual\/.* manual 1\.00/);
    const why = JSON.parse((await lpdesk(['identity', 'why', ids[0] as string, ids[1] as string, '--json'])).stdout);
    expect(why).toMatchObject({ sameEntity: false, verdict: 'distinct' });
    expect((await lpdesk(['identity', 'how', '01900000-0000-7000-8000-000000000009'])).code).toBe(3);
  });
});
