import { createTheme, type CSSVariablesResolver, mergeThemeOverrides } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 6, dark: 5 },
  defaultRadius: 'md',
  fontFamily: 'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  components: {
    Card: { defaultProps: { withBorder: true, radius: 'lg', padding: 'lg' } },
    Paper: { defaultProps: { radius: 'lg' } },
    Button: { defaultProps: { radius: 'md' } },
    Badge: { defaultProps: { radius: 'sm' } },
    Modal: { defaultProps: { radius: 'lg', centered: true, overlayProps: { backgroundOpacity: 0.4, blur: 2 } } },
    Drawer: { defaultProps: { overlayProps: { backgroundOpacity: 0.25 } } },
    Tooltip: { defaultProps: { openDelay: 300, withArrow: true } },
  },
});

/**
 * Phones (below 768 px): every modal form takes the whole screen, so fields are full width and the
 * keyboard never hides the Save button behind a centred box. One theme switch instead of a prop on
 * each modal. The command palette stays a box near the top (tapping around it closes it; it has no
 * close button of its own). Drawers are already capped at the screen width by Mantine.
 */
export const compactTheme = mergeThemeOverrides(
  theme,
  createTheme({
    components: {
      Modal: { defaultProps: { fullScreen: true, radius: 0, transitionProps: { transition: 'fade', duration: 150 } } },
      SpotlightRoot: { defaultProps: { fullScreen: false, radius: 'lg', yOffset: 12 } },
    },
  }),
);

/** App-level surfaces that differ by scheme: the canvas behind cards and the sidebar. */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--lp-canvas': '#f8f9fb',
    '--lp-sidebar': '#f3f4f7',
    '--lp-border': t.colors.gray[2],
    '--lp-row-hover': t.colors.gray[0],
    '--lp-row-selected': t.colors.indigo[0],
    '--lp-auth-bg': 'linear-gradient(180deg, #f5f6fb 0%, #eef0fb 100%)',
    '--lp-column-bg': '#f1f3f5',
  },
  dark: {
    '--lp-canvas': t.colors.dark[8],
    '--lp-sidebar': t.colors.dark[7],
    '--lp-border': t.colors.dark[5],
    '--lp-row-hover': t.colors.dark[6],
    '--lp-row-selected': 'rgba(76, 110, 245, 0.16)',
    '--lp-auth-bg': `linear-gradient(180deg, ${t.colors.dark[8]} 0%, ${t.colors.dark[7]} 100%)`,
    '--lp-column-bg': t.colors.dark[7],
  },
});
