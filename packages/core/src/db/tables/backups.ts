import type { Bool } from './common.js';

export interface BackupsTable {
  id: string;
  kind: string;
  dialect: string;
  /** The payload file (absolute); its manifest sits beside it as <file>.manifest.json. */
  file: string | null;
  bytes: number | null;
  sha256: string | null;
  encrypted: Bool;
  status: string;
  schemaVersion: string;
  verifiedAt: string | null;
  error: string | null;
  countsJson: string;
  durationMs: number | null;
  createdAt: string;
  createdBy: string | null;
}

export interface BackupSettingsTable {
  id: string;
  enabled: Bool;
  time: string;
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
  keepPreRestoreDays: number;
  directory: string | null;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
}
