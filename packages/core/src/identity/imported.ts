import type { IdentitySourceRecord } from '@lpdesk/contracts';
import type { WriteScope } from '../kernel/write.js';
import { featureOptions, featuresOf } from './features.js';
import { findRecord, upsertRecord } from './records-store.js';

/**
 * An imported row as a source record of the entity the importer chose for it (created, updated or the
 * duplicate it skipped). The importer has already decided the match (the person chose skip, update or
 * create per row), so the resolver's auto-merge is not asked again; the record keeps the evidence.
 */
export async function upsertImportedRecord(scope: WriteScope, record: IdentitySourceRecord, entityId: string, reason: string): Promise<void> {
  const features = featuresOf(record, featureOptions(scope.settings));
  const existing = await findRecord(scope.tx, record.source, record.externalId);
  await upsertRecord(scope.tx, scope.now, record, features, entityId, { rule: 'import', confidence: 1, reason }, existing);
}
