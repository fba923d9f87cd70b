import type { ListEnvelope, MarkAllReadResult, NotificationPreferences, NotificationView, UnreadCount } from '@lpdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread-count'] as const,
  list: (limit: number) => ['notifications', 'list', limit] as const,
  preferences: ['notifications', 'preferences'] as const,
};

/** How often the bell asks while the window is open; it also asks whenever the window regains focus. */
export const UNREAD_POLL_MS = 60_000;

/** The bell's count: one indexed count on the server, polled and refreshed on focus. */
export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: ({ signal }) => api.get<{ data: UnreadCount }>('/api/notifications/unread-count', undefined, signal).then((r) => r.data.unread),
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
}

export function useNotificationList(limit: number, enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.list(limit),
    queryFn: ({ signal }) => api.get<ListEnvelope<NotificationView>>('/api/notifications', { limit }, signal),
    enabled,
    staleTime: 0,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<{ data: NotificationView }>(`/api/notifications/${id}/read`).then((r) => r.data),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ data: MarkAllReadResult }>('/api/notifications/read-all').then((r) => r.data),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useDigestPreference() {
  return useQuery({
    queryKey: notificationKeys.preferences,
    queryFn: ({ signal }) => api.get<{ data: NotificationPreferences }>('/api/notifications/preferences', undefined, signal).then((r) => r.data),
  });
}

export function useUpdateDigestPreference() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (emailDigest: boolean) => api.patch<{ data: NotificationPreferences }>('/api/notifications/preferences', { emailDigest }).then((r) => r.data),
    onSuccess: (preferences) => client.setQueryData(notificationKeys.preferences, preferences),
  });
}
