import type { TrashImpact } from '@lpdesk/contracts';
import { Alert, List, Skeleton, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { ConfirmDialog } from './confirm-dialog';
import { trashImpactSentences } from './trash-impact';

/** "Move Harbor to the trash?" with what else leaves which screen, read from the server before asking. */
export function TrashImpactDialog({
  collection,
  id,
  loading,
  onConfirm,
  onCancel,
}: {
  collection: 'organizations' | 'contacts';
  id: string;
  loading: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const impact = useQuery({
    queryKey: [collection, 'trash-impact', id],
    queryFn: ({ signal }) => api.get<{ data: TrashImpact }>(`/api/${collection}/${id}/trash-impact`, undefined, signal).then((r) => r.data),
    staleTime: 0,
  });
  const name = impact.data?.name ?? (collection === 'organizations' ? 'this organization' : 'this contact');
  const sentences = impact.data ? trashImpactSentences(impact.data) : [];
  return (
    <ConfirmDialog
      title={`Move ${name} to the trash?`}
      confirmLabel="Move to trash"
      loading={loading}
      onConfirm={onConfirm}
      onCancel={onCancel}
      testId="trash-impact-dialog"
    >
      {impact.isPending ? (
        <Skeleton height={60} />
      ) : impact.isError ? (
        <Alert color="red" variant="light">
          {errorMessage(impact.error)}
        </Alert>
      ) : sentences.length === 0 ? (
        <Text size="sm">Nothing else is linked to {name}; no other screen changes.</Text>
      ) : (
        <>
          <Text size="sm">Along with {name}:</Text>
          <List size="sm" spacing={4} data-testid="trash-impact">
            {sentences.map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
        </>
      )}
      <Text size="xs" c="dimmed">
        Restore it from Settings → Trash and everything above comes back as it was.
      </Text>
    </ConfirmDialog>
  );
}
