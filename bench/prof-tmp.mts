import { generateContactsCsv } from '../packages/core/src/imports/fixtures/generate.js';
import { openTestCore, testActor } from '../packages/core/src/testing/index.js';
import { uploadImport, dryRunImport, startImport } from '../packages/core/src/imports/index.js';
const n = Number(process.argv[2] ?? 2000);
const mode = process.argv[3] ?? 'both';
const core = await openTestCore('sqlite');
const gen = generateContactsCsv(n);
let t = performance.now();
const up = await uploadImport(core, testActor(), { fileName: 'x.csv', bytes: Buffer.from(gen.csv) });
console.log('upload', (performance.now() - t).toFixed(0), 'ms', up.preview.rowCount);
t = performance.now();
const dry = await dryRunImport(core, up.id, { entity: 'contacts', mapping: up.suggestedMapping });
console.log('dry', (performance.now() - t).toFixed(0), 'ms', dry.totals, JSON.stringify(dry.rows.filter(r=>r.errors).slice(0,2)));
if (mode === 'both') {
t = performance.now();
const run = await startImport(core, testActor(), up.id, { entity: 'contacts', mapping: up.suggestedMapping }, { wait: true });
console.log('run', (performance.now() - t).toFixed(0), 'ms', run.totals);
}
await core.dispose();
