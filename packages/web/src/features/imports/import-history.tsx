import type { ImportView } from '@lpdesk/contracts';
import { Alert, Badge, Button, Card, Group, Progress, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { formatDateTime, formatRelative } from '../../ui/format';
import { Empty, ListSkeleton, SectionTitle } from '../../ui/layout';
import { useCompactLayout } from '../../ui/responsive';
import { ENTITY_LABELS, STATUS_COLORS } from './import-labels';
import { useImportHistory } from './imports-api';
import { UndoImportDialog } from './undo-import-dialog';

/** Only a finished import that wrote something can be undone, and only once. */
export function canUndo(view: ImportView): boolean {
  return view.status === 'completed' && view.undoneAt === null && ((view.totals?.create ?? 0) > 0 || (view.totals?.update ?? 0) > 0);
}

function Totals({ view }: { view: ImportView }) {
  if (view.status === 'running') return <Progress value={view.progress * 100} size="sm" w={120} aria-label="Progress" />;
  if (!view.totals) return <Text size="xs" c="dimmed">not run</Text>;
  const t = view.totals;
  return (
    <Text size="xs">
      {t.create.toLocaleString()} created · {t.update.toLocaleString()} updated · {t.skip.toLocaleString()} skipped
      {t.error > 0 && (
        <Text span size="xs" c="red.7">
          {' '}
          · {t.error.toLocaleString()} {t.error === 1 ? 'error' : 'errors'}
        </Text>
      )}
    </Text>
  );
}

function StatusBadge({ view }: { view: ImportView }) {
  const badge = (
    <Badge size="sm" variant="light" color={STATUS_COLORS[view.status]} style={{ flexShrink: 0, overflow: 'visible' }}>
      {view.status === 'uploaded' ? 'not run' : view.status}
    </Badge>
  );
  return view.error ? (
    <Tooltip label={view.error} multiline w={320} withinPortal>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}

function UndoButton({ view, onUndo }: { view: ImportView; onUndo: (view: ImportView) => void }) {
  if (!canUndo(view)) return null;
  return (
    <Button size="xs" variant="light" color="red" onClick={() => onUndo(view)} data-testid="undo-import">
      Undo
    </Button>
  );
}

/** Every import: who ran it, when, which file into what, its totals, and undo. */
export function ImportHistory() {
  const compact = useCompactLayout();
  const [limit, setLimit] = useState(20);
  const history = useImportHistory({ limit, offset: 0 });
  const [undoing, setUndoing] = useState<ImportView | null>(null);
  const fetched = history.data?.data ?? [];
  // A file uploaded but never run is a wizard left half-way: it did nothing, so it is not history.
  const rows = fetched.filter((view) => view.status !== 'uploaded');
  const entityLabel = (view: ImportView) => (view.entity ? ENTITY_LABELS[view.entity].label : '—');

  return (
    <Card data-testid="import-history">
      <SectionTitle>Import history</SectionTitle>
      {history.isError ? (
        <Alert color="red">{errorMessage(history.error)}</Alert>
      ) : history.isPending ? (
        <ListSkeleton rows={3} />
      ) : rows.length === 0 ? (
        <Empty icon={<IconFileImport size={20} />} title="No imports yet" description="Files you import appear here, with a way to undo each one." />
      ) : compact ? (
        <Stack gap="xs">
          {rows.map((view) => (
            <Card key={view.id} padding="xs" withBorder data-testid="import-history-row">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600} truncate>
                    {view.fileName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {[view.entity ? entityLabel(view) : null, view.createdBy.name, formatRelative(view.createdAt)].filter(Boolean).join(' · ')}
                  </Text>
                </div>
                <StatusBadge view={view} />
              </Group>
              <Group justify="space-between" mt={4}>
                <Totals view={view} />
                <UndoButton view={view} onUndo={setUndoing} />
              </Group>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>File</Table.Th>
              <Table.Th>When</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Rows</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((view) => (
              <Table.Tr key={view.id} data-testid="import-history-row">
                <Table.Td maw={240}>
                  <Text size="sm" truncate title={view.fileName}>
                    {view.fileName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {view.rowCount.toLocaleString()} rows{view.entity ? ` · ${entityLabel(view).toLowerCase()}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" title={formatDateTime(view.createdAt)}>
                    {formatRelative(view.createdAt)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    by {view.createdBy.name}
                  </Text>
                  {view.undoneAt && (
                    <Text size="xs" c="dimmed">
                      undone {formatRelative(view.undoneAt)}
                    </Text>
                  )}
                </Table.Td>
                {/* The status must stay whole; the file name gives way instead. */}
                <Table.Td style={{ whiteSpace: 'nowrap', width: 120 }}>
                  <StatusBadge view={view} />
                </Table.Td>
                <Table.Td>
                  <Totals view={view} />
                </Table.Td>
                <Table.Td ta="right">
                  <UndoButton view={view} onUndo={setUndoing} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {history.data && history.data.total > fetched.length && (
        <Button variant="default" mt="sm" onClick={() => setLimit((l) => l + 50)}>
          Show older imports
        </Button>
      )}
      {undoing && <UndoImportDialog target={undoing} onClose={() => setUndoing(null)} />}
    </Card>
  );
}
