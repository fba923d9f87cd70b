import { Alert, Button, Card, Group, SegmentedControl, Stack } from '@mantine/core';
import { IconChecklist, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useList } from '../../api/hooks';
import type { Task } from '../../api/types';
import { Empty, ListSkeleton, PageHeader } from '../../ui/layout';
import { useComposers } from '../shell/composers';
import { TaskRow } from './task-row';

type View = 'open' | 'overdue' | 'today' | 'upcoming' | 'done';

const VIEW_QUERY: Record<View, { status: string; due?: string }> = {
  open: { status: 'open' },
  overdue: { status: 'open', due: 'overdue' },
  today: { status: 'open', due: 'today' },
  upcoming: { status: 'open', due: 'upcoming' },
  done: { status: 'done' },
};

export function TasksScreen() {
  const { newTask } = useComposers();
  const [scope, setScope] = useState<'me' | 'everyone'>('me');
  const [view, setView] = useState<View>('open');
  const tasks = useList<Task>('tasks', {
    ...VIEW_QUERY[view],
    assignee: scope === 'me' ? 'me' : undefined,
    limit: 500,
    sort: view === 'done' ? '-updatedAt' : undefined,
  });
  return (
    <Stack gap="md">
      <PageHeader
        title="Tasks"
        description="Follow-ups for the team"
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => newTask()} data-testid="new-task">
            New task
          </Button>
        }
      />
      <Group justify="space-between">
        <SegmentedControl
          value={view}
          onChange={(v) => setView(v as View)}
          data={[
            { value: 'open', label: 'All open' },
            { value: 'overdue', label: 'Overdue' },
            { value: 'today', label: 'Today' },
            { value: 'upcoming', label: 'Upcoming' },
            { value: 'done', label: 'Done' },
          ]}
        />
        <SegmentedControl
          value={scope}
          onChange={(v) => setScope(v as 'me' | 'everyone')}
          data={[
            { value: 'me', label: 'Mine' },
            { value: 'everyone', label: 'Everyone' },
          ]}
        />
      </Group>
      {tasks.isError ? (
        <Alert color="red">{errorMessage(tasks.error)}</Alert>
      ) : tasks.isPending ? (
        <ListSkeleton rows={8} height={44} />
      ) : tasks.data.data.length === 0 ? (
        <Empty
          icon={<IconChecklist size={22} />}
          title={view === 'done' ? 'Nothing completed yet' : 'All clear'}
          description="Tasks created from communications’ next actions show up here too."
        />
      ) : (
        <Card padding={0}>
          {tasks.data.data.map((task) => (
            <TaskRow key={task.id} task={task} />
          ))}
        </Card>
      )}
    </Stack>
  );
}
