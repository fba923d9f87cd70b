import { AppShell, Box } from '@mantine/core';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Outlet } from 'react-router';
import { ComposerProvider } from './composers';
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

export function AppLayout() {
  const paletteReady = useAfterFirstPaint();
  return (
    <ComposerProvider>
      <AppShell navbar={{ width: 240, breakpoint: 'sm' }} padding={0}>
        <AppShell.Navbar style={{ background: 'var(--lp-sidebar)', borderRight: '1px solid var(--lp-border)' }}>
          <Sidebar />
        </AppShell.Navbar>
        <AppShell.Main style={{ background: 'var(--lp-canvas)' }}>
          <Box px={{ base: 'md', md: 32 }} py={28} maw={1480} mx="auto">
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
  );
}
