import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../../api/client';
import type { IdentityMergeView } from './identity-api';

/** "X merged into Y" with an Undo button; the merge also stays undoable from Recent merges. */
export function notifyMerged(merge: IdentityMergeView, undo: (mergeId: string) => Promise<unknown>) {
  const id = `identity-merge-${merge.id}`;
  const runUndo = () => {
    notifications.hide(id);
    undo(merge.id).then(
      () => notifications.show({ message: `Merge undone: ${merge.merged.label} is back`, color: 'teal' }),
      (error: unknown) => notifications.show({ title: 'Could not undo the merge', message: errorMessage(error), color: 'red' }),
    );
  };
  notifications.show({
    id,
    color: 'teal',
    autoClose: 10_000,
    message: (
      <Group justify="space-between" wrap="nowrap" gap="sm" data-testid="merge-notification">
        <Text size="sm">
          {merge.merged.label} merged into {merge.survivor.label}
        </Text>
        <Button size="compact-sm" variant="light" onClick={runUndo} data-testid="merge-notification-undo" style={{ flexShrink: 0 }}>
          Undo
        </Button>
      </Group>
    ),
  });
}
