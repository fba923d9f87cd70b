import { Alert, Anchor, Badge, Button, Divider, Drawer, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconPencil, IconRotate, IconTrash } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { useRecord, useUpdate } from '../../api/hooks';
import type { Task } from '../../api/types';
import { formatDateTime, humanize } from '../../ui/format';
import { ConfirmDialog } from '../records/confirm-dialog';
import { useDrawerSize } from '../records/use-drawer-size';
import { UserSelect } from '../records/pickers';
import { useTrashWithUndo } from '../records/use-trash-with-undo';
import { useComposers } from '../shell/composers';
import { TaskFormModal } from './task-form-modal';
import { dueLabel, ENTITY_PATH } from './task-row';

function Property({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="sm" wrap="nowrap" align="center">
      <Text size="sm" c="dimmed" w={100} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <div style={{ flex: 1, minWidth: 0 }}>{children}</div>
    </Group>
  );
}

function TaskDetail({ task, onClose }: { task: Task; onClose: () => void }) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const update = useUpdate<Task>('tasks');
  const trash = useTrashWithUndo('tasks');
  const { openCommunication } = useComposers();
  const open = task.status === 'open';
  const due = dueLabel(task);
  const entityPath = task.entityType ? ENTITY_PATH[task.entityType] : undefined;
  const change = (changes: Partial<Task>, message: string) =>
    update.mutate(
      { id: task.id, changes },
      {
        onSuccess: () => notifications.show({ message, color: 'teal' }),
        onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
      },
    );
  return (
    <Stack gap="md" data-testid="task-detail">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Title order={4} td={task.status === 'done' ? 'line-through' : undefined} style={{ overflowWrap: 'anywhere' }}>
          {task.title}
        </Title>
        <Badge variant="light" color={open ? 'orange' : task.status === 'done' ? 'teal' : 'gray'} data-testid="task-status">
          {humanize(task.status)}
        </Badge>
      </Group>
      {task.deletedAt ? (
        <Alert color="red" variant="light">
          In the trash. Restore it from Settings → Trash.
        </Alert>
      ) : (
        <Group gap="xs">
          {open ? (
            <Button
              size="xs"
              color="teal"
              leftSection={<IconCheck size={14} />}
              loading={update.isPending}
              onClick={() => change({ status: 'done' }, 'Task done')}
              data-testid="complete-task"
            >
              Mark done
            </Button>
          ) : (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconRotate size={14} />}
              loading={update.isPending}
              onClick={() => change({ status: 'open' }, 'Task reopened')}
              data-testid="reopen-task"
            >
              Reopen
            </Button>
          )}
          <Button size="xs" variant="default" leftSection={<IconPencil size={14} />} onClick={() => setEditing(true)} data-testid="edit-task">
            Edit
          </Button>
          <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => setConfirming(true)} data-testid="delete-task">
            Delete
          </Button>
        </Group>
      )}
      <Stack gap="xs">
        <Property label="Due">
          <Text size="sm" c={due.color}>
            {due.text}
          </Text>
        </Property>
        <Property label="Assignee">
          <UserSelect
            size="xs"
            aria-label="Assignee"
            placeholder="Unassigned"
            value={task.assigneeId}
            disabled={Boolean(task.deletedAt)}
            onChange={(id) => change({ assigneeId: id }, id ? 'Task reassigned' : 'Task unassigned')}
            data-testid="task-reassign"
          />
        </Property>
        <Property label="For">
          {task.entityName ? (
            entityPath && task.entityId ? (
              <Anchor component={Link} to={`${entityPath}/${task.entityId}`} size="sm">
                {task.entityName}
              </Anchor>
            ) : (
              <Text size="sm">{task.entityName}</Text>
            )
          ) : (
            <Text size="sm" c="dimmed">
              Not linked to an investor
            </Text>
          )}
        </Property>
        {task.communicationId && (
          <Property label="From">
            <Anchor component="button" type="button" size="sm" onClick={() => openCommunication(task.communicationId as string)}>
              the communication it was the next action of
            </Anchor>
          </Property>
        )}
        {task.completedAt && (
          <Property label="Completed">
            <Text size="sm">{formatDateTime(task.completedAt)}</Text>
          </Property>
        )}
      </Stack>
      <Divider />
      {task.notes ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {task.notes}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          No notes.
        </Text>
      )}
      <Text size="xs" c="dimmed">
        Created {formatDateTime(task.createdAt)}
      </Text>
      {editing && <TaskFormModal defaults={{}} task={task} onClose={() => setEditing(false)} />}
      {confirming && (
        <ConfirmDialog
          title="Delete this task?"
          confirmLabel="Move to trash"
          loading={trash.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            trash.run(task.id, `“${task.title}”`, () => {
              setConfirming(false);
              onClose();
            })
          }
        >
          <Text size="sm">
            “{task.title}” leaves Tasks, the dashboard and {task.entityName ? `${task.entityName}’s timeline` : 'any timeline'}. You can restore it from
            Settings → Trash.
          </Text>
        </ConfirmDialog>
      )}
    </Stack>
  );
}

/** One task, opened from Tasks, the dashboard or a timeline: complete, reassign, edit, delete. */
export function TaskDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const drawerSize = useDrawerSize('md');
  const query = useRecord<Task>('tasks', id);
  return (
    <Drawer opened onClose={onClose} position="right" size={drawerSize} title="Task" data-testid="task-drawer">
      {query.isPending ? (
        <Skeleton height={160} />
      ) : query.isError ? (
        <Alert color="red">{errorMessage(query.error)}</Alert>
      ) : (
        <TaskDetail task={query.data} onClose={onClose} />
      )}
    </Drawer>
  );
}
