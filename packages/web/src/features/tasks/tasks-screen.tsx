import { Alert, Button, Card, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconChecklist, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { useList } from '../../api/hooks';
import type { Task } from '../../api/types';
import { Empty, ListSkeleton, PageHeader } from '../../ui/layout';
import { useComposers } from '../shell/composers';
import { SavedViewMenu } from '../views/saved-view-menu';
import { useApplyViewFromLink } from '../views/use-saved-views';
import { TaskRow } from './task-row';

type View = 'open' | 'overdue' | 'today' | 'upcoming' | 'done';
type Scope = 'team' | 'me';

const VIEW_WORDS: Record<View, string> = { open: 'open tasks', overdue: 'overdue tasks', today: 'tasks due today', upcoming: 'upcoming tasks', done: 'completed tasks' };

/** The line under the filters that says exactly what the list holds, so it never looks "all clear" by accident. */
export function scopeSentence(view: View, scope: Scope, count: number | undefined): string {
  const whose = scope === 'me' ? 'assigned to you' : 'for the whole team, as on the dashboard';
  return `${count === undefined ? 'Loading' : `Showing ${count}`} ${VIEW_WORDS[view]} ${whose}.`;
}

const VIEW_QUERY: Record<View, { status: string; due?: string }> = {
  open: { status: 'open' },
  overdue: { status: 'open', due: 'overdue' },
  today: { status: 'open', due: 'today' },
  upcoming: { status: 'open', due: 'upcoming' },
  done: { status: 'done' },
};

export function TasksScreen() {
  const { newTask } = useComposers();
  // The team's list by default: the dashboard counts everyone's tasks, and this screen must agree with it.
  const [scope, setScope] = useState<Scope>('team');
  const [view, setView] = useState<View>('open');
  // Saved views keep the two toggles as `query`; the active one is `?view=<id>` in the URL.
  const [params, setParams] = useSearchParams();
  const activeViewId = params.get('view');
  const applyView = (saved: { id: string; state: { query?: Record<string, string> } } | null) => {
    const query = saved?.state.query ?? {};
    setView(query.view && query.view in VIEW_QUERY ? (query.view as View) : 'open');
    setScope(query.scope === 'me' ? 'me' : 'team');
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (saved) next.set('view', saved.id);
      else next.delete('view');
      return next;
    });
  };
  const appliedFromLink = useApplyViewFromLink('tasks', activeViewId, applyView);
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
        description="Follow-ups for the team; click a task to open, edit, reassign or delete it"
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => newTask()} data-testid="new-task">
            New task
          </Button>
        }
      />
      <Group justify="space-between">
        <SavedViewMenu
          screen="tasks"
          currentState={{ query: { view, scope }, sort: [], groupBy: null, columns: [] }}
          activeViewId={activeViewId}
          onApply={(saved) => {
            appliedFromLink.current = saved?.id ?? null;
            applyView(saved);
          }}
        />
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
          onChange={(v) => setScope(v as Scope)}
          data={[
            { value: 'team', label: 'Team' },
            { value: 'me', label: 'Mine' },
          ]}
          data-testid="task-scope"
        />
      </Group>
      <Text size="sm" c="dimmed" data-testid="task-scope-sentence">
        {scopeSentence(view, scope, tasks.data?.total)}
      </Text>
      {tasks.isError ? (
        <Alert color="red">{errorMessage(tasks.error)}</Alert>
      ) : tasks.isPending ? (
        <ListSkeleton rows={8} height={44} />
      ) : tasks.data.data.length === 0 ? (
        <Empty
          icon={<IconChecklist size={22} />}
          title={view === 'done' ? 'Nothing completed yet' : scope === 'me' ? 'Nothing assigned to you here' : 'All clear for the team'}
          description={scope === 'me' ? 'Switch to Team to see everyone’s tasks.' : 'Tasks created from communications’ next actions show up here too.'}
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
