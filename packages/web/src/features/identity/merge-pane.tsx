import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsLeftRight, IconGitMerge, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { ListSkeleton, SectionTitle } from '../../ui/layout';
import { ConflictList, EvidenceList } from './evidence-list';
import { defaultPicks, FieldPicker, type Side } from './field-picker';
import {
  entityPath,
  type IdentityEntityType,
  type IdentityMergeView,
  percent,
  useCanMerge,
  useComparison,
  useMergeEntities,
  useRejectSuggestion,
  useUndoMerge,
  useWhy,
} from './identity-api';
import { notifyMerged } from './undo-notification';

interface MergePaneProps {
  a: string;
  b: string;
  /** Labels known before the comparison loads (from the suggestion row). */
  labels?: { a: string; b: string } | undefined;
  suggestionId?: string | undefined;
  /** After a merge (with it) or a rejection: the queue moves on, the compare page opens the survivor. */
  onDone?: ((merge: IdentityMergeView | null) => void) | undefined;
}

/** A presented record's first email or website: what tells two "Katherine Moreau"s apart at a glance. */
function hintOf(record: Record<string, unknown>): string | undefined {
  const emails = record.emails;
  if (Array.isArray(emails) && typeof emails[0] === 'string') return emails[0];
  if (typeof record.website === 'string' && record.website) return record.website;
  return undefined;
}

const VERDICT_COLOR = { merge: 'teal', suggest: 'yellow', distinct: 'gray', rejected: 'red' } as const;

/** One pair side by side: pick the values to keep, read the evidence, then merge or say they are different. */
export function MergePane({ a, b, labels, suggestionId, onDone }: MergePaneProps) {
  const comparison = useComparison(a, b);
  const why = useWhy(a, b);
  const merge = useMergeEntities();
  const reject = useRejectSuggestion();
  const undo = useUndoMerge();
  const canMerge = useCanMerge();
  const [survivor, setSurvivor] = useState<Side>('a');
  const [chosen, setChosen] = useState<Record<string, Side>>({});

  if (comparison.isPending) return <ListSkeleton rows={6} />;
  if (comparison.isError) return <Alert color="red">{errorMessage(comparison.error)}</Alert>;
  const view = comparison.data;
  const entityType: IdentityEntityType = view.entityType;
  const merged: Side = survivor === 'a' ? 'b' : 'a';
  const label = (side: Side) => (side === 'a' ? (why.data?.a.label ?? labels?.a ?? 'Record A') : (why.data?.b.label ?? labels?.b ?? 'Record B'));
  const id = (side: Side) => (side === 'a' ? a : b);
  const picks = { ...defaultPicks(view.fields, survivor), ...chosen };
  const differing = view.fields.filter((f) => f.differs).length;

  const runMerge = () => {
    const fields = Object.fromEntries(Object.entries(picks).map(([field, side]) => [field, side === survivor ? 'survivor' : 'merged'] as const));
    merge.mutate(
      { entityType, survivorId: id(survivor), mergedId: id(merged), fields, ...(suggestionId ? { suggestionId } : {}) },
      {
        onSuccess: (result) => {
          notifyMerged(result, (mergeId) => undo.mutateAsync(mergeId));
          onDone?.(result);
        },
        onError: (error) => notifications.show({ title: 'Could not merge', message: errorMessage(error), color: 'red' }),
      },
    );
  };
  const runReject = () => {
    if (!suggestionId) return;
    reject.mutate(suggestionId, {
      onSuccess: () => {
        notifications.show({ message: `${label('a')} and ${label('b')} will not be suggested again`, color: 'teal' });
        onDone?.(null);
      },
      onError: (error) => notifications.show({ title: 'Could not reject', message: errorMessage(error), color: 'red' }),
    });
  };

  return (
    <Stack gap="md" data-testid="merge-pane">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Title order={4} style={{ wordBreak: 'break-word' }}>
            <Anchor component={Link} to={entityPath(entityType, id(survivor))} inherit data-testid="merge-survivor">
              {label(survivor)}
            </Anchor>{' '}
            <Text span c="dimmed" inherit>
              ←
            </Text>{' '}
            <Anchor component={Link} to={entityPath(entityType, id(merged))} inherit data-testid="merge-merged">
              {label(merged)}
            </Anchor>
          </Title>
          <Text size="sm" c="dimmed">
            {differing === 0 ? 'Every field has the same value.' : `${differing} field${differing === 1 ? '' : 's'} differ: pick the value to keep.`} The left
            record keeps its id, links and timeline; the right one's are moved into it.
          </Text>
        </Stack>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconArrowsLeftRight size={14} />}
          onClick={() => setSurvivor(merged)}
          data-testid="merge-swap"
          aria-label="Swap which record survives"
        >
          Swap
        </Button>
      </Group>
      {view.conflicts.length > 0 && (
        <Alert color="orange" variant="light" title="To reconcile">
          <ConflictList conflicts={view.conflicts} />
        </Alert>
      )}
      <Card padding="sm" withBorder>
        <FieldPicker
          fields={view.fields}
          left={survivor}
          picks={picks}
          onPick={(field, side) => setChosen((current) => ({ ...current, [field]: side }))}
          leftLabel={label(survivor)}
          rightLabel={label(merged)}
          leftHint={hintOf(survivor === 'a' ? view.a : view.b)}
          rightHint={hintOf(survivor === 'a' ? view.b : view.a)}
        />
      </Card>
      <Card padding="sm" withBorder>
        <SectionTitle
          right={
            why.data && (
              <Group gap={6}>
                <Badge variant="light" color={VERDICT_COLOR[why.data.verdict]} size="sm">
                  {why.data.verdict === 'suggest' ? 'possible duplicate' : why.data.verdict}
                </Badge>
                <Text size="sm" fw={600} className="lp-num" data-testid="merge-confidence">
                  {percent(why.data.confidence)}
                </Text>
              </Group>
            )
          }
        >
          Evidence
        </SectionTitle>
        {why.isPending ? (
          <ListSkeleton rows={3} height={20} />
        ) : why.isError ? (
          <Text size="sm" c="dimmed">
            {errorMessage(why.error)}
          </Text>
        ) : (
          <EvidenceList evidence={why.data.evidence} />
        )}
      </Card>
      {canMerge ? (
        <Group gap="sm">
          <Button leftSection={<IconGitMerge size={16} />} onClick={runMerge} loading={merge.isPending} data-testid="merge-confirm">
            Merge
          </Button>
          {suggestionId && (
            <Button variant="default" leftSection={<IconX size={16} />} onClick={runReject} loading={reject.isPending} data-testid="merge-reject">
              Not a duplicate
            </Button>
          )}
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          Your role can review duplicates but not merge them.
        </Text>
      )}
    </Stack>
  );
}
