import type {
  ImportEntity,
  ImportField,
  ImportListQuery,
  ImportReport,
  ImportRunInput,
  ImportUndoResult,
  ImportUploadResult,
  ImportView,
  ListEnvelope,
} from '@lpdesk/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUpload } from '../../api/client';
import { type Collection, useInvalidate } from '../../api/hooks';
import { useCurrentUser } from '../auth/session';
import { unwrapData } from '../identity/identity-api';

export type { ImportEntity, ImportField, ImportReport, ImportRunInput, ImportUndoResult, ImportUploadResult, ImportView };

/** Every import query starts with 'imports' so one invalidation after a run or an undo refreshes them all. */
export const importKeys = {
  all: ['imports'] as const,
  list: (params: Partial<ImportListQuery>) => ['imports', 'list', params] as const,
  detail: (id: string) => ['imports', 'detail', id] as const,
  report: (id: string) => ['imports', 'report', id] as const,
  fields: (entity: ImportEntity) => ['imports', 'fields', entity] as const,
};

/** The CRM lists an import writes into, refreshed after a run or an undo. */
export const COLLECTION_OF: Record<ImportEntity, Collection[]> = {
  organizations: ['organizations', 'tags', 'custom-fields'],
  contacts: ['contacts', 'organizations', 'tags'],
  commitments: ['commitments', 'organizations', 'funds'],
  communications: ['communications', 'contacts', 'organizations'],
};

/** `data.import` is given to admins, managers and members; agents only read. */
export function useCanImport(): boolean {
  return useCurrentUser().role !== 'agent';
}

export function useImportFields(entity: ImportEntity | null) {
  return useQuery({
    queryKey: importKeys.fields(entity ?? 'contacts'),
    queryFn: ({ signal }) => api.get<unknown>('/api/imports/fields', { entity: entity ?? undefined }, signal).then((r) => unwrapData<ImportField[]>(r)),
    enabled: entity !== null,
    staleTime: 5 * 60_000,
  });
}

export function useUploadImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, entity }: { file: File; entity: ImportEntity | null }) =>
      apiUpload<unknown>('/api/imports', file, { entity: entity ?? undefined }).then((r) => unwrapData<ImportUploadResult>(r)),
    onSuccess: () => client.invalidateQueries({ queryKey: importKeys.all }),
  });
}

export function useDryRun(id: string) {
  return useMutation({
    mutationFn: (input: ImportRunInput) => api.post<unknown>(`/api/imports/${id}/dry-run`, input).then((r) => unwrapData<ImportReport>(r)),
  });
}

export function useRunImport(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ImportRunInput) => api.post<unknown>(`/api/imports/${id}/run`, input).then((r) => unwrapData<ImportReport>(r)),
    onSuccess: () => client.invalidateQueries({ queryKey: importKeys.all }),
  });
}

/** Polls while the run is going (large files run in batches in the background). */
export function useImport(id: string | null, options: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: importKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<unknown>(`/api/imports/${id}`, undefined, signal).then((r) => unwrapData<ImportView>(r)),
    enabled: Boolean(id),
    refetchInterval: (query) => (options.poll && (query.state.data?.status ?? 'running') === 'running' ? 700 : false),
  });
}

/** The per-row outcome of the last run (a large run answers before its rows are all done). */
export function useImportReport(id: string | null, enabled: boolean) {
  return useQuery({
    queryKey: importKeys.report(id ?? ''),
    queryFn: ({ signal }) => api.get<unknown>(`/api/imports/${id}/report`, undefined, signal).then((r) => unwrapData<ImportReport>(r)),
    enabled: Boolean(id) && enabled,
  });
}

export function useImportHistory(params: Partial<ImportListQuery>) {
  return useQuery({
    queryKey: importKeys.list(params),
    queryFn: ({ signal }) => api.get<ListEnvelope<ImportView>>('/api/imports', params, signal),
    placeholderData: keepPreviousData,
    // A run going on in the background moves its row's progress bar.
    refetchInterval: (query) => (query.state.data?.data.some((view) => view.status === 'running') ? 2_000 : false),
  });
}

export function useUndoImport() {
  const client = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (target: Pick<ImportView, 'id' | 'entity'>) => api.post<unknown>(`/api/imports/${target.id}/undo`).then((r) => unwrapData<ImportUndoResult>(r)),
    onSuccess: (_result, target) =>
      Promise.all([client.invalidateQueries({ queryKey: importKeys.all }), invalidate(...(target.entity ? COLLECTION_OF[target.entity] : []))]),
  });
}
