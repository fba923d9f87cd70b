/** What an import (or its dry run) did, in the shape the acceptance checks read (issue 13). */
export interface LegacyEntityRef {
  table: string;
  id: string;
  name?: string | null;
  entityType?: string;
  entityId?: string;
}

export interface LegacyMerge {
  /** The legacy rows that became one LP Desk entity. */
  records: LegacyEntityRef[];
  entityType: string;
  entityId: string;
  reason: string;
}

export interface LegacyMergeSuggestion {
  entityType: string;
  records: { entityId: string; legacy: LegacyEntityRef[] }[];
  confidence: number;
  reason: string;
}

export interface LegacyMoneyProblem {
  investor: string;
  fund: string;
  raw: string;
  kind: 'unparseable' | 'conflict';
  /** For a conflict: each source's amount in minor units, and which one was kept. */
  values?: Record<string, number>;
}

export interface LegacyImportReport {
  file: string;
  dryRun: boolean;
  /** Rows read per legacy table. */
  tables: Record<string, number>;
  /** LP Desk records created / updated, per entity. */
  created: Record<string, number>;
  updated: Record<string, number>;
  merges: LegacyMerge[];
  mergeSuggestions: LegacyMergeSuggestion[];
  moneyProblems: LegacyMoneyProblem[];
  malformed: { table: string; id: string; column: string }[];
  skipped: { table: string; id: string; reason: string }[];
  durationMs: number;
}

export function emptyReport(file: string, dryRun: boolean): LegacyImportReport {
  return { file, dryRun, tables: {}, created: {}, updated: {}, merges: [], mergeSuggestions: [], moneyProblems: [], malformed: [], skipped: [], durationMs: 0 };
}

export function countCreated(report: LegacyImportReport, entity: string, by = 1): void {
  report.created[entity] = (report.created[entity] ?? 0) + by;
}

export function countUpdated(report: LegacyImportReport, entity: string, by = 1): void {
  report.updated[entity] = (report.updated[entity] ?? 0) + by;
}
