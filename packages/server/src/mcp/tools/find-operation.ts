import { type Operation, operations } from '@lpdesk/core';

/** An operation by its name (e.g. `retrieval.search`), or null when this build has none by that name. */
export function findOperation(name: string): Operation | null {
  for (const group of Object.values(operations) as Record<string, Operation>[]) {
    for (const operation of Object.values(group)) if (operation.name === name) return operation;
  }
  return null;
}
