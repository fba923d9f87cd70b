import { useCallback, useState } from 'react';

/**
 * What a list has selected: rows picked one by one, or every record its filters match ("Select all
 * 875 matching", sent to the server as the list query, never as 875 ids). The selection belongs to
 * one filter: when the tab, search or a filter changes it is cleared, so a bulk action never acts on
 * rows the list no longer shows.
 */
export function useListSelection(filterKey: string) {
  const [ids, setIdsState] = useState<Set<string>>(() => new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [key, setKey] = useState(filterKey);
  if (key !== filterKey) {
    // Adjusting state during render (not in an effect) so no frame shows the old selection under the new filter.
    setKey(filterKey);
    setIdsState(new Set());
    setAllMatching(false);
  }
  const setIds = useCallback((next: Set<string>) => {
    setIdsState(next);
    // Unticking a row (or the header box) leaves "all matching" for an explicit pick.
    setAllMatching(false);
  }, []);
  const selectAllMatching = useCallback(() => setAllMatching(true), []);
  const clear = useCallback(() => {
    setIdsState(new Set());
    setAllMatching(false);
  }, []);
  return { ids, allMatching, setIds, selectAllMatching, clear };
}
