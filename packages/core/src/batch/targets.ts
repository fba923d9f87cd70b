import {
  type BatchEntityType,
  CommitmentUpdateInput,
  CommunicationUpdateInput,
  ContactUpdateInput,
  FundUpdateInput,
  OrganizationUpdateInput,
  TaskUpdateInput,
} from '@lpdesk/contracts';
import type { z } from 'zod';
import { updateCommitmentIn } from '../commitments/commands.js';
import { presentCommitment } from '../commitments/presenter.js';
import { presentCommunications, updateCommunicationIn } from '../communications/index.js';
import { updateContactIn } from '../contacts/commands.js';
import { presentContact } from '../contacts/presenter.js';
import type { Row } from '../db/schema.js';
import { presentFund, updateFundIn } from '../funds/index.js';
import { ENTITY_TYPES } from '../kernel/entities.js';
import type { Permission } from '../kernel/permissions.js';
import type { AuditedTable } from '../kernel/records.js';
import type { Tx, WriteScope } from '../kernel/write.js';
import { updateOrganizationIn } from '../organizations/commands.js';
import { presentOrganization } from '../organizations/presenter.js';
import { presentTasks, updateTaskIn } from '../tasks/index.js';

/** A presented record (a contracts view); the batch reads fields from it by name. */
type Presented = object;

/** What a batch needs of an entity: its update schema, permission, presenter and update command. */
export interface BatchTarget {
  table: AuditedTable;
  label: string;
  permission: Permission;
  changes: z.ZodObject;
  present(tx: Tx, row: Row<AuditedTable>): Promise<Presented>;
  update(scope: WriteScope, id: string, changes: Record<string, unknown>): Promise<Presented>;
}

// The update commands take their own validated input types; the batch validates with the same
// schema before calling, so the casts below only restate what `changes.parse` guaranteed.
type Untyped<F> = F extends (scope: WriteScope, id: string, changes: infer _C, ...rest: infer R) => Promise<infer V>
  ? (scope: WriteScope, id: string, changes: Record<string, unknown>, ...rest: R) => Promise<V>
  : never;
const untyped = <F>(fn: F) => fn as unknown as Untyped<F>;

export const BATCH_TARGETS: Record<BatchEntityType, BatchTarget> = {
  organization: {
    ...ENTITY_TYPES.organization,
    permission: 'crm.write',
    changes: OrganizationUpdateInput,
    present: (tx, row) => presentOrganization(tx, row as Row<'organizations'>),
    update: (scope, id, changes) => untyped(updateOrganizationIn)(scope, id, changes),
  },
  contact: {
    ...ENTITY_TYPES.contact,
    permission: 'crm.write',
    changes: ContactUpdateInput,
    present: (tx, row) => presentContact(tx, row as Row<'contacts'>),
    update: (scope, id, changes) => untyped(updateContactIn)(scope, id, changes, scope.settings.defaultPhoneRegion),
  },
  fund: {
    ...ENTITY_TYPES.fund,
    permission: 'funds.write',
    changes: FundUpdateInput,
    present: async (_tx, row) => presentFund(row as Row<'funds'>),
    update: (scope, id, changes) => untyped(updateFundIn)(scope, id, changes),
  },
  commitment: {
    ...ENTITY_TYPES.commitment,
    permission: 'crm.write',
    changes: CommitmentUpdateInput,
    present: (tx, row) => presentCommitment(tx, row as Row<'commitments'>),
    update: (scope, id, changes) => untyped(updateCommitmentIn)(scope, id, changes),
  },
  communication: {
    ...ENTITY_TYPES.communication,
    permission: 'communications.write',
    changes: CommunicationUpdateInput,
    present: async (tx, row) => (await presentCommunications(tx, [row as Row<'communications'>]))[0] as Presented,
    update: (scope, id, changes) => untyped(updateCommunicationIn)(scope, id, changes),
  },
  task: {
    ...ENTITY_TYPES.task,
    permission: 'tasks.write',
    changes: TaskUpdateInput,
    present: async (tx, row) => (await presentTasks(tx, [row as Row<'tasks'>]))[0] as Presented,
    update: (scope, id, changes) => untyped(updateTaskIn)(scope, id, changes),
  },
};
