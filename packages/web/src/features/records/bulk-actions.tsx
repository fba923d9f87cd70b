import { Button, Group, Menu, Modal, Paper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconTag, IconTrash, IconUser, IconX } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { useInvalidate, useTags, useTrash } from '../../api/hooks';
import type { EntityType } from '../../api/types';
import { useUserOptions } from './pickers';

interface BulkActionsProps {
  entityType: EntityType;
  collection: 'contacts' | 'organizations';
  selected: string[];
  onClear: () => void;
  onExport: () => void;
}

export function BulkActions({ entityType, collection, selected, onClear, onExport }: BulkActionsProps) {
  const tags = useTags();
  const users = useUserOptions();
  const invalidate = useInvalidate();
  const trash = useTrash(collection);
  const [confirming, setConfirming] = useState(false);
  const count = selected.length;
  const noun = count === 1 ? entityType : `${entityType}s`;

  const applyTag = useMutation({
    mutationFn: (tagId: string) => api.post(`/api/tags/${tagId}/apply`, { entityType, entityIds: selected }),
    onSuccess: () => {
      notifications.show({ message: `Tagged ${count} ${noun}`, color: 'teal' });
      return invalidate(collection, 'tags');
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Could not tag', message: errorMessage(error) }),
  });
  // The API has no bulk owner endpoint, so each record is patched in turn.
  const assignOwner = useMutation({
    mutationFn: async (ownerId: string) => {
      for (const id of selected) await api.patch(`/api/${collection}/${id}`, { ownerId });
    },
    onSuccess: () => {
      notifications.show({ message: `Owner set on ${count} ${noun}`, color: 'teal' });
      return invalidate(collection);
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Could not assign owner', message: errorMessage(error) }),
  });

  return (
    <Paper withBorder px="md" py={8} radius="md" data-testid="bulk-bar" style={{ background: 'var(--lp-row-selected)' }}>
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {count} {noun} selected
        </Text>
        <Group gap="xs">
          <Menu position="bottom-end" width={220}>
            <Menu.Target>
              <Button size="xs" variant="default" leftSection={<IconTag size={14} />} loading={applyTag.isPending}>
                Tag
              </Button>
            </Menu.Target>
            <Menu.Dropdown mah={320} style={{ overflowY: 'auto' }}>
              {(tags.data?.data ?? []).length === 0 && <Menu.Label>No tags yet — add them in Settings</Menu.Label>}
              {(tags.data?.data ?? []).map((tag) => (
                <Menu.Item
                  key={tag.id}
                  leftSection={<span style={{ width: 8, height: 8, borderRadius: 8, background: tag.color, display: 'inline-block' }} />}
                  onClick={() => applyTag.mutate(tag.id)}
                >
                  {tag.name}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
          <Menu position="bottom-end" width={220}>
            <Menu.Target>
              <Button size="xs" variant="default" leftSection={<IconUser size={14} />} loading={assignOwner.isPending}>
                Assign owner
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {users.map((user) => (
                <Menu.Item key={user.value} onClick={() => assignOwner.mutate(user.value)}>
                  {user.label}
                </Menu.Item>
              ))}
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
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={`Move ${count} ${noun} to trash?`} size="sm">
        <Text size="sm" c="dimmed" mb="lg">
          They disappear from lists but can be restored from Settings → Trash.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={trash.isPending}
            data-testid="confirm-trash"
            onClick={() =>
              trash.mutate(selected, {
                onSuccess: () => {
                  notifications.show({ message: `Moved ${count} ${noun} to trash`, color: 'teal' });
                  setConfirming(false);
                  onClear();
                },
                onError: (error) => notifications.show({ color: 'red', title: 'Could not move to trash', message: errorMessage(error) }),
              })
            }
          >
            Move to trash
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}
