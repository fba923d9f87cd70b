// CSV/TSV imports (core/imports).

/** One uploaded file and its run: the decoded text, mapping, options, cursor and totals. */
export interface ImportsTable {
  id: string;
  fileName: string;
  encoding: string;
  delimiter: string;
  columnsJson: string;
  headerSignature: string;
  content: string;
  rowCount: number;
  entity: string | null;
  mappingJson: string | null;
  optionsJson: string | null;
  status: string;
  processedRows: number;
  totalsJson: string | null;
  error: string | null;
  actorJson: string;
  createdBy: string | null;
  createdByName: string;
  createdAt: string;
  startedAt: string | null;
  /** Set by the process running the batches; a stale one lets another process resume the run. */
  heartbeatAt: string | null;
  finishedAt: string | null;
  undoneAt: string | null;
  undoneBy: string | null;
}

/** What a run did with one line; updates keep the changed fields before and after (for undo). */
export interface ImportRowsTable {
  importId: string;
  line: number;
  action: string;
  entityType: string | null;
  entityId: string | null;
  reportJson: string;
  beforeJson: string | null;
  afterJson: string | null;
}

/** The last mapping used for an entity and a set of headers. */
export interface ImportMappingsTable {
  entity: string;
  headerSignature: string;
  mappingJson: string;
  updatedAt: string;
  updatedBy: string | null;
}
