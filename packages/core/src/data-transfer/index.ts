import type { Writable } from 'node:stream';
import { z } from 'zod';
import { today } from '../kernel/context.js';
import { defineOperation } from '../kernel/operations.js';
import { writeDump } from './export-dump.js';
import type { DumpSummary } from './format.js';

export { DUMP_PLAN, DUMPED_TABLES, EXCLUDED_TABLES, isDatabaseInternal } from './plan.js';
export { DUMP_FORMAT, DUMP_VERSION, type DumpHeader, type DumpSummary } from './format.js';
export { currentSchemaVersion, writeDump } from './export-dump.js';
export { restoreDump } from './import-dump.js';
export { assertEmptyTarget } from './empty-target.js';

/** A dump ready to stream: doors write it to an HTTP response or a file. */
export interface PreparedDump {
  filename: string;
  contentType: string;
  writeTo(sink: Writable): Promise<DumpSummary>;
}

const Prepared = z.custom<PreparedDump>().meta({ description: 'A JSON dump to stream: filename, content type and writeTo(sink)' });

export const dataTransferOperations = {
  dump: defineOperation({
    name: 'dataTransfer.dump',
    summary: 'The whole database as one JSON dump (docs/export.md), restorable into an empty instance with lpdesk import json',
    permission: 'data.export',
    input: z.strictObject({}),
    output: Prepared,
    run: async ({ core }) => ({
      filename: `lpdesk-dump-${today(core)}.json`,
      contentType: 'application/json; charset=utf-8',
      writeTo: (sink: Writable) => writeDump(core, sink),
    }),
  }),
};
