import type { Fund, FundCreateInput, FundUpdateInput } from '@lpdesk/contracts';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { Conflict, Invalid } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { auditedInsertFields, auditedUpdateFields, claimRow, findRow, restoreRow, softDeleteRow } from '../kernel/records.js';
import { definedEntries } from '../kernel/values.js';
import { diffRecords, type WriteScope, write } from '../kernel/write.js';
import { presentFund } from './presenter.js';
import { isHardCapBelowTarget } from './rules.js';

export async function createFundIn(scope: WriteScope, input: FundCreateInput): Promise<Fund> {
  if (isHardCapBelowTarget(input.targetAmount, input.hardCapAmount)) {
    throw new Invalid('hardCapAmount: must not be below targetAmount', { issues: [{ path: ['hardCapAmount'], message: 'must not be below the target' }] });
  }
  const row = {
    id: newId(),
    name: input.name,
    vintage: input.vintage ?? null,
    currency: input.currency,
    targetAmount: input.targetAmount ?? null,
    hardCapAmount: input.hardCapAmount ?? null,
    status: input.status,
    exemption: input.exemption ?? null,
    firstCloseOn: input.firstCloseOn ?? null,
    finalCloseOn: input.finalCloseOn ?? null,
    description: input.description ?? null,
    ...auditedInsertFields(scope),
  };
  await scope.tx.insertInto('funds').values(row).execute();
  await scope.log({ action: 'create', entityType: 'fund', entityId: row.id, diff: { after: presentFund(row) } });
  return presentFund(row);
}

export function createFund(core: CoreContext, actor: Actor, input: FundCreateInput) {
  return write(core, actor, (scope) => createFundIn(scope, input));
}

export async function updateFundIn(scope: WriteScope, id: string, changes: FundUpdateInput, expectedVersion?: number): Promise<Fund> {
    const before = await claimRow(scope, 'funds', id, 'Fund', { expectedVersion, present: async (row) => presentFund(row) });
    if (changes.currency && changes.currency !== before.currency) {
      const used = await scope.tx.selectFrom('commitments').select('id').where('fundId', '=', id).executeTakeFirst();
      if (used) throw new Conflict('currency: the fund already has commitments in its currency; it cannot change');
    }
    const target = changes.targetAmount !== undefined ? changes.targetAmount : before.targetAmount;
    const cap = changes.hardCapAmount !== undefined ? changes.hardCapAmount : before.hardCapAmount;
    if (isHardCapBelowTarget(target, cap)) throw new Invalid('hardCapAmount: must not be below targetAmount');
    await scope.tx.updateTable('funds').set({ ...definedEntries(changes), ...auditedUpdateFields(scope) }).where('id', '=', id).execute();
    const after = await findRow(scope.tx, 'funds', id, 'Fund');
    await scope.log({ action: 'update', entityType: 'fund', entityId: id, diff: diffRecords({ ...presentFund(before) }, { ...presentFund(after) }) });
    return presentFund(after);
}

export function updateFund(core: CoreContext, actor: Actor, id: string, changes: FundUpdateInput, expectedVersion?: number) {
  return write(core, actor, (scope) => updateFundIn(scope, id, changes, expectedVersion));
}

export function deleteFund(core: CoreContext, actor: Actor, id: string) {
  return write(core, actor, (scope) => softDeleteRow(scope, 'funds', 'fund', id, 'Fund'));
}

export async function restoreFund(core: CoreContext, actor: Actor, id: string) {
  await write(core, actor, (scope) => restoreRow(scope, 'funds', 'fund', id, 'Fund'));
  return presentFund(await findRow(core.db, 'funds', id, 'Fund'));
}
