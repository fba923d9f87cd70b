import { countOf, nounFor } from '@lpdesk/contracts';
import { Alert, Anchor, Avatar, Button, Group, Kbd, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBuilding, IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { initials } from '../../ui/format';
import { Empty, ListSkeleton, PageHeader } from '../../ui/layout';
import { useCompactLayout } from '../../ui/responsive';
import { entityPath, groupHits, type HitGroup, relatedEntities } from './group-hits';
import { useOpenHit } from './hit-target';
import {
  type ContentSearchParams,
  type RetrievalEntity,
  type RetrievalHit,
  searchParamsFromUrl,
  searchParamsToUrl,
  useContentSearch,
  useSearchStatus,
} from './search-api';
import { SearchFilters, SearchModeControl } from './search-filters';
import { SearchHitCard } from './search-hit-card';
import classes from './search.module.css';

/** Results asked for at first, and after "Show more" (the API's maximum). */
const FIRST_PAGE = 30;
const MAX_RESULTS = 100;
/** The screen's own URL parameters; any other (an open drawer's) is left alone. */
const OWN_PARAMS = ['q', 'kind', 'fund', 'from', 'to', 'mode'];

/** `/` jumps to the query box from anywhere on the screen, unless the user is typing somewhere. */
function useSlashToFocus(target: React.RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const active = event.target as HTMLElement | null;
      if (active && (active.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(active.tagName))) return;
      event.preventDefault();
      target.current?.focus();
      target.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [target]);
}

/**
 * Search what was said: passages of notes, calls, meetings and emails, ranked by the retrieval index
 * (`GET /api/search`), grouped by the investor or contact they are about. The query and filters live in
 * the URL, so a search can be linked to and Back returns to it.
 */
export function SearchScreen() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => searchParamsFromUrl(params), [params]);
  const update = (patch: Partial<ContentSearchParams>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const key of OWN_PARAMS) next.delete(key);
        for (const [key, value] of searchParamsToUrl({ ...searchParamsFromUrl(current), ...patch })) next.set(key, value);
        return next;
      },
      { replace: true },
    );

  // The box is typed into freely; the URL (and the request) follow a moment after the last keystroke.
  const [draft, setDraft] = useState(state.q);
  const [debounced] = useDebouncedValue(draft.trim(), 250);
  const written = useRef(state.q);
  useEffect(() => {
    // The URL changed from outside (the palette's "Search everything", Back): show its query.
    if (state.q !== written.current) {
      written.current = state.q;
      setDraft(state.q);
    }
  }, [state.q]);
  const commit = (q: string) => {
    if (q === written.current) return;
    written.current = q;
    update({ q });
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the debounced text only
  useEffect(() => commit(debounced), [debounced]);

  const compact = useCompactLayout();
  const input = useRef<HTMLInputElement>(null);
  useSlashToFocus(input);
  const [limit, setLimit] = useState(FIRST_PAGE);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new search starts from the first page
  useEffect(() => setLimit(FIRST_PAGE), [state.q, state.kinds.join(','), state.fundId, state.from, state.to, state.mode]);

  const results = useContentSearch(state, { limit });
  const status = useSearchStatus();
  const openHit = useOpenHit();
  const hits = results.data?.data ?? [];
  const entities = results.data?.entities ?? [];
  const groups = groupHits(hits, entities);
  const filtered = state.kinds.length > 0 || Boolean(state.fundId || state.from || state.to);
  const pending = status.data?.pending ?? 0;

  return (
    <Stack gap="md" data-testid="search-screen">
      <PageHeader title="Search" description="What was said in notes, calls, meetings and emails, and by whom" />
      <TextInput
        ref={input}
        size="md"
        // Not on phones, where focusing would cover half the screen with the keyboard.
        autoFocus={!compact}
        aria-label="Search"
        placeholder="Search notes, calls and emails…"
        leftSection={<IconSearch size={18} />}
        rightSection={results.isFetching ? <Loader size="xs" /> : <Kbd visibleFrom="sm">/</Kbd>}
        value={draft}
        onChange={(event) => setDraft(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit(draft.trim());
        }}
        data-testid="search-input"
      />
      <SearchFilters value={state} onChange={update} />
      {pending > 0 && (
        <Alert color="yellow" variant="light" data-testid="search-index-pending" py="xs">
          The index is still catching up ({pending.toLocaleString('en-US')} pending): the newest changes may not be found yet.
        </Alert>
      )}
      {!state.q ? (
        <Empty
          icon={<IconSearch size={22} />}
          title="Search what was said"
          description="Words from any note, call, meeting or email — names, subjects and senders too. Press / to come back to the box."
        />
      ) : results.isPending ? (
        <ListSkeleton rows={5} height={84} />
      ) : results.isError ? (
        <Alert color="red" variant="light" title="Search failed" data-testid="search-error">
          {errorMessage(results.error)}
        </Alert>
      ) : (
        <Stack gap="lg">
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Text size="sm" c="dimmed" data-testid="search-summary">
              {hits.length === 0 ? 'No passages found' : `${hits.length}${hits.length === limit ? '+' : ''} ${nounFor(hits.length, 'passage')}`}
              {` · ${Math.round(results.data.tookMs)} ms`}
            </Text>
            <SearchModeControl value={state.mode} onChange={(mode) => update({ mode })} />
          </Group>
          {hits.length === 0 ? (
            <Empty
              icon={<IconSearch size={22} />}
              title={`Nothing found for “${state.q}”`}
              description={
                filtered
                  ? 'Clear a filter or widen the dates.'
                  : state.mode === 'sparse'
                    ? 'Exact words only: try Best match or Similar meaning.'
                    : 'Try other words, or a name.'
              }
            />
          ) : (
            groups.map((group) => (
              <HitGroupSection key={group.entity?.id ?? 'none'} group={group} entities={entities} onOpen={(hit) => void openHit(hit, entities)} />
            ))
          )}
          {hits.length === limit && limit < MAX_RESULTS && (
            <Button variant="default" onClick={() => setLimit(MAX_RESULTS)} loading={results.isFetching}>
              Show more
            </Button>
          )}
        </Stack>
      )}
    </Stack>
  );
}

/** One investor's or contact's passages under its name, which links to the record. */
function HitGroupSection({ group, entities, onOpen }: { group: HitGroup; entities: RetrievalEntity[]; onOpen: (hit: RetrievalHit) => void }) {
  const { entity } = group;
  return (
    <Stack gap="xs" data-testid="search-group" data-entity-id={entity?.id ?? ''}>
      <Group gap="xs" wrap="nowrap" className={classes.groupHeader}>
        {entity ? (
          <>
            <Avatar
              size={24}
              radius={entity.type === 'organization' ? 'sm' : 'xl'}
              color={entity.type === 'organization' ? 'indigo' : 'violet'}
              variant="light"
            >
              {entity.type === 'organization' ? <IconBuilding size={14} /> : initials(entity.label)}
            </Avatar>
            <Anchor component={Link} to={entityPath(entity)} fw={600} size="sm" truncate data-testid="search-group-label">
              {entity.label}
            </Anchor>
          </>
        ) : (
          <Text fw={600} size="sm" c="dimmed" data-testid="search-group-label">
            Not about an investor or contact
          </Text>
        )}
        <Text size="xs" c="dimmed" ml="auto" style={{ flexShrink: 0 }}>
          {countOf(group.hits.length, 'passage')}
        </Text>
      </Group>
      {group.hits.map((hit) => (
        <SearchHitCard key={hit.chunkId} hit={hit} related={relatedEntities(hit, entities, entity?.id ?? null)} onOpen={() => onOpen(hit)} />
      ))}
    </Stack>
  );
}
