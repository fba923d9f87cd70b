import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../../api/client';
import { type Collection, useRestore, useTrash } from '../../api/hooks';

/**
 * Move one record to the trash and say so, with Undo in the message (it restores the record);
 * Settings → Trash keeps it restorable later.
 */
export function useTrashWithUndo(collection: Collection) {
  const trash = useTrash(collection);
  const restore = useRestore(collection);
  const undo = (id: string, label: string, notificationId: string) => {
    notifications.hide(notificationId);
    restore.mutate(id, {
      onSuccess: () => notifications.show({ message: `${label} restored`, color: 'teal' }),
      onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
    });
  };
  const run = (id: string, label: string, onDone?: () => void) =>
    trash.mutate([id], {
      onSuccess: () => {
        const notificationId = `trashed-${id}`;
        notifications.show({
          id: notificationId,
          color: 'teal',
          autoClose: 8000,
          message: (
            <Group justify="space-between" wrap="nowrap" gap="sm">
              <Text size="sm">{label} moved to the trash (Settings → Trash can restore it).</Text>
              <Button size="compact-xs" variant="light" onClick={() => undo(id, label, notificationId)} data-testid="undo-trash">
                Undo
              </Button>
            </Group>
          ),
        });
        onDone?.();
      },
      onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
    });
  return { run, isPending: trash.isPending };
}
