import { v7 } from 'uuid';

/** Time-ordered ids keep B-tree inserts local and let ids sort by creation. */
export function newId(): string {
  return v7();
}

/** Normalise any ISO-8601 instant to UTC with milliseconds, so text ordering is time ordering. */
export function toUtcIso(value: string): string {
  return new Date(value).toISOString();
}
