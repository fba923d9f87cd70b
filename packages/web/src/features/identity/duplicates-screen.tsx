import { Alert, Anchor, Badge, Button, Card, Grid, Group, SegmentedControl, Stack, Tabs, Text } from '@mantine/core';
import { IconArrowLeft, IconCopy } from '@tabler/icons-react';
import { useEffect } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { Empty, ListSkeleton, PageHeader } from '../../ui/layout';
import { useCompactLayout } from '../../ui/responsive';
import { entityPath, type IdentityEntityType, useSuggestions } from './identity-api';
import { MergePane } from './merge-pane';
import { RecentMerges } from './recent-merges';
import { SuggestionQueue } from './suggestion-queue';

const FILTERS = [
  { value: 'all', label: 'All' },
  { value: 'contact', label: 'Contacts' },
  { value: 'organization', label: 'Organizations' },
];

function entityTypeParam(value: string | null): IdentityEntityType | undefined {
  return value === 'contact' || value === 'organization' ? value : undefined;
}

/** The open suggestions on one side, the selected pair side by side on the other (stacked on phones). */
function SuggestionsTab() {
  const [params, setParams] = useSearchParams();
  const compact = useCompactLayout();
  const entityType = entityTypeParam(params.get('entityType'));
  const entityId = params.get('entityId') ?? undefined;
  const selectedId = params.get('suggestion');
  const suggestions = useSuggestions({ entityType, entityId, limit: 100 });
  const rows = suggestions.data?.data ?? [];
  const selected = rows.find((s) => s.id === selectedId) ?? null;
  const update = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) value === null ? next.delete(key) : next.set(key, value);
        return next;
      },
      { replace: true },
    );
  // On a wide screen the first pair opens by itself, so the queue can be worked through with the keyboard alone.
  const first = rows[0]?.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `update` is rebuilt every render; the effect depends on the queue, not on it
  useEffect(() => {
    if (!compact && first && !selected && !suggestions.isPlaceholderData) update({ suggestion: first });
  }, [compact, first, selected, suggestions.isPlaceholderData]);

  const filter = (
    <Group justify="space-between" gap="xs">
      <SegmentedControl
        size="xs"
        data={FILTERS}
        value={entityType ?? 'all'}
        onChange={(value) => update({ entityType: value === 'all' ? null : value, suggestion: null })}
        data-testid="duplicates-filter"
      />
      {entityId && (
        <Group gap={6}>
          <Badge variant="light">One record's duplicates</Badge>
          <Anchor size="sm" onClick={() => update({ entityId: null, suggestion: null })} component="button">
            Show all
          </Anchor>
        </Group>
      )}
    </Group>
  );
  if (suggestions.isPending)
    return (
      <Stack>
        {filter}
        <ListSkeleton rows={6} height={52} />
      </Stack>
    );
  if (suggestions.isError) return <Alert color="red">{errorMessage(suggestions.error)}</Alert>;
  const empty = (
    <Empty
      icon={<IconCopy size={22} />}
      title="No possible duplicates"
      description="LP Desk checks every new record. Pairs it is not sure about wait here for a decision."
    />
  );
  const pane = selected && (
    <MergePane
      key={selected.id}
      a={selected.a.entityId}
      b={selected.b.entityId}
      labels={{ a: selected.a.label, b: selected.b.label }}
      suggestionId={selected.id}
      onDone={() => update({ suggestion: null })}
    />
  );
  if (compact && selected)
    return (
      <Stack gap="sm">
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconArrowLeft size={14} />}
          onClick={() => update({ suggestion: null })}
          style={{ alignSelf: 'flex-start' }}
        >
          All possible duplicates
        </Button>
        {pane}
      </Stack>
    );
  return (
    <Stack gap="sm">
      {filter}
      {rows.length === 0 ? (
        empty
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Card padding={0} withBorder>
              <SuggestionQueue suggestions={rows} selectedId={selected?.id ?? null} onSelect={(id) => update({ suggestion: id })} />
            </Card>
            {suggestions.data.total > rows.length && (
              <Text size="xs" c="dimmed" mt={6}>
                Showing {rows.length} of {suggestions.data.total}; decide these to see more.
              </Text>
            )}
          </Grid.Col>
          {!compact && (
            <Grid.Col span={{ base: 12, md: 8 }}>
              {pane ?? (
                <Text size="sm" c="dimmed">
                  Pick a pair to compare.
                </Text>
              )}
            </Grid.Col>
          )}
        </Grid>
      )}
    </Stack>
  );
}

/** /duplicates: the queue and recent merges. /duplicates/compare?a=&b=: any two records side by side ("Merge with…"). */
export function DuplicatesScreen({ mode = 'queue' }: { mode?: 'queue' | 'compare' }) {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const tab = params.get('tab') === 'merges' ? 'merges' : 'suggestions';
  if (mode === 'compare') {
    const a = params.get('a');
    const b = params.get('b');
    return (
      <Stack gap="md">
        <PageHeader title="Compare records" description="Pick the values to keep, then merge." />
        <Anchor component={Link} to="/duplicates" size="sm">
          ← Duplicates
        </Anchor>
        {a && b ? (
          <MergePane a={a} b={b} onDone={(merge) => merge && navigate(entityPath(merge.entityType, merge.survivor.entityId))} />
        ) : (
          <Alert color="yellow">Two records are needed: open this page from a record's “Merge with…”.</Alert>
        )}
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <PageHeader title="Duplicates" description="Records LP Desk thinks may be the same investor or person, with its evidence." />
      <Tabs
        value={tab}
        onChange={(value) =>
          setParams((current) => {
            const next = new URLSearchParams(current);
            value === 'merges' ? next.set('tab', 'merges') : next.delete('tab');
            return next;
          })
        }
      >
        <Tabs.List>
          <Tabs.Tab value="suggestions" data-testid="tab-suggestions">
            Possible duplicates
          </Tabs.Tab>
          <Tabs.Tab value="merges" data-testid="tab-merges">
            Recent merges
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="suggestions" pt="md">
          <SuggestionsTab />
        </Tabs.Panel>
        <Tabs.Panel value="merges" pt="md">
          {tab === 'merges' && <RecentMerges />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

export function DuplicatesCompareScreen() {
  return <DuplicatesScreen mode="compare" />;
}
