/**
 * PLACEHOLDER until the merges helper lands: the signature the resolver and scan call.
 */
import type { IdentityMergeInput, IdentityMergeView } from '@lpdesk/contracts';
import type { Actor } from '../../kernel/actor.js';
import type { CoreContext } from '../../kernel/context.js';

export interface MergeOptions {
  /** `manual` when a person chose it; otherwise the rule that merged automatically. */
  rule?: string;
  confidence?: number | null;
}

/** Merge `mergedId` into `survivorId`: every reference moves, the merged entity is retired, all reversible. */
export async function mergeEntities(_core: CoreContext, _actor: Actor, _input: IdentityMergeInput, _options: MergeOptions = {}): Promise<IdentityMergeView> {
  throw new Error('mergeEntities: not implemented yet');
}

export async function undoMerge(_core: CoreContext, _actor: Actor, _mergeId: string): Promise<IdentityMergeView> {
  throw new Error('undoMerge: not implemented yet');
}
