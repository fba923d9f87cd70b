import { type BatchRunView, type BatchUndoView, type BulkAction, countOf } from '@lpdesk/contracts';
import { Button, Group, Menu, Modal, Paper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconTag, IconTagOff, IconTrash, IconUser, IconX } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { useInvalidate, useTags } from '../../api/hooks';
import { useUserOptions } from './pickers';

/** Rows picked one by one, or every record the list query matches (sent as the query, not as ids). */
export type BulkSelection = { ids: string[] } | { query: Record<string, string> };

interface BulkActionsProps {
  collection: 'contacts' | 'organizations';
  selection: BulkSelection;
  /** How many records the selection covers, as the user was told; the server refuses to act on any other number. */
  count: number;
  noun: [singular: string, plural: string];
  onClear: () => void;
  onExport: () => void;
}

type Done = (batch: BatchRunView) => string;

/** What each action's toast says once the server has applied it. */
function describe(action: BulkAction, noun: [string, string], names: { tag?: string; owner?: string }): Done {
  switch (action.kind) {
    case 'trash':
      return (b) => `Moved ${countOf(b.count, ...noun)} to trash`;
    case 'addTag':
      return (b) => `Tagged ${countOf(b.count, ...noun)} “${names.tag ?? 'tag'}”${b.count < b.matched ? ` (${(b.matched - b.count).toLocaleString('en-US')} already were)` : ''}`;
    case 'removeTag':
      return (b) => `Removed “${names.tag ?? 'tag'}” from ${countOf(b.count, ...noun)}`;
    case 'setOwner':
      return (b) => `${names.owner ? `${names.owner} now owns` : 'Cleared the owner of'} ${countOf(b.count, ...noun)}`;
  }
}

export function BulkActions({ collection, selection, count, noun, onClear, onExport }: BulkActionsProps) {
  const tags = useTags();
  const users = useUserOptions();
  const invalidate = useInvalidate();
  const [confirming, setConfirming] = useState(false);
  const refresh = () => invalidate(collection, 'organizations', 'contacts', 'commitments', 'tags');

  const undo = useMutation({
    mutationFn: (batchId: string) => api.post<{ data: BatchUndoView }>(`/api/batches/${batchId}/undo`),
    onSuccess: ({ data }) => {
      const left = data.skipped.length;
      const names = data.skipped
        .slice(0, 3)
        .map((s) => s.name)
        .filter(Boolean)
        .join(', ');
      notifications.show({
        color: left ? 'yellow' : 'teal',
        message: left
          ? `Undone for ${countOf(data.restored, ...noun)}; ${countOf(left, ...noun)} changed since and ${left === 1 ? 'was' : 'were'} left as they are${names ? ` (${names}${left > 3 ? ', …' : ''})` : ''}`
          : `Undone: ${countOf(data.restored, ...noun)} back as they were`,
        autoClose: left ? 12_000 : 5_000,
      });
      return refresh();
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Could not undo', message: errorMessage(error) }),
  });

  const run = useMutation({
    mutationFn: ({ action }: { action: BulkAction; done: Done }) =>
      api.post<{ data: BatchRunView }>('/api/batches', { collection, selection, action, expectedCount: count }),
    onSuccess: ({ data: batch }, { done }) => {
      const id = `batch-${batch.id}`;
      notifications.show({
        id,
        color: 'teal',
        autoClose: 10_000,
        message: (
          <Group justify="space-between" wrap="nowrap" gap="xs" data-testid="batch-toast">
            <Text size="sm">{done(batch)}</Text>
            {batch.count > 0 && (
              <Button
                size="compact-xs"
                variant="subtle"
                data-testid="batch-undo"
                onClick={() => {
                  notifications.hide(id);
                  undo.mutate(batch.id);
                }}
              >
                Undo
              </Button>
            )}
          </Group>
        ),
      });
      setConfirming(false);
      if (batch.action === 'trash') onClear();
      return refresh();
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Nothing was changed', message: errorMessage(error) }),
  });
  const act = (action: BulkAction, names: { tag?: string; owner?: string } = {}) => run.mutate({ action, done: describe(action, noun, names) });
  const tagList = tags.data?.data ?? [];
  const tagDot = (color: string) => <span style={{ width: 8, height: 8, borderRadius: 8, background: color, display: 'inline-block' }} />;
  const label = countOf(count, ...noun);

  return (
    <Paper withBorder px="md" py={8} radius="md" data-testid="bulk-bar" style={{ background: 'var(--lp-row-selected)' }}>
      <Group justify="space-between">
        <Text size="sm" fw={600} data-testid="bulk-count">
          {label} selected
        </Text>
        <Group gap="xs">
          <Menu position="bottom-end" width={240}>
            <Menu.Target>
              <Button size="xs" variant="default" leftSection={<IconTag size={14} />} loading={run.isPending} data-testid="bulk-tag">
                Tag
              </Button>
            </Menu.Target>
            <Menu.Dropdown mah={360} style={{ overflowY: 'auto' }}>
              {tagList.length === 0 && <Menu.Label>No tags yet — add them in Settings</Menu.Label>}
              {tagList.length > 0 && <Menu.Label>Add a tag to {label}</Menu.Label>}
              {tagList.map((tag) => (
                <Menu.Item key={tag.id} leftSection={tagDot(tag.color)} onClick={() => act({ kind: 'addTag', tagId: tag.id }, { tag: tag.name })}>
                  {tag.name}
                </Menu.Item>
              ))}
              {tagList.length > 0 && (
                <>
                  <Menu.Divider />
                  <Menu.Label>Remove a tag</Menu.Label>
                  {tagList.map((tag) => (
                    <Menu.Item
                      key={`remove-${tag.id}`}
                      leftSection={<IconTagOff size={14} />}
                      onClick={() => act({ kind: 'removeTag', tagId: tag.id }, { tag: tag.name })}
                    >
                      {tag.name}
                    </Menu.Item>
                  ))}
                </>
              )}
            </Menu.Dropdown>
          </Menu>
          <Menu position="bottom-end" width={220}>
            <Menu.Target>
              <Button size="xs" variant="default" leftSection={<IconUser size={14} />} loading={run.isPending}>
                Assign owner
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {users.map((user) => (
                <Menu.Item key={user.value} onClick={() => act({ kind: 'setOwner', ownerId: user.value }, { owner: user.label })}>
                  {user.label}
                </Menu.Item>
              ))}
              <Menu.Divider />
              <Menu.Item c="dimmed" onClick={() => act({ kind: 'setOwner', ownerId: null })}>
                No owner
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
          <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} onClick={onExport}>
            Export CSV
          </Button>
          <Button size="xs" variant="light" color="red" leftSection={<IconTrash size={14} />} onClick={() => setConfirming(true)} data-testid="bulk-trash">
            Move to trash
          </Button>
          <Button size="xs" variant="subtle" color="gray" onClick={onClear} aria-label="Clear selection">
            <IconX size={14} />
          </Button>
        </Group>
      </Group>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={`Move ${label} to trash?`} size="sm">
        <Text size="sm" c="dimmed" mb="lg">
          They disappear from lists but can be restored from Settings → Trash, or all at once with Undo.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
          <Button color="red" loading={run.isPending} data-testid="confirm-trash" onClick={() => act({ kind: 'trash' })}>
            Move {label} to trash
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}
