import { useMediaQuery } from '@mantine/hooks';

/**
 * Below Mantine's `sm` breakpoint (48em = 768 px): phones and half a laptop screen. The navigation
 * collapses behind a burger, lists show cards, and modals take the whole screen. Kept in one place
 * so every screen switches at the same width as the AppShell navbar (breakpoint 'sm').
 */
export const COMPACT_QUERY = '(max-width: 47.99em)';

/** Read synchronously on the first render, so a phone never flashes the desktop layout first. */
export function useCompactLayout(): boolean {
  return useMediaQuery(COMPACT_QUERY, typeof window !== 'undefined' && window.matchMedia?.(COMPACT_QUERY).matches, {
    getInitialValueInEffect: false,
  });
}
