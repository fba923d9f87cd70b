import { Id, IdentityEntityType, IdentitySuggestionView, NonEmptyText } from '@lpdesk/contracts';
import { z } from 'zod';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { Invalid, NotFound } from '../kernel/errors.js';
import { defineOperation } from '../kernel/operations.js';
import { write } from '../kernel/write.js';
import { entityRefs } from '../identity/entity-refs.js';
import { orderedPair, presentSuggestions, upsertSuggestions } from '../identity/suggestions.js';

export const ProposeMergeInput = z.strictObject({
  entityType: IdentityEntityType,
  a: Id,
  b: Id,
  /** Why they look like the same person or firm; shown with the suggestion. */
  reason: NonEmptyText(1000),
});
export type ProposeMergeInput = z.infer<typeof ProposeMergeInput>;

/** Confidence of a suggestion an agent makes: below automatic merging, shown for a person to decide. */
const AGENT_SUGGESTION_CONFIDENCE = 0.5;

/**
 * Open a merge suggestion for two records ("these look like duplicates"). It never merges: a person
 * merges or rejects it on the Duplicates screen. A pair already rejected or merged stays as it was.
 */
export async function proposeMerge(core: CoreContext, actor: Actor, input: ProposeMergeInput): Promise<IdentitySuggestionView> {
  if (input.a === input.b) throw new Invalid('a and b must be two different records');
  const refs = await entityRefs(core.db, input.entityType, [input.a, input.b]);
  for (const id of [input.a, input.b]) {
    const ref = refs.get(id);
    if (!ref || ref.deleted) throw new NotFound(input.entityType === 'contact' ? 'Contact' : 'Organization', id);
  }
  return write(core, actor, async (scope) => {
    const evidence = [{ rule: 'agent', direction: 'for' as const, confidence: AGENT_SUGGESTION_CONFIDENCE, reason: input.reason }];
    await upsertSuggestions(scope.tx, scope.now, [{ entityType: input.entityType, x: input.a, y: input.b, confidence: AGENT_SUGGESTION_CONFIDENCE, evidence }]);
    const [entityA, entityB] = orderedPair(input.a, input.b);
    const row = await scope.tx
      .selectFrom('identitySuggestions')
      .selectAll()
      .where('entityA', '=', entityA)
      .where('entityB', '=', entityB)
      .executeTakeFirstOrThrow();
    await scope.log({
      action: 'suggest_merge',
      entityType: input.entityType,
      entityId: entityA,
      diff: { suggestionId: row.id, a: input.a, b: input.b, reason: input.reason },
    });
    const [view] = await presentSuggestions(scope.tx, [row]);
    return view as IdentitySuggestionView;
  });
}

export const proposeMergeOperation = defineOperation({
  name: 'identity.proposeMerge',
  summary: 'Suggest that two contacts or organizations are duplicates: opens a merge suggestion, never merges',
  permission: 'identity.suggest',
  input: ProposeMergeInput,
  output: IdentitySuggestionView,
  run: ({ core, actor }, input) => proposeMerge(core, actor, input),
});
