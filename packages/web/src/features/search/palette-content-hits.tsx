import { Group, Text, ThemeIcon } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight } from '@mantine/spotlight';
import { HighlightedSnippet } from './highlighted-snippet';
import { formatEventDate, hitKind } from './hit-kind';
import { DEFAULT_MODE, type RetrievalHit, useContentSearch } from './search-api';

/** How many passages the palette shows under its record results. */
export const PALETTE_CONTENT_LIMIT = 5;

/**
 * The palette's "Said in notes and emails": the top passages for what is typed, asked for a little
 * after the last keystroke (a passage search costs more than a name lookup); a newer query drops the
 * request in flight.
 */
export function usePaletteContentHits(query: string) {
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const search = useContentSearch(
    { q: debounced, mode: DEFAULT_MODE, kinds: [], fundId: null, from: null, to: null },
    { limit: PALETTE_CONTENT_LIMIT, enabled: debounced.length > 0 },
  );
  const current = query.trim().length > 0 && search.data !== undefined;
  return {
    hits: current ? search.data.data : [],
    entities: current ? search.data.entities : [],
    isFetching: search.isFetching,
    /** Changes whenever a new answer is shown. */
    answer: search.data,
  };
}

/** One passage as a palette row: kind icon, title and date, the passage with its matched words marked. */
export function ContentHitAction({ hit, onOpen }: { hit: RetrievalHit; onOpen: () => void }) {
  const { Icon, color, label } = hitKind(hit);
  const date = formatEventDate(hit.eventAt);
  return (
    <Spotlight.Action onClick={onOpen} data-testid="palette-content-result" data-source-type={hit.sourceType}>
      <Group wrap="nowrap" gap="sm" w="100%" align="flex-start">
        <ThemeIcon size={28} radius="sm" variant="light" color={color}>
          <Icon size={16} />
        </ThemeIcon>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Text size="sm" fw={500} truncate>
            {hit.title || label}
            {date && (
              <Text span size="xs" c="dimmed" ml={6}>
                {date}
              </Text>
            )}
          </Text>
          <HighlightedSnippet snippet={hit.snippet} size="xs" lineClamp={2} style={{ color: 'var(--action-description-color, var(--mantine-color-dimmed))' }} />
        </div>
      </Group>
    </Spotlight.Action>
  );
}
