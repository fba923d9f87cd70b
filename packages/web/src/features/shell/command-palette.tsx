import { Avatar, Group, Loader, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight, spotlight } from '@mantine/spotlight';
import { IconArrowRight, IconBuilding, IconChecklist, IconCoin, IconNote, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { SearchResult } from '../../api/types';
import { initials } from '../../ui/format';
import { useOpenHit } from '../search/hit-target';
import { ContentHitAction, usePaletteContentHits } from '../search/palette-content-hits';
import { OPEN_COMMUNICATION_PARAM, OPEN_TASK_PARAM } from './composers';
import { NAV_ITEMS } from './sidebar';

/** How many ranked results the palette asks for across every kind of record. */
const RESULT_LIMIT = 15;
/** The result list's element id: Spotlight marks the highlighted row in it with data-selected. */
const LIST_ID = 'command-palette-results';

const actionRows = () => [...(document.getElementById(LIST_ID)?.querySelectorAll<HTMLElement>('[data-action]') ?? [])];

/**
 * The highlight lives on the rows themselves (data-selected, which Spotlight styles). Spotlight keeps its
 * own index, which goes stale when the rows for a keystroke arrive after it: so the palette moves the
 * highlight itself, from whichever row carries it.
 */
function highlightRow(pick: (current: number, count: number) => number) {
  const rows = actionRows();
  if (rows.length === 0) return;
  const current = rows.findIndex((row) => row.hasAttribute('data-selected'));
  const next = pick(current, rows.length);
  for (const row of rows) row.removeAttribute('data-selected');
  rows[next]!.setAttribute('data-selected', 'true');
  rows[next]!.scrollIntoView({ block: 'nearest' });
}

const MOVES: Record<string, (current: number, count: number) => number> = {
  ArrowDown: (current, count) => (current + 1) % count,
  ArrowUp: (current, count) => (current <= 0 ? count - 1 : current - 1),
};

type ResultType = SearchResult['type'];

/** Where each kind of result opens, and how its group and avatar look. */
const KINDS: Record<ResultType, { group: string; to: (id: string) => string; avatar: (result: SearchResult) => ReactNode }> = {
  organization: {
    group: 'Organizations',
    to: (id) => `/organizations/${id}`,
    avatar: () => (
      <Avatar size={28} radius="sm" color="indigo" variant="light">
        <IconBuilding size={16} />
      </Avatar>
    ),
  },
  contact: {
    group: 'People',
    to: (id) => `/contacts/${id}`,
    avatar: (result) => (
      <Avatar size={28} radius="xl" color="violet" variant="light">
        {initials(result.label)}
      </Avatar>
    ),
  },
  fund: {
    group: 'Funds',
    to: (id) => `/pipeline?fund=${id}`,
    avatar: () => (
      <Avatar size={28} radius="sm" color="teal" variant="light">
        <IconCoin size={16} />
      </Avatar>
    ),
  },
  communication: {
    group: 'Notes and communications',
    to: (id) => `/communications?${OPEN_COMMUNICATION_PARAM}=${id}`,
    avatar: () => (
      <Avatar size={28} radius="sm" color="blue" variant="light">
        <IconNote size={16} />
      </Avatar>
    ),
  },
  task: {
    group: 'Tasks',
    to: (id) => `/tasks?${OPEN_TASK_PARAM}=${id}`,
    avatar: () => (
      <Avatar size={28} radius="sm" color="orange" variant="light">
        <IconChecklist size={16} />
      </Avatar>
    ),
  },
};

/**
 * Results grouped by kind, the groups ordered by their best-ranked result, so the first row shown is the
 * server's best match (the one Enter opens by default).
 */
export function groupResults(results: SearchResult[]): { type: ResultType; results: SearchResult[] }[] {
  const groups = new Map<ResultType, SearchResult[]>();
  for (const result of results) groups.set(result.type, [...(groups.get(result.type) ?? []), result]);
  return [...groups].map(([type, rows]) => ({ type, results: rows }));
}

/** The Search screen for a query: every passage, with filters. */
const searchScreenPath = (q: string) => `/search?${new URLSearchParams({ q })}`;

/**
 * Ctrl/Cmd-K: jump to a contact, organization, fund, note or task by name, email, firm or text (typos
 * forgiven), to what was said in notes and emails (the retrieval index's top passages), or to any
 * screen; the last row opens the Search screen. Arrow keys move the highlight; Enter opens it (the
 * first result unless moved), also when pressed before the records for the last keystroke have arrived.
 */
export function CommandPalette() {
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 150);
  const enabled = debounced.length > 0;
  const search = useQuery({
    queryKey: ['search', { q: debounced, limit: RESULT_LIMIT }],
    queryFn: ({ signal }) => api.get<{ data: SearchResult[] }>('/api/search/records', { q: debounced, limit: RESULT_LIMIT }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
  const content = usePaletteContentHits(query);
  const openHit = useOpenHit();
  const go = (to: string) => {
    navigate(to);
    setQuery('');
  };
  const openContentHit = (hit: (typeof content.hits)[number]) => {
    void openHit(hit, content.entities);
    setQuery('');
  };
  const screens = NAV_ITEMS.filter((item) => !query || item.label.toLowerCase().includes(query.trim().toLowerCase()));
  const results = enabled ? (search.data?.data ?? []) : [];
  const groups = groupResults(results);
  // One passage per source (its best), and none for a communication already listed by name.
  const listed = new Set(results.filter((result) => result.type === 'communication').map((result) => `communication:${result.id}`));
  const passages = content.hits.filter((hit) => {
    const source = `${hit.sourceType}:${hit.sourceId}`;
    if (listed.has(source)) return false;
    listed.add(source);
    return true;
  });
  // What Enter opens when nothing is highlighted: the first row, in the order shown.
  const everything = query.trim() ? searchScreenPath(query.trim()) : undefined;
  const firstTarget = groups[0] ? KINDS[groups[0].type].to(groups[0].results[0]!.id) : (screens[0]?.to ?? everything);
  const settled = query.trim() === debounced && !search.isFetching;
  const loading = enabled && search.isFetching;

  // Enter pressed while the results for the latest keystroke were on their way: open the first once they land.
  const enterPending = useRef(false);
  const shownResults = search.data;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per new result list, after it has rendered
  useEffect(() => {
    if (!settled) return;
    highlightRow(() => 0);
    if (enterPending.current) {
      enterPending.current = false;
      if (firstTarget) {
        spotlight.close();
        go(firstTarget);
      }
    }
  }, [settled, shownResults]);

  // Passages land after the records: the first row keeps the highlight, unless the user has moved it since the last keystroke.
  const movedByUser = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: resets on every keystroke
  useEffect(() => {
    movedByUser.current = false;
  }, [query]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per new passage list, after it has rendered
  useEffect(() => {
    if (!movedByUser.current) highlightRow(() => 0);
  }, [content.answer]);

  /** Capture phase: arrows and Enter are handled here, before Spotlight's own handler. */
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    const move = MOVES[event.key];
    if (move) {
      event.preventDefault();
      event.stopPropagation();
      movedByUser.current = true;
      highlightRow(move);
      return;
    }
    if (event.key !== 'Enter') return;
    event.preventDefault();
    event.stopPropagation();
    if (!settled && query.trim()) {
      enterPending.current = true;
      return;
    }
    const highlighted = actionRows().find((row) => row.hasAttribute('data-selected'));
    if (highlighted) highlighted.click();
    else if (firstTarget) {
      spotlight.close();
      go(firstTarget);
    }
  };

  return (
    <Spotlight.Root query={query} onQueryChange={setQuery} shortcut={['mod + K']} scrollable maxHeight={460} onSpotlightClose={() => setQuery('')}>
      <Spotlight.Search
        placeholder="Search people, organizations, notes, screens…"
        leftSection={<IconSearch size={18} />}
        rightSection={loading || content.isFetching ? <Loader size="xs" /> : null}
        onKeyDownCapture={onKey}
        data-testid="palette-input"
      />
      <Spotlight.ActionsList id={LIST_ID}>
        {groups.map((group) => (
          <Spotlight.ActionsGroup key={group.type} label={KINDS[group.type].group}>
            {group.results.map((result) => (
              <Spotlight.Action key={result.id} onClick={() => go(KINDS[result.type].to(result.id))} data-testid="palette-result" data-result-type={result.type}>
                <Group wrap="nowrap" gap="sm" w="100%">
                  {KINDS[result.type].avatar(result)}
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={500} truncate>
                      {result.label}
                    </Text>
                    {/* Spotlight's description colours: dimmed, or readable on the highlighted row. */}
                    <Text size="xs" truncate style={{ color: 'var(--action-description-color, var(--mantine-color-dimmed))', opacity: 'var(--action-description-opacity, 1)' }}>
                      {result.sublabel ?? '—'}
                    </Text>
                  </div>
                </Group>
              </Spotlight.Action>
            ))}
          </Spotlight.ActionsGroup>
        ))}
        {passages.length > 0 && (
          <Spotlight.ActionsGroup label="Said in notes and emails">
            {passages.map((hit) => (
              <ContentHitAction key={hit.chunkId} hit={hit} onOpen={() => openContentHit(hit)} />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {screens.length > 0 && (
          <Spotlight.ActionsGroup label="Go to">
            {screens.map((item) => (
              <Spotlight.Action key={item.to} label={item.label} leftSection={<item.icon size={18} stroke={1.6} />} onClick={() => go(item.to)} />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {everything && (
          <Spotlight.Action
            leftSection={<IconSearch size={18} stroke={1.6} />}
            rightSection={<IconArrowRight size={16} stroke={1.6} />}
            label={`Search everything for “${query.trim()}”`}
            onClick={() => go(everything)}
            data-testid="palette-search-everything"
          />
        )}
        {!everything && screens.length === 0 && <Spotlight.Empty>Nothing matches “{query}”</Spotlight.Empty>}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
