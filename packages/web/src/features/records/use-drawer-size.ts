import { useMediaQuery } from '@mantine/hooks';

/** Side drawers take the whole width on a phone and a fixed width beside the list on larger screens. */
export function useDrawerSize(wide: 'md' | 'lg'): string {
  const narrow = useMediaQuery('(max-width: 48em)');
  return narrow ? '100%' : wide;
}
