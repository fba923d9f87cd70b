import type { OrganizationKind } from '@lpdesk/contracts';
import { splitIntoChunks } from '../kernel/chunks.js';
import { auditedInsertFields } from '../kernel/records.js';
import type { WriteScope } from '../kernel/write.js';
import { snapshot } from './commands.js';
import { presentOrganizations } from './presenter.js';

/** An organization known only by its name (one a contacts import names): no domains, tags or custom fields. */
export interface NamedOrganization {
  id: string;
  name: string;
  kind: OrganizationKind;
}

// 14 columns a row: 500 rows stay far below SQLite's 32,766 parameters.
const ROWS_PER_INSERT = 500;

/**
 * Create many name-only organizations as `createOrganizationIn` creates each (same row, same `create`
 * log entry and event) in one multi-row insert and one presenting read per chunk.
 */
export async function createNamedOrganizationsIn(scope: WriteScope, organizations: NamedOrganization[]): Promise<void> {
  for (const chunk of splitIntoChunks(organizations, ROWS_PER_INSERT)) {
    const rows = chunk.map(({ id, name, kind }) => ({
      id,
      name,
      kind,
      website: null,
      description: null,
      location: null,
      leadSource: null,
      ownerId: scope.actor.userId,
      ...auditedInsertFields(scope),
    }));
    await scope.tx.insertInto('organizations').values(rows).execute();
    const views = await presentOrganizations(scope.tx, rows);
    await scope.logMany(views.map((view) => ({ action: 'create', entityType: 'organization', entityId: view.id, diff: { after: snapshot(view) } })));
  }
}
