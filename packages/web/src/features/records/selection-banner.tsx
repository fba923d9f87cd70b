import { Anchor, Group, Text } from '@mantine/core';
import { countOf } from '@lpdesk/contracts';

interface SelectionBannerProps {
  /** Rows selected among those loaded. */
  selectedCount: number;
  /** Rows the list has loaded so far. */
  loadedCount: number;
  /** Records the filters match. */
  total: number;
  allMatching: boolean;
  noun: [singular: string, plural: string];
  onSelectAllMatching: () => void;
  onClear: () => void;
}

/**
 * Gmail's pattern: ticking the header box selects what is loaded; the banner offers the rest of the
 * list, and says plainly which of the two a bulk action will touch.
 */
export function SelectionBanner({ selectedCount, loadedCount, total, allMatching, noun, onSelectAllMatching, onClear }: SelectionBannerProps) {
  const everyLoaded = loadedCount > 0 && selectedCount === loadedCount;
  if (!allMatching && !(everyLoaded && total > loadedCount)) return null;
  return (
    <Group justify="center" gap="xs" py={6} px="md" data-testid="selection-banner" style={{ background: 'var(--lp-row-selected)', borderRadius: 8 }}>
      {allMatching ? (
        <>
          <Text size="sm">All {countOf(total, ...noun)} matching this list are selected.</Text>
          <Anchor component="button" type="button" size="sm" fw={600} onClick={onClear} data-testid="clear-selection">
            Clear selection
          </Anchor>
        </>
      ) : (
        <>
          <Text size="sm">All {countOf(loadedCount, ...noun)} on this page are selected.</Text>
          <Anchor component="button" type="button" size="sm" fw={600} onClick={onSelectAllMatching} data-testid="select-all-matching">
            Select all {total.toLocaleString('en-US')} matching
          </Anchor>
          <Anchor component="button" type="button" size="sm" c="dimmed" onClick={onClear}>
            Clear selection
          </Anchor>
        </>
      )}
    </Group>
  );
}
