import { Anchor, Badge, Checkbox, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { useUpdate } from '../../api/hooks';
import type { Task } from '../../api/types';
import { formatDate, isOverdue, todayIso } from '../../ui/format';
import { useRecordOpeners } from '../shell/composers';

export const ENTITY_PATH: Record<string, string> = { contact: '/contacts', organization: '/organizations' };

export function dueLabel(task: Pick<Task, 'dueOn' | 'status'>): { text: string; color: string } {
  if (!task.dueOn) return { text: 'No due date', color: 'dimmed' };
  if (task.status !== 'open') return { text: formatDate(task.dueOn), color: 'dimmed' };
  if (task.dueOn === todayIso()) return { text: 'Today', color: 'orange' };
  if (isOverdue(task.dueOn)) return { text: `Overdue · ${formatDate(task.dueOn)}`, color: 'red' };
  return { text: formatDate(task.dueOn), color: 'dimmed' };
}

/** A task in a list: the checkbox completes or reopens it, the title opens it. */
export function TaskRow({ task, compact = false }: { task: Task; compact?: boolean }) {
  const update = useUpdate<Task>('tasks');
  const { openTask } = useRecordOpeners();
  const done = task.status === 'done';
  const due = dueLabel(task);
  const entityPath = task.entityType ? ENTITY_PATH[task.entityType] : undefined;
  return (
    <Group wrap="nowrap" gap="sm" py={compact ? 6 : 10} px={compact ? 0 : 'md'} className={compact ? 'lp-task-row' : 'lp-row lp-task-row'} data-testid="task-row">
      <Checkbox
        radius="xl"
        aria-label={done ? 'Mark as open' : 'Mark as done'}
        checked={done}
        onChange={() =>
          update.mutate(
            { id: task.id, changes: { status: done ? 'open' : 'done' } },
            {
              onSuccess: () => !done && notifications.show({ message: 'Task done', color: 'teal' }),
              onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
            },
          )
        }
      />
      <div style={{ flex: 1, minWidth: 0 }}>
        <Anchor
          component="button"
          type="button"
          size="sm"
          fw={500}
          c={done ? 'dimmed' : 'var(--mantine-color-text)'}
          td={done ? 'line-through' : undefined}
          ta="left"
          maw="100%"
          style={{ display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
          onClick={() => openTask(task.id)}
          data-testid="open-task"
        >
          {task.title}
        </Anchor>
        {task.entityName && (
          <Text size="xs" c="dimmed" truncate>
            {entityPath && task.entityId ? (
              <Anchor component={Link} to={`${entityPath}/${task.entityId}`} size="xs">
                {task.entityName}
              </Anchor>
            ) : (
              task.entityName
            )}
          </Text>
        )}
      </div>
      {!compact && task.assignee && (
        <Badge variant="default" size="sm" style={{ textTransform: 'none', fontWeight: 500 }}>
          {task.assignee.name}
        </Badge>
      )}
      <Text size="xs" c={due.color} fw={due.color === 'red' ? 600 : 400} style={{ flexShrink: 0 }}>
        {due.text}
      </Text>
    </Group>
  );
}
