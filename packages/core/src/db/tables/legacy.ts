// The legacy import's ledger (core/legacy-import, migration 0018).

/** One legacy row brought over: which LP Desk entity it became and a fingerprint of what was read. */
export interface LegacyImportRowsTable {
  sourceTable: string;
  legacyId: string;
  entityType: string;
  entityId: string | null;
  fingerprint: string;
  importedAt: string;
  updatedAt: string;
}
