import type { GridColumnView } from '@lpdesk/contracts';
import { Button, Drawer, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { formatDateTime } from '../../ui/format';
import { formatCell } from './cell-values';
import type { CellChange } from './undo';

interface Revision {
  at: string;
  actorName: string | null;
  actorKind: string;
  before: unknown;
  after: unknown;
}

/** Every change of one cell (from the activity log), newest first, each with "Revert to this". */
export function CellHistoryDrawer({
  cell,
  column,
  current,
  onClose,
  send,
}: {
  cell: { organizationId: string; field: string; name: string };
  column: GridColumnView | undefined;
  current: unknown;
  onClose: () => void;
  send: (step: CellChange[]) => Promise<boolean>;
}) {
  const history = useQuery({
    queryKey: ['grid', 'cell-history', cell.organizationId, cell.field],
    queryFn: () => api.get<{ data: Revision[] }>('/api/grid/cell-history', { organizationId: cell.organizationId, field: cell.field }).then((r) => r.data),
  });
  const show = (value: unknown) => (column ? formatCell(column, value) : String(value ?? '')) || '(empty)';
  return (
    <Drawer opened onClose={onClose} position="right" size="md" title={`${cell.name} · ${column?.label ?? cell.field}`} data-testid="grid-cell-history">
      {history.isLoading && <Loader size="sm" />}
      {history.data?.length === 0 && <Text c="dimmed">No changes recorded for this cell yet.</Text>}
      <Stack gap="sm">
        {history.data?.map((revision, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: revisions have no id; the log never reorders
          <Stack key={`${revision.at}-${index}`} gap={2} p="xs" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8 }}>
            <Text size="xs" c="dimmed">
              {formatDateTime(revision.at)} · {revision.actorName ?? revision.actorKind}
            </Text>
            <Text size="sm">
              {show(revision.before)} → <b>{show(revision.after)}</b>
            </Text>
            <Group justify="flex-end">
              <Button
                size="compact-xs"
                variant="light"
                data-testid="grid-revert"
                onClick={() => void send([{ entityId: cell.organizationId, field: cell.field, value: revision.after, before: current ?? null }]).then((ok) => ok && onClose())}
              >
                Revert to this
              </Button>
            </Group>
          </Stack>
        ))}
      </Stack>
    </Drawer>
  );
}
