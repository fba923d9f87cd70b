import type { BackupKind, BackupStatus, BackupView } from '@lpdesk/contracts';
import type { Row } from '../db/schema.js';

export function presentBackup(row: Row<'backups'>): BackupView {
  return {
    id: row.id,
    kind: row.kind as BackupKind,
    dialect: row.dialect as BackupView['dialect'],
    file: row.file,
    bytes: row.bytes === null ? null : Number(row.bytes),
    sha256: row.sha256,
    encrypted: row.encrypted === 1,
    status: row.status as BackupStatus,
    schemaVersion: row.schemaVersion,
    verifiedAt: row.verifiedAt,
    error: row.error,
    counts: JSON.parse(row.countsJson) as Record<string, number>,
    durationMs: row.durationMs,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
  };
}
