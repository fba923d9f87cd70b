import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconGitMerge } from '@tabler/icons-react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { formatDateTime, humanize } from '../../ui/format';
import { Empty, ListSkeleton } from '../../ui/layout';
import { entityPath, type IdentityMergeView, percent, useCanMerge, useMerges, useUndoMerge } from './identity-api';

/** One merge: who went into whom, by which rule, and Undo while it stands. */
export function MergeRow({ merge }: { merge: IdentityMergeView }) {
  const undo = useUndoMerge();
  const canMerge = useCanMerge();
  const undone = merge.undoneAt !== null;
  const runUndo = () =>
    undo.mutate(merge.id, {
      onSuccess: () => notifications.show({ message: `Merge undone: ${merge.merged.label} is back`, color: 'teal' }),
      onError: (error) => notifications.show({ title: 'Could not undo the merge', message: errorMessage(error), color: 'red' }),
    });
  return (
    <Group justify="space-between" wrap="wrap" gap="xs" data-testid="merge-row" data-undone={undone} style={{ opacity: undone ? 0.7 : 1 }}>
      <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
        <Text size="sm" style={{ wordBreak: 'break-word' }}>
          <Anchor component={Link} to={entityPath(merge.entityType, merge.merged.entityId)} size="sm" td={undone ? undefined : 'line-through'}>
            {merge.merged.label}
          </Anchor>{' '}
          →{' '}
          <Anchor component={Link} to={entityPath(merge.entityType, merge.survivor.entityId)} size="sm" fw={600}>
            {merge.survivor.label}
          </Anchor>
        </Text>
        <Text size="xs" c="dimmed">
          {[
            merge.rule === 'manual' ? `Merged by ${merge.actorName ?? 'a team member'}` : `Automatic: ${humanize(merge.rule)}`,
            merge.confidence === null ? null : percent(merge.confidence),
            formatDateTime(merge.createdAt),
            undone ? `undone ${formatDateTime(merge.undoneAt)}${merge.undoneBy ? ` by ${merge.undoneBy}` : ''}` : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </Stack>
      {undone ? (
        <Badge color="gray" variant="light">
          Undone
        </Badge>
      ) : (
        canMerge && (
          <Button size="compact-sm" variant="default" onClick={runUndo} loading={undo.isPending} data-testid="merge-undo">
            Undo
          </Button>
        )
      )}
    </Group>
  );
}

export function RecentMerges() {
  const merges = useMerges({ includeUndone: true, limit: 100 });
  if (merges.isPending) return <ListSkeleton rows={4} />;
  if (merges.isError) return <Alert color="red">{errorMessage(merges.error)}</Alert>;
  if (merges.data.data.length === 0)
    return (
      <Empty
        icon={<IconGitMerge size={22} />}
        title="No merges yet"
        description="Merges made here or automatically by LP Desk are listed with an Undo button."
      />
    );
  return (
    <Card padding={0} withBorder data-testid="recent-merges">
      <Stack gap={0}>
        {merges.data.data.map((merge) => (
          <div key={merge.id} className="lp-row" style={{ padding: '10px 12px' }}>
            <MergeRow merge={merge} />
          </div>
        ))}
      </Stack>
    </Card>
  );
}
