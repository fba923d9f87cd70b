import { z } from 'zod';
import { CalendarDate, DateTime, Id, ListQueryBase, OptionalText } from './common.js';

export const CommunicationKind = z.enum(['call', 'meeting', 'email', 'note', 'text']);
export type CommunicationKind = z.infer<typeof CommunicationKind>;
export const CommunicationSource = z.enum(['manual', 'email_sync', 'import', 'agent']);
export type CommunicationSource = z.infer<typeof CommunicationSource>;

const communicationFields = {
  kind: CommunicationKind,
  /** Event time: when the call or meeting happened, not when it was typed in. */
  occurredAt: DateTime,
  subject: OptionalText(500),
  body: OptionalText(100000),
  outcome: OptionalText(2000),
  nextAction: OptionalText(1000),
  nextActionDueOn: CalendarDate.nullable(),
  durationMinutes: z.int().min(0).max(24 * 60).nullable(),
  contactIds: z.array(Id).max(100),
  organizationIds: z.array(Id).max(100),
  commitmentIds: z.array(Id).max(100),
  /** Team members who took part. */
  userIds: z.array(Id).max(50),
};

export const CommunicationCreateInput = z
  .strictObject(communicationFields)
  .partial()
  .extend({
    kind: CommunicationKind,
    occurredAt: DateTime,
    contactIds: communicationFields.contactIds.default([]),
    organizationIds: communicationFields.organizationIds.default([]),
    commitmentIds: communicationFields.commitmentIds.default([]),
    source: CommunicationSource.default('manual'),
    /** When set with nextAction and nextActionDueOn, the follow-up task is assigned here (default: the author). */
    nextActionAssigneeId: Id.nullable().optional(),
    /** Also append a line (the subject, else the body's first line) to each linked organization's notes log. */
    appendToNotesLog: z.boolean().optional(),
  });
export type CommunicationCreateInput = z.infer<typeof CommunicationCreateInput>;

export const CommunicationUpdateInput = z.strictObject(communicationFields).partial();
export type CommunicationUpdateInput = z.infer<typeof CommunicationUpdateInput>;

export const CommunicationListQuery = z.strictObject({
  ...ListQueryBase.shape,
  kind: CommunicationKind.optional(),
  contactId: Id.optional(),
  organizationId: Id.optional(),
  commitmentId: Id.optional(),
  authorId: Id.optional(),
  from: DateTime.or(CalendarDate).optional(),
  to: DateTime.or(CalendarDate).optional(),
});
export type CommunicationListQuery = z.infer<typeof CommunicationListQuery>;
