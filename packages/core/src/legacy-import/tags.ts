import { tagId } from './fields.js';
import { instant, text } from './reader.js';
import { backdate, countState, type ImportRun, track } from './run.js';

/**
 * The legacy `tags` table is a palette (name, colour) not linked to the per-row JSON arrays; each entry
 * becomes an LP Desk tag with its colour. Row arrays are applied by each area (fields.ts addTags).
 */
export async function importTagPalette(run: ImportRun): Promise<void> {
  for (const row of run.legacy.rows('tags')) {
    const name = text(row.name);
    if (!name) {
      run.report.skipped.push({ table: 'tags', id: String(row.id), reason: 'no name' });
      continue;
    }
    const before = run.report.created.tag ?? 0;
    const id = await tagId(run, name, text(row.color));
    const createdNow = (run.report.created.tag ?? 0) > before;
    if (createdNow) await backdate(run, 'tags', id, instant(row.created_at));
    // tagId counted a creation already; the ledger only records the row.
    const state = await track(run, 'tags', String(row.id), 'tag', id, { name, color: text(row.color) });
    if (state === 'changed') countState(run, 'tag', state, createdNow);
  }
}
