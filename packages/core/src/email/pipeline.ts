import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import type { MessageEnvelope, RawMessage } from './providers/types.js';

// STUB (helper "pipeline" owns this file): parse → de-duplicate → thread → match → bodies → timelines.

/** Where a batch of envelopes came from. */
export interface IngestTarget {
  mailboxId: string;
  folder: string;
  /** The provider marks this folder as sent mail: its messages are outbound. */
  isSentFolder: boolean;
  uidValidity: string | null;
}

export interface IngestCounts {
  stored: number;
  matched: number;
  duplicates: number;
  errors: number;
  errorMessages: string[];
}

/**
 * Store one batch of envelopes from one folder. Whole messages are fetched (through `fetchSources`) only
 * for those linked to a contact or organization: the rest keep headers only.
 */
export async function ingestEnvelopes(
  _core: CoreContext,
  _actor: Actor,
  _target: IngestTarget,
  _envelopes: readonly MessageEnvelope[],
  _fetchSources: (locators: readonly string[]) => AsyncIterable<RawMessage>,
): Promise<IngestCounts> {
  throw new Error('ingestEnvelopes: not implemented yet');
}
