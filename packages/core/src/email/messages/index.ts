import {
  EmailCaptureBlockParams,
  EmailCaptureBlockView,
  EmailMessageDetailView,
  EmailMessageListQuery,
  EmailMessageView,
  EmailThreadLinkParams,
  EmailThreadListQuery,
  EmailThreadView,
  IdParams,
  ListEnvelope,
} from '@lpdesk/contracts';
import { z } from 'zod';
import { defineOperation } from '../../kernel/operations.js';
import { blockCapture, getCaptureBlock, linkEmailThread, unblockCapture, unlinkEmailThread } from './commands.js';
import { type AttachmentFile, getEmailAttachmentFile, getEmailMessage, getEmailThread, listEmailMessages, listEmailThreads } from './queries.js';

export { presentEmailMessages, presentEmailThreads } from './presenter.js';
export { seesUnlinkedMail, type AttachmentFile } from './queries.js';

/** Doors send the bytes themselves (HTTP response, CLI file); the operation checks access and loads them. */
const AttachmentFileOutput = z.custom<AttachmentFile>().meta({ description: 'An attachment: filename, content type, size and its bytes' });

/** Captured email, read side and manual controls: who may see what is decided in queries.ts. */
export const emailMessageOperations = {
  list: defineOperation({
    name: 'emailMessages.list',
    summary: 'Captured email messages, newest first (readers: linked messages only; email.manage: unlinked headers too)',
    permission: 'email.read',
    input: EmailMessageListQuery,
    output: ListEnvelope(EmailMessageView),
    run: ({ core, actor }, query) => listEmailMessages(core, actor, query),
  }),
  get: defineOperation({
    name: 'emailMessages.get',
    summary: 'One captured message with its text and sanitized HTML body (kept only for linked messages)',
    permission: 'email.read',
    input: IdParams,
    output: EmailMessageDetailView,
    run: ({ core, actor }, { id }) => getEmailMessage(core, actor, id),
  }),
  listThreads: defineOperation({
    name: 'emailMessages.listThreads',
    summary: 'Email threads, newest activity first, each with its messages oldest first',
    permission: 'email.read',
    input: EmailThreadListQuery,
    output: ListEnvelope(EmailThreadView),
    run: ({ core, actor }, query) => listEmailThreads(core, actor, query),
  }),
  getThread: defineOperation({
    name: 'emailMessages.getThread',
    summary: 'One email thread with its messages, oldest first',
    permission: 'email.read',
    input: IdParams,
    output: EmailThreadView,
    run: ({ core, actor }, { id }) => getEmailThread(core.db, actor, id),
  }),
  linkThread: defineOperation({
    name: 'emailMessages.linkThread',
    summary: 'Link a whole email thread to a contact or organization by hand (replaces an earlier unlink)',
    permission: 'email.link',
    input: EmailThreadLinkParams,
    output: EmailThreadView,
    run: ({ core, actor }, { id, entityType, entityId }) => linkEmailThread(core, actor, id, entityType, entityId),
  }),
  unlinkThread: defineOperation({
    name: 'emailMessages.unlinkThread',
    summary: 'Unlink an email thread from a contact or organization; remembered, so re-matching does not bring it back',
    permission: 'email.link',
    input: EmailThreadLinkParams,
    output: EmailThreadView,
    run: ({ core, actor }, { id, entityType, entityId }) => unlinkEmailThread(core, actor, id, entityType, entityId),
  }),
  getCaptureBlock: defineOperation({
    name: 'emailMessages.getCaptureBlock',
    summary: 'Whether a contact or organization is marked "do not capture"',
    permission: 'email.link',
    input: EmailCaptureBlockParams,
    output: EmailCaptureBlockView,
    run: ({ core }, { entityType, entityId }) => getCaptureBlock(core, entityType, entityId),
  }),
  blockCapture: defineOperation({
    name: 'emailMessages.blockCapture',
    summary: 'Mark a contact or organization "do not capture": its email is unlinked now and its bodies removed',
    permission: 'email.link',
    input: EmailCaptureBlockParams,
    output: EmailCaptureBlockView,
    run: ({ core, actor }, { entityType, entityId }) => blockCapture(core, actor, entityType, entityId),
  }),
  unblockCapture: defineOperation({
    name: 'emailMessages.unblockCapture',
    summary: 'Capture email for a contact or organization again: matches come back now, bodies with the next sync',
    permission: 'email.link',
    input: EmailCaptureBlockParams,
    output: EmailCaptureBlockView,
    run: ({ core, actor }, { entityType, entityId }) => unblockCapture(core, actor, entityType, entityId),
  }),
  attachment: defineOperation({
    name: 'emailMessages.attachment',
    summary: 'Download an attachment of a captured message',
    permission: 'email.read',
    input: IdParams,
    output: AttachmentFileOutput,
    run: ({ core, actor }, { id }) => getEmailAttachmentFile(core, actor, id),
  }),
};
