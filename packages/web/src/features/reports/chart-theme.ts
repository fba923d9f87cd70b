import { useComputedColorScheme, useMantineTheme } from '@mantine/core';

/** Axis, grid and tooltip colours from the Mantine theme, so charts read in light and dark alike. */
export function useChartTheme() {
  const theme = useMantineTheme();
  const dark = useComputedColorScheme('light') === 'dark';
  const c = theme.colors;
  const shade = dark ? 4 : 6;
  return {
    dark,
    axis: dark ? c.dark[1] : c.gray[7],
    grid: dark ? c.dark[4] : c.gray[3],
    tooltip: {
      contentStyle: {
        background: dark ? c.dark[7] : theme.white,
        border: `1px solid ${dark ? c.dark[4] : c.gray[3]}`,
        borderRadius: 8,
        color: dark ? c.dark[0] : c.gray[9],
        fontSize: 12,
      },
      labelStyle: { color: dark ? c.dark[0] : c.gray[9], fontWeight: 600 },
      itemStyle: { color: dark ? c.dark[0] : c.gray[9] },
      cursor: { fill: dark ? 'rgba(255,255,255,0.06)' : 'rgba(0,0,0,0.04)' },
    },
    /** A Mantine palette colour at the shade that reads on this scheme's background. */
    color: (name: string) => (c[name] ?? c.gray)[shade] as string,
    tick: { fill: dark ? c.dark[1] : c.gray[7], fontSize: 11 },
  };
}
