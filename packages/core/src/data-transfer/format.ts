/**
 * The dump file (docs/export.md). One JSON document, laid out one row per line so that writing and
 * restoring stream a table at a time instead of holding the database in memory:
 *
 *   {"format":"lpdesk-dump","version":1,"schemaVersion":"0016_email","exportedAt":"…","tables":{
 *   "users":{"columns":["created_at",…],"rows":[
 *   ["2031-03-14T15:00:00.000Z",…],
 *   …
 *   ],"count":12},
 *   …
 *   }}
 *
 * `lpdesk import json` reads exactly this layout back (a file reformatted by another tool is refused).
 */
export const DUMP_FORMAT = 'lpdesk-dump';
export const DUMP_VERSION = 1;

export interface DumpHeader {
  format: typeof DUMP_FORMAT;
  version: number;
  /** The last migration applied to the database it came from: a restore needs the same. */
  schemaVersion: string;
  exportedAt: string;
  /** Where the format is described. */
  documentation: string;
}

export const DUMP_DOCUMENTATION = 'docs/export.md (LP Desk repository)';

/** A table section's opening line: its columns (sorted) and which of them hold base64 bytes. */
export interface TableOpening {
  columns: string[];
  binary: string[];
}

export interface DumpSummary {
  schemaVersion: string;
  /** Rows per dumped table, in file order. */
  tables: Record<string, number>;
}

export const headerLine = (header: DumpHeader) => `${JSON.stringify(header).slice(0, -1)},"tables":{\n`;
export const tableOpeningLine = (table: string, opening: TableOpening, first: boolean) =>
  `${first ? '' : ','}${JSON.stringify(table)}:${JSON.stringify(opening).slice(0, -1)},"rows":[\n`;
export const tableClosingLine = (count: number) => `],"count":${count}}\n`;
export const DUMP_END = '}}\n';
