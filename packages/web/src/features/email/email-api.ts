import type {
  EmailAddressView,
  EmailCaptureBlockView,
  EmailLinkEntityType,
  EmailLinkView,
  EmailMessageDetailView,
  EmailSyncRunView,
  EmailThreadLinkInput,
  EmailThreadView,
  ImapMailboxCreateInput,
  ListEnvelope,
  MailboxUpdateInput,
  MailboxView,
} from '@lpdesk/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client';
import { useInvalidate } from '../../api/hooks';
import { useCurrentUser } from '../auth/session';
import { unwrapData } from '../identity/identity-api';

// Screens of email capture talk to the routes of core/email (packages/server/src/routes/email-*.ts);
// the shapes are the contracts' (packages/contracts/src/email.ts).
export type {
  EmailAddressView,
  EmailCaptureBlockView,
  EmailLinkEntityType,
  EmailLinkView,
  EmailMessageDetailView,
  EmailSyncRunView,
  EmailThreadView,
  MailboxView,
};
export type ImapMailboxDraft = z.input<typeof ImapMailboxCreateInput>;

/** Every email query starts with 'email' so one invalidation after a link, unlink or block refreshes them all. */
export const emailKeys = {
  all: ['email'] as const,
  mailboxes: ['email', 'mailboxes'] as const,
  runs: (mailboxId: string, limit: number) => ['email', 'runs', mailboxId, limit] as const,
  threads: (entityId: string) => ['email', 'threads', entityId] as const,
  captureBlock: (entityType: EmailLinkEntityType, entityId: string) => ['email', 'capture-block', entityType, entityId] as const,
};

/** Enrolling, syncing and deleting mailboxes is `email.manage` (admins). */
export function useCanManageMailboxes(): boolean {
  return useCurrentUser().role === 'admin';
}

/** Linking threads by hand and "do not capture" is `email.link` (members and up; agents only read). */
export function useCanLinkEmail(): boolean {
  return useCurrentUser().role !== 'agent';
}

/** While a run is in progress the row looks again every few seconds; otherwise every half minute (the schedule runs each minute). */
const MAILBOX_REFRESH_MS = 30_000;
const RUNNING_REFRESH_MS = 3_000;

export function useMailboxes(enabled = true) {
  return useQuery({
    queryKey: emailKeys.mailboxes,
    queryFn: ({ signal }) => api.get<unknown>('/api/email/mailboxes', undefined, signal).then(unwrapList<MailboxView>),
    enabled,
    refetchInterval: (query) => (query.state.data?.some((m) => m.lastRun?.status === 'running') ? RUNNING_REFRESH_MS : MAILBOX_REFRESH_MS),
  });
}

export function useMailboxRuns(mailboxId: string, limit = 10) {
  return useQuery({
    queryKey: emailKeys.runs(mailboxId, limit),
    queryFn: ({ signal }) => api.get<ListEnvelope<EmailSyncRunView>>(`/api/email/mailboxes/${mailboxId}/runs`, { limit, offset: 0 }, signal),
    placeholderData: keepPreviousData,
  });
}

function useRefreshMailboxes() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: emailKeys.all });
}

export function useCreateImapMailbox() {
  const refresh = useRefreshMailboxes();
  return useMutation({
    mutationFn: (input: ImapMailboxDraft) => api.post<unknown>('/api/email/mailboxes', input).then(unwrapData<{ id: string }>),
    // Not awaited: the refetch can unmount the row that asked (a thread leaves the list) before its own callbacks run.
    onSuccess: () => {
      void refresh();
    },
  });
}

export function useUpdateMailbox() {
  const refresh = useRefreshMailboxes();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: MailboxUpdateInput }) => api.patch<unknown>(`/api/email/mailboxes/${id}`, changes),
    // Not awaited: the refetch can unmount the row that asked (a thread leaves the list) before its own callbacks run.
    onSuccess: () => {
      void refresh();
    },
  });
}

export function useDeleteMailbox() {
  const refresh = useRefreshMailboxes();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/email/mailboxes/${id}`),
    // Not awaited: the refetch can unmount the row that asked (a thread leaves the list) before its own callbacks run.
    onSuccess: () => {
      void refresh();
    },
  });
}

/** "Sync now": the server runs the sync and answers with the run; new mail can change every timeline. */
export function useSyncMailbox() {
  const refresh = useRefreshMailboxes();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.post<unknown>(`/api/email/mailboxes/${id}/sync`).then(unwrapData<EmailSyncRunView>),
    onSettled: () => Promise.all([refresh(), invalidate('contacts', 'organizations', 'communications')]),
  });
}

/** Threads linked to a contact or organization, newest activity first (the server's order). */
export function useEntityThreads(entityId: string, limit = 20) {
  return useQuery({
    queryKey: [...emailKeys.threads(entityId), limit],
    queryFn: async ({ signal }): Promise<ThreadPage> => unwrapThreadList(await api.get<unknown>('/api/email/threads', { entityId, limit, offset: 0 }, signal)),
    placeholderData: keepPreviousData,
  });
}

export function useEmailThread(threadId: string) {
  return useQuery({
    queryKey: [...emailKeys.all, 'thread', threadId],
    queryFn: async ({ signal }) => unwrapData<EmailThreadView>(await api.get<unknown>(`/api/email/threads/${threadId}`, undefined, signal)),
  });
}

/** A link or unlink moves the thread between timelines: email, records and the communications feed change. */
function useRefreshAfterLinkChange() {
  const client = useQueryClient();
  const invalidate = useInvalidate();
  return () => Promise.all([client.invalidateQueries({ queryKey: emailKeys.all }), invalidate('contacts', 'organizations', 'communications')]);
}

export function useLinkThread() {
  const refresh = useRefreshAfterLinkChange();
  return useMutation({
    mutationFn: ({ threadId, link }: { threadId: string; link: EmailThreadLinkInput }) => api.post<unknown>(`/api/email/threads/${threadId}/links`, link),
    // Not awaited: the refetch can unmount the row that asked (a thread leaves the list) before its own callbacks run.
    onSuccess: () => {
      void refresh();
    },
  });
}

export function useUnlinkThread() {
  const refresh = useRefreshAfterLinkChange();
  return useMutation({
    mutationFn: ({ threadId, link }: { threadId: string; link: EmailThreadLinkInput }) =>
      api.delete<unknown>(`/api/email/threads/${threadId}/links/${link.entityType}/${link.entityId}`),
    // Not awaited: the refetch can unmount the row that asked (a thread leaves the list) before its own callbacks run.
    onSuccess: () => {
      void refresh();
    },
  });
}

export function useCaptureBlock(entityType: EmailLinkEntityType, entityId: string) {
  return useQuery({
    queryKey: emailKeys.captureBlock(entityType, entityId),
    queryFn: ({ signal }) => api.get<unknown>(`/api/email/capture-blocks/${entityType}/${entityId}`, undefined, signal).then(unwrapData<EmailCaptureBlockView>),
  });
}

export function useSetCaptureBlock(entityType: EmailLinkEntityType, entityId: string) {
  const refresh = useRefreshAfterLinkChange();
  return useMutation({
    mutationFn: (blocked: boolean) => {
      const path = `/api/email/capture-blocks/${entityType}/${entityId}`;
      return blocked ? api.put<unknown>(path) : api.delete<unknown>(path);
    },
    // Not awaited: the refetch can unmount the row that asked (a thread leaves the list) before its own callbacks run.
    onSuccess: () => {
      void refresh();
    },
  });
}

/** Where the bytes of an attachment are (the server sends them with its content type and file name). */
export function attachmentUrl(attachmentId: string): string {
  return `/api/email/attachments/${attachmentId}`;
}

/** Lists come as `{data, total, …}` or a bare `{data: […]}`; the screens want the rows. */
function unwrapList<T>(body: unknown): T[] {
  const value = unwrapData<unknown>(body);
  if (Array.isArray(value)) return value as T[];
  if (value && typeof value === 'object' && 'data' in value && Array.isArray(value.data)) return value.data as T[];
  return [];
}

export interface ThreadPage {
  threads: EmailThreadView[];
  /** Threads linked to the record across all pages, when the server says. */
  total: number | null;
}

function unwrapThreadList(body: unknown): ThreadPage {
  const threads = unwrapList<EmailThreadView>(body);
  const total = body && typeof body === 'object' && 'total' in body && typeof body.total === 'number' ? body.total : null;
  return { threads, total };
}
