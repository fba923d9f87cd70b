import Database from 'better-sqlite3';
import { Invalid } from '../kernel/errors.js';
import type { LegacyImportReport } from './report.js';
import { LEGACY_TABLES, type LegacyTable } from './schema.js';

export type LegacyRow = Record<string, unknown>;

/**
 * The legacy crm.db, opened read-only (the file is never written: no WAL checkpoint, no journal) and
 * read whole: ~400 records fit in memory many times over.
 */
export class LegacyDatabase {
  private readonly db: Database.Database;
  private readonly present: Set<string>;
  private readonly cache = new Map<string, LegacyRow[]>();

  constructor(
    readonly path: string,
    private readonly report: LegacyImportReport,
  ) {
    try {
      this.db = new Database(path, { readonly: true, fileMustExist: true });
      this.db.pragma('query_only = ON');
      const names = this.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[];
      this.present = new Set(names.map((row) => row.name));
    } catch (error) {
      throw new Invalid(`${path}: not a readable SQLite database (${(error as Error).message})`);
    }
    if (!this.present.has('users') || !this.present.has('contacts')) throw new Invalid(`${path}: not a legacy CRM database (no users or contacts table)`);
  }

  /** Every row of a table (none when the table is absent), counted once in the report. */
  rows(table: LegacyTable): LegacyRow[] {
    const cached = this.cache.get(table);
    if (cached) return cached;
    const rows = this.present.has(table) ? (this.db.prepare(`SELECT * FROM "${table}"`).all() as LegacyRow[]) : [];
    this.cache.set(table, rows);
    this.report.tables[table] = rows.length;
    return rows;
  }

  countAll(): void {
    for (const table of LEGACY_TABLES) this.rows(table);
  }

  close(): void {
    this.db.close();
  }

  /**
   * A JSON TEXT column. The legacy tool turned malformed JSON into `{}` silently; here it is reported
   * (table, id, column) and the caller gets `undefined`, never an invented empty value.
   */
  json(table: LegacyTable, row: LegacyRow, column: string): unknown {
    const raw = row[column];
    if (raw === null || raw === undefined || raw === '') return null;
    if (typeof raw !== 'string') return raw;
    try {
      return JSON.parse(raw);
    } catch {
      this.report.malformed.push({ table, id: String(row.id ?? row.key ?? ''), column });
      return undefined;
    }
  }

  /** A JSON array of strings (tags, attendees, addresses); malformed or not an array → reported, empty. */
  stringList(table: LegacyTable, row: LegacyRow, column: string): string[] {
    const value = this.json(table, row, column);
    if (value === null || value === undefined) return [];
    if (!Array.isArray(value)) {
      this.report.malformed.push({ table, id: String(row.id ?? ''), column });
      return [];
    }
    return value
      .map((item) =>
        typeof item === 'string' ? item : typeof item === 'object' && item && 'email' in item ? String((item as { email: unknown }).email) : String(item),
      )
      .filter((item) => item.trim() !== '');
  }
}

export const text = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  const trimmed = String(value).trim();
  return trimmed === '' ? null : trimmed;
};

export const flag = (value: unknown): boolean => value === 1 || value === '1' || value === true || value === 'true';

/** A legacy timestamp as UTC ISO-8601 (the tool wrote `2024-01-10T15:00:00Z`, `2024-01-10 15:00:00` or a date). */
export function instant(value: unknown): string | null {
  const raw = text(value);
  if (!raw) return null;
  const normalized = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw.replace(' ', 'T');
  const withZone = /[zZ]|[+-]\d{2}:?\d{2}$/.test(normalized) ? normalized : `${normalized}Z`;
  const date = new Date(withZone);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A calendar day YYYY-MM-DD from a date or timestamp. */
export function calendarDay(value: unknown): string | null {
  const raw = text(value);
  if (!raw) return null;
  if (/^\d{4}-\d{2}-\d{2}/.test(raw)) return raw.slice(0, 10);
  return instant(raw)?.slice(0, 10) ?? null;
}
