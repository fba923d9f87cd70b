import type { ImportReport, ImportRowReport } from '@lpdesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { manualTestClock, openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';

const actions = (report: ImportReport) => report.rows.map((row: ImportRowReport) => [row.line, row.action]);

describe.each(testDialects())('CSV import after an undo, and truthful notes, on %s', (dialect) => {
  let core: TestCore;
  const clock = manualTestClock();
  const ctx = () => ({ core, actor: testActor() });
  const upload = (fileName: string, csv: string) => invoke(operations.imports.upload, ctx(), { fileName, bytes: Buffer.from(csv), entity: 'contacts' });
  const dryRun = (id: string, run: unknown) => invoke(operations.imports.dryRun, ctx(), { id, run });
  const run = (id: string, body: unknown) => invoke(operations.imports.run, ctx(), { id, run: body });

  beforeAll(async () => {
    core = await openTestCore(dialect, { clock });
  });
  afterAll(() => core.dispose());

  it('imports the same file again after "Undo this import": trashed tags, organizations and contacts come back', async () => {
    const csv = 'Name,Email,Company,Tags\nRita Redo,rita@redo.example,Redo Partners,"Redo LP, Tier 9"\nSam Again,sam@redo.example,Redo Partners,Redo LP\nNo Email,,Other Redo Co,\n';
    const first = await upload('redo.csv', csv);
    const body = { entity: 'contacts', mapping: first.suggestedMapping };
    const done = await run(first.id, body);
    expect(done.totals).toMatchObject({ create: 3, error: 0 });
    const [rita, sam, noEmail] = done.rows.map((row) => row.entityId as string);
    await invoke(operations.imports.undo, ctx(), { id: first.id });
    expect((await invoke(operations.contacts.get, ctx(), { id: rita as string })).deletedAt).not.toBeNull();

    const second = await upload('redo.csv', csv);
    const dry = await dryRun(second.id, body);
    expect(actions(dry)).toEqual([
      [2, 'create'],
      [3, 'create'],
      [4, 'create'],
    ]);
    expect(dry.rows[0]?.errors).toBeUndefined();
    expect(dry.rows[0]?.notes).toEqual([
      'restores Rita Redo from the trash (removed by an import undo)',
      'restores organization "Redo Partners" from the trash (removed by an import undo)',
      'restores tag "Redo LP" from the trash (removed by an import undo)',
      'restores tag "Tier 9" from the trash (removed by an import undo)',
    ]);
    // The second row finds what the first brought back.
    expect(dry.rows[1]?.notes).toEqual(['restores Sam Again from the trash (removed by an import undo)']);

    const again = await run(second.id, body);
    expect(actions(again)).toEqual(actions(dry));
    // The people come back as themselves (same ids), not as copies; the one without an email is new.
    expect(again.rows[0]?.entityId).toBe(rita);
    expect(again.rows[1]?.entityId).toBe(sam);
    expect(again.rows[2]?.entityId).not.toBe(noEmail);
    const restored = await invoke(operations.contacts.get, ctx(), { id: rita as string });
    expect(restored).toMatchObject({ deletedAt: null, emails: ['rita@redo.example'], primaryOrganization: { name: 'Redo Partners' } });
    expect(restored.tags.map((tag) => tag.name).sort()).toEqual(['Redo LP', 'Tier 9']);
    expect((await invoke(operations.organizations.list, ctx(), { q: 'Redo Partners' })).total).toBe(1);
    // Each restore is logged as the import's actor, with the import's id.
    const restores = await core.db.selectFrom('activityLog').select(['entityType', 'actorName']).where('batchId', '=', second.id).where('action', '=', 'restore').execute();
    expect(restores.map((entry) => entry.entityType).sort()).toEqual(['contact', 'contact', 'organization', 'organization', 'tag', 'tag']);
    expect(new Set(restores.map((entry) => entry.actorName))).toEqual(new Set(['test']));

    // Undoing the second import trashes them again.
    const undone = await invoke(operations.imports.undo, ctx(), { id: second.id });
    expect(undone.trashed).toBe(7);
    expect((await invoke(operations.contacts.get, ctx(), { id: rita as string })).deletedAt).not.toBeNull();
    expect((await invoke(operations.organizations.list, ctx(), { q: 'Redo Partners' })).total).toBe(0);
  });

  it('a skipped duplicate row does not claim to create its organization or tags', async () => {
    await invoke(operations.contacts.create, ctx(), { firstName: 'Kim', lastName: 'Known', emails: ['kim@known.example'] });
    const uploaded = await upload('notes.csv', 'Name,Email,Company,Tags\nKim Known,kim@known.example,Never Made Ltd,Never Tag\nLee New,lee@new.example,Made Ltd,Made Tag\n');
    const body = { entity: 'contacts', mapping: uploaded.suggestedMapping, options: { onDuplicate: 'skip' } };
    const dry = await dryRun(uploaded.id, body);
    const done = await run(uploaded.id, body);
    for (const report of [dry, done]) {
      expect(actions(report)).toEqual([
        [2, 'skip'],
        [3, 'create'],
      ]);
      expect(report.rows[0]?.notes).toBeUndefined();
      expect(report.rows[1]?.notes).toEqual(['new organization "Made Ltd"', 'new tag "Made Tag"']);
    }
    expect((await invoke(operations.organizations.list, ctx(), { q: 'Never Made' })).total).toBe(0);
  });
});
