export { DUMP_PLAN, DUMPED_TABLES, EXCLUDED_TABLES, isDatabaseInternal } from './plan.js';
export { DUMP_FORMAT, DUMP_VERSION, type DumpHeader, type DumpSummary } from './format.js';
export { currentSchemaVersion, writeDump } from './export-dump.js';
export { restoreDump } from './import-dump.js';
export { assertEmptyTarget } from './empty-target.js';
