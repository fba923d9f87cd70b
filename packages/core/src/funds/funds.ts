import { Exemption, type Fund, FundCreateInput, FundListQuery, FundStatus, FundUpdateInput, FundView, IdParams, ListEnvelope, NoContent, UpdateOperationInput } from '@lpdesk/contracts';
import { z } from 'zod';
import type { Row } from '../db/schema.js';
import { Conflict, Invalid } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { defineOperation } from '../kernel/operations.js';
import { auditedInsertFields, auditedUpdateFields, claimRow, containsText, deletedFilter, findRow, resolveSort, restoreRow, softDeleteRow } from '../kernel/records.js';
import { asEnum, asNullableEnum, definedEntries } from '../kernel/values.js';
import { diffRecords, type WriteScope, write } from '../kernel/write.js';

export function presentFund(row: Row<'funds'>): Fund {
  const { updatedBy: _u, ...view } = row;
  return { ...view, status: asEnum(FundStatus, row.status), exemption: asNullableEnum(Exemption, row.exemption) };
}

export async function createFundIn(scope: WriteScope, input: FundCreateInput): Promise<Fund> {
  if (input.hardCapAmount != null && input.targetAmount != null && input.hardCapAmount < input.targetAmount) {
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

export async function updateFundIn(scope: WriteScope, id: string, changes: FundUpdateInput, expectedVersion?: number): Promise<Fund> {
    const before = await claimRow(scope, 'funds', id, 'Fund', { expectedVersion, present: async (row) => presentFund(row) });
    if (changes.currency && changes.currency !== before.currency) {
      const used = await scope.tx.selectFrom('commitments').select('id').where('fundId', '=', id).executeTakeFirst();
      if (used) throw new Conflict('currency: the fund already has commitments in its currency; it cannot change');
    }
    const target = changes.targetAmount !== undefined ? changes.targetAmount : before.targetAmount;
    const cap = changes.hardCapAmount !== undefined ? changes.hardCapAmount : before.hardCapAmount;
    if (target != null && cap != null && cap < target) throw new Invalid('hardCapAmount: must not be below targetAmount');
    await scope.tx.updateTable('funds').set({ ...definedEntries(changes), ...auditedUpdateFields(scope) }).where('id', '=', id).execute();
    const after = await findRow(scope.tx, 'funds', id, 'Fund');
    await scope.log({ action: 'update', entityType: 'fund', entityId: id, diff: diffRecords({ ...presentFund(before) }, { ...presentFund(after) }) });
    return presentFund(after);
}

export const fundOperations = {
  list: defineOperation({
    name: 'funds.list',
    summary: 'List funds',
    permission: 'crm.read',
    input: FundListQuery,
    output: ListEnvelope(FundView),
    async run({ core }, query) {
      const filter = deletedFilter(query.deleted);
      let base = core.db.selectFrom('funds');
      if (filter === 'live') base = base.where('deletedAt', 'is', null);
      if (filter === 'trash') base = base.where('deletedAt', 'is not', null);
      if (query.status) base = base.where('status', '=', query.status);
      if (query.q) base = base.where((eb) => containsText(eb.ref('name'), query.q ?? ''));
      const sort = resolveSort(query.sort, { name: 'name', vintage: 'vintage', createdAt: 'createdAt' }, { column: 'vintage', direction: 'desc' });
      const [{ total }, rows] = await Promise.all([
        base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
        base.selectAll().orderBy(sort.column, sort.direction).orderBy('name').limit(query.limit).offset(query.offset).execute(),
      ]);
      return { data: rows.map(presentFund), total: Number(total), limit: query.limit, offset: query.offset };
    },
  }),
  get: defineOperation({
    name: 'funds.get',
    summary: 'Get one fund',
    permission: 'crm.read',
    input: IdParams,
    output: FundView,
    async run({ core }, { id }) {
      return presentFund(await findRow(core.db, 'funds', id, 'Fund', { includeDeleted: true }));
    },
  }),
  create: defineOperation({
    name: 'funds.create',
    summary: 'Create a fund',
    permission: 'funds.write',
    input: FundCreateInput,
    output: FundView,
    run: ({ core, actor }, input) => write(core, actor, (scope) => createFundIn(scope, input)),
  }),
  update: defineOperation({
    name: 'funds.update',
    summary: 'Edit a fund',
    permission: 'funds.write',
    input: UpdateOperationInput(FundUpdateInput),
    output: FundView,
    run: ({ core, actor }, { id, changes, expectedVersion }) => write(core, actor, (scope) => updateFundIn(scope, id, changes, expectedVersion)),
  }),
  delete: defineOperation({
    name: 'funds.delete',
    summary: 'Move a fund to the trash',
    permission: 'funds.write',
    input: IdParams,
    output: NoContent,
    run: ({ core, actor }, { id }) => write(core, actor, (scope) => softDeleteRow(scope, 'funds', 'fund', id, 'Fund')),
  }),
  restore: defineOperation({
    name: 'funds.restore',
    summary: 'Restore a trashed fund',
    permission: 'funds.write',
    input: IdParams,
    output: FundView,
    async run({ core, actor }, { id }) {
      await write(core, actor, (scope) => restoreRow(scope, 'funds', 'fund', id, 'Fund'));
      return presentFund(await findRow(core.db, 'funds', id, 'Fund'));
    },
  }),
};
