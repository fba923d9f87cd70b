import type { IdentityComparisonView, IdentityEntityType } from '@lpdesk/contracts';
import type { z } from 'zod';
import { presentContact } from '../../contacts/presenter.js';
import type { CoreContext } from '../../kernel/context.js';
import { Invalid, NotFound } from '../../kernel/errors.js';
import { presentOrganization } from '../../organizations/presenter.js';
import { entityTypeOf } from '../entity-refs.js';
import { columnFieldsOf, CUSTOM_FIELD_PREFIX, customDefinitions } from './fields.js';
import { sharedFundCommitments } from './organization-moves.js';

type Comparison = z.infer<typeof IdentityComparisonView>;
type Presented = Record<string, unknown>;

async function presentEither(core: CoreContext, entityType: IdentityEntityType, id: string): Promise<Presented> {
  if (entityType === 'contact') {
    const row = await core.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return (await presentContact(core.db, row)) as unknown as Presented;
  }
  const row = await core.db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return (await presentOrganization(core.db, row)) as unknown as Presented;
}

const differs = (a: unknown, b: unknown) => JSON.stringify(a ?? null) !== JSON.stringify(b ?? null);

/**
 * The merge screen's side by side: both records as every door presents them, each mergeable field with
 * both values (the names `fields` in a merge request uses), and what the merge will have to reconcile.
 */
export async function compareEntities(core: CoreContext, aId: string, bId: string): Promise<Comparison> {
  if (aId === bId) throw new Invalid('b: compare two different records', { issues: [{ path: ['b'], message: 'same record as a' }] });
  const [aType, bType] = await Promise.all([entityTypeOf(core.db, aId), entityTypeOf(core.db, bId)]);
  if (!aType) throw new NotFound('Contact or organization', aId);
  if (!bType) throw new NotFound('Contact or organization', bId);
  if (aType !== bType)
    throw new Invalid(`a is a ${aType} and b is a ${bType}: only records of one type can be compared`, {
      issues: [{ path: ['b'], message: `not a ${aType}` }],
    });
  const entityType = aType;
  const [a, b, definitions] = await Promise.all([
    presentEither(core, entityType, aId),
    presentEither(core, entityType, bId),
    customDefinitions(core.db, entityType),
  ]);

  const fields: Comparison['fields'] = columnFieldsOf(entityType).map(({ field, label }) => ({
    field,
    label,
    a: a[field] ?? null,
    b: b[field] ?? null,
    differs: differs(a[field], b[field]),
  }));
  const aCustom = (a.customFields ?? {}) as Presented;
  const bCustom = (b.customFields ?? {}) as Presented;
  for (const definition of definitions) {
    const av = aCustom[definition.key] ?? null;
    const bv = bCustom[definition.key] ?? null;
    fields.push({ field: `${CUSTOM_FIELD_PREFIX}${definition.key}`, label: definition.label, a: av, b: bv, differs: differs(av, bv) });
  }

  const conflicts: string[] = [];
  for (const [side, record] of [
    ['a', a],
    ['b', b],
  ] as const) {
    if (record.deletedAt) conflicts.push(`Record ${side} is in the trash: restore it (or undo the merge that retired it) before merging`);
  }
  if (entityType === 'organization') {
    for (const shared of await sharedFundCommitments(core.db, aId, bId)) {
      conflicts.push(`Both have a commitment to ${shared.fundName}: the survivor's is kept and the merged organization's is retired to the trash`);
    }
  }
  return { entityType, a, b, fields, conflicts };
}
