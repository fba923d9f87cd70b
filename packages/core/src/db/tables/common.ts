/**
 * Table shapes as Kysely sees them, in camelCase (CamelCasePlugin maps to snake_case columns).
 * Portable types only: timestamps are UTC ISO-8601 text, dates YYYY-MM-DD text, booleans 0/1 integers,
 * money integer minor units (BIGINT on PostgreSQL, parsed back to number), JSON as text.
 */
export type Bool = number;

/** Timestamps and authorship every user-facing record carries. */
export interface Audited {
  /** 1 on insert, +1 per change (kernel/records.ts claimRow); what If-Match compares. */
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  updatedBy: string | null;
  deletedAt: string | null;
  deletedBy: string | null;
}
