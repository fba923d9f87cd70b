import { AppShell, Box, Overlay } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useCompactLayout } from '../../ui/responsive';
import { LiveProvider } from '../live/live-provider';
import { ComposerProvider } from './composers';
import { MobileHeader } from './mobile-header';
import { Sidebar } from './sidebar';

// The palette is not needed for the first paint; it mounts (and registers Ctrl/Cmd-K) right after.
const CommandPalette = lazy(() => import('./command-palette').then((m) => ({ default: m.CommandPalette })));

function useAfterFirstPaint() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const id = window.setTimeout(() => setReady(true), 50);
    return () => window.clearTimeout(id);
  }, []);
  return ready;
}

/**
 * Desktop: the sidebar is always there. Below 768 px it slides in from the burger in a top bar and
 * closes on navigation, on a tap on the dimmed page and on Escape; while closed it is inert, so its
 * links are not tab stops behind the page.
 */
export function AppLayout() {
  const paletteReady = useAfterFirstPaint();
  const compact = useCompactLayout();
  const [navOpened, nav] = useDisclosure(false);
  const { pathname, search } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: closing is the reaction to a navigation
  useEffect(() => nav.close(), [pathname, search]);
  useEffect(() => {
    if (!compact || !navOpened) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && nav.close();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [compact, navOpened, nav]);
  const navHidden = compact && !navOpened;
  return (
    <LiveProvider screen={pathname}>
      <ComposerProvider>
        <AppShell header={{ height: { base: 52, sm: 0 } }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding={0}>
          <AppShell.Header hiddenFrom="sm" style={{ background: 'var(--lp-sidebar)', borderBottom: '1px solid var(--lp-border)' }}>
            <MobileHeader navOpened={navOpened} onToggleNav={nav.toggle} />
          </AppShell.Header>
          <AppShell.Navbar
            id="lp-navbar"
            className="lp-navbar"
            inert={navHidden}
            style={{ background: 'var(--lp-sidebar)', borderRight: '1px solid var(--lp-border)' }}
          >
            <Sidebar onAction={nav.close} />
          </AppShell.Navbar>
          {compact && navOpened && <Overlay fixed zIndex={99} backgroundOpacity={0.35} onClick={nav.close} data-testid="nav-backdrop" />}
          <AppShell.Main style={{ background: 'var(--lp-canvas)' }}>
            <Box px={{ base: 'sm', xs: 'md', md: 32 }} py={{ base: 'md', sm: 28 }} maw={1480} mx="auto">
              <Outlet />
            </Box>
          </AppShell.Main>
        </AppShell>
        {paletteReady && (
          <Suspense fallback={null}>
            <CommandPalette />
          </Suspense>
        )}
      </ComposerProvider>
    </LiveProvider>
  );
}
