import type { IdentityRecordKind, IdentitySourceRecord } from '@lpdesk/contracts';
import type { CoreSettings } from '../kernel/context.js';
import { blockingKeys, detectSharedValues, extractFeatures, type FeatureOptions, type RecordFeatures } from './matching/index.js';

/** The matcher's options as the core's settings give them. */
export function featureOptions(settings: Pick<CoreSettings, 'defaultPhoneRegion'>, sharedValues?: ReadonlySet<string>): FeatureOptions {
  return sharedValues ? { defaultPhoneRegion: settings.defaultPhoneRegion, sharedValues } : { defaultPhoneRegion: settings.defaultPhoneRegion };
}

export function featuresOf(record: IdentitySourceRecord, options: FeatureOptions): RecordFeatures {
  return extractFeatures(record, options);
}

/**
 * Blocking keys as stored: prefixed with the record kind, so a person and an organization that share a
 * value (a domain, a phone) are never even compared.
 */
export function storedKeys(features: RecordFeatures): string[] {
  return [...new Set(blockingKeys(features))].map((key) => `${features.kind}|${key}`);
}

/** Values (emails, phones) seen on several entities in a full pass: shared evidence that must never merge on its own. */
export function detectShared(features: RecordFeatures[]): Set<string> {
  return detectSharedValues(features);
}

export const entityTypeOfKind = (kind: IdentityRecordKind) => (kind === 'person' ? 'contact' : 'organization');

/** Parses a stored record_json back into the record it was. */
export function parseStoredRecord(json: string): IdentitySourceRecord {
  return JSON.parse(json) as IdentitySourceRecord;
}
