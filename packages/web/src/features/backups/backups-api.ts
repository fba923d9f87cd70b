import type {
  BackupPreview,
  BackupRestoreResult,
  BackupSettingsInput,
  BackupSettingsView,
  BackupVerifyResult,
  BackupView,
  ListEnvelope,
} from '@lpdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

const KEY = ['backups'] as const;

export function useBackups() {
  return useQuery({
    queryKey: [...KEY, 'list'],
    queryFn: ({ signal }) => api.get<ListEnvelope<BackupView>>('/api/backups', undefined, signal).then((envelope) => envelope.data),
  });
}

export function useBackupSettings() {
  return useQuery({
    queryKey: [...KEY, 'settings'],
    queryFn: ({ signal }) => api.get<{ data: BackupSettingsView }>('/api/backup-settings', undefined, signal).then((body) => body.data),
  });
}

export function useBackupPreview(id: string | null) {
  return useQuery({
    queryKey: [...KEY, 'preview', id],
    enabled: id !== null,
    // Counts "now" must be now: never a cached answer.
    staleTime: 0,
    gcTime: 0,
    queryFn: ({ signal }) => api.get<{ data: BackupPreview }>(`/api/backups/${id}/preview`, undefined, signal).then((body) => body.data),
  });
}

function useInvalidating<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => client.invalidateQueries({ queryKey: KEY }) });
}

export const useCreateBackup = () => useInvalidating(() => api.post<{ data: BackupView }>('/api/backups').then((body) => body.data));
export const useVerifyBackup = () =>
  useInvalidating((id: string) => api.post<{ data: BackupVerifyResult }>(`/api/backups/${id}/verify`).then((body) => body.data));
export const useUpdateBackupSettings = () =>
  useInvalidating((changes: BackupSettingsInput) => api.patch<{ data: BackupSettingsView }>('/api/backup-settings', changes).then((body) => body.data));

export function useRestoreBackup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<{ data: BackupRestoreResult }>(`/api/backups/${id}/restore`, { confirm: true }).then((body) => body.data),
    // Every record may have changed: nothing cached is true any more.
    onSuccess: () => client.invalidateQueries(),
  });
}
