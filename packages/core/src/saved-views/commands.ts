import type { SavedView, SavedViewCreateInput, SavedViewUpdateInput } from '@lpdesk/contracts';
import type { z } from 'zod';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { NotFound, PreconditionFailed } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { diffRecords, type WriteScope, write } from '../kernel/write.js';
import { assertCanChange, ownerOf } from './access.js';
import { presentSavedViews } from './presenter.js';
import { findVisibleView } from './queries.js';

const ENTITY = 'saved_view';

async function presentOne(scope: WriteScope, row: Parameters<typeof presentSavedViews>[1][number]): Promise<SavedView> {
  const [view] = await presentSavedViews(scope.tx, [row]);
  return view as SavedView;
}

export function createSavedView(core: CoreContext, actor: Actor, input: z.output<typeof SavedViewCreateInput>): Promise<SavedView> {
  return write(core, actor, async (scope) => {
    const row = {
      id: newId(),
      name: input.name,
      screen: input.screen,
      shared: input.shared ? 1 : 0,
      stateJson: JSON.stringify(input.state),
      ownerId: await ownerOf(scope.tx, actor),
      version: 1,
      createdAt: scope.now,
      updatedAt: scope.now,
      createdBy: actor.id,
      updatedBy: actor.id,
      deletedAt: null,
      deletedBy: null,
    };
    await scope.tx.insertInto('savedViews').values(row).execute();
    const view = await presentOne(scope, row);
    await scope.log({
      action: 'create',
      entityType: ENTITY,
      entityId: row.id,
      version: 1,
      diff: { after: { name: view.name, screen: view.screen, shared: view.shared, state: view.state } },
    });
    return view;
  });
}

/**
 * Claim the row (lock and next version in one statement, as kernel/records.ts claimRow does for the
 * audited tables), after checking the actor may change it.
 */
async function claimView(scope: WriteScope, id: string, expectedVersion?: number) {
  const owner = await ownerOf(scope.tx, scope.actor);
  const before = await findVisibleView(scope.tx, scope.actor, id, owner);
  assertCanChange(scope.actor, owner, before);
  const claimed = await scope.tx
    .updateTable('savedViews')
    .set((eb) => ({ version: eb('version', '+', 1), updatedAt: scope.now, updatedBy: scope.actor.id }))
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!claimed) throw new NotFound('Saved view', id);
  const current = { ...claimed, version: claimed.version - 1 };
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw new PreconditionFailed('Saved view', expectedVersion, await presentOne(scope, current));
  }
  return current;
}

export function updateSavedView(
  core: CoreContext,
  actor: Actor,
  id: string,
  changes: z.output<typeof SavedViewUpdateInput>,
  expectedVersion?: number,
): Promise<SavedView> {
  return write(core, actor, async (scope) => {
    const before = await claimView(scope, id, expectedVersion);
    await scope.tx
      .updateTable('savedViews')
      .set({
        ...(changes.name === undefined ? {} : { name: changes.name }),
        ...(changes.shared === undefined ? {} : { shared: changes.shared ? 1 : 0 }),
        ...(changes.state === undefined ? {} : { stateJson: JSON.stringify(changes.state) }),
      })
      .where('id', '=', id)
      .execute();
    const after = await scope.tx.selectFrom('savedViews').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const [beforeView, afterView] = await presentSavedViews(scope.tx, [before, after]);
    await scope.log({ action: 'update', entityType: ENTITY, entityId: id, version: after.version, diff: diffRecords(beforeView as never, afterView as never) });
    return afterView as SavedView;
  });
}

export function deleteSavedView(core: CoreContext, actor: Actor, id: string): Promise<void> {
  return write(core, actor, async (scope) => {
    const before = await claimView(scope, id);
    await scope.tx.updateTable('savedViews').set({ deletedAt: scope.now, deletedBy: actor.id }).where('id', '=', id).execute();
    await scope.log({
      action: 'delete',
      entityType: ENTITY,
      entityId: id,
      version: before.version + 1,
      diff: { before: { deletedAt: null }, after: { deletedAt: scope.now } },
    });
  });
}
