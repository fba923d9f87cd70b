import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { AppLayout } from '../features/shell/app-layout';
import { PageSkeleton } from '../ui/layout';
import { RouteError } from './route-error';

// Each screen is its own chunk so the first paint only pays for the shell and the screen it shows.
const loaders = {
  dashboard: () => import('../features/dashboard/dashboard-screen').then((m) => ({ default: m.DashboardScreen })),
  pipeline: () => import('../features/pipeline/pipeline-screen').then((m) => ({ default: m.PipelineScreen })),
  contacts: () => import('../features/contacts/contacts-screen').then((m) => ({ default: m.ContactsScreen })),
  contact: () => import('../features/contacts/contact-page').then((m) => ({ default: m.ContactPage })),
  organizations: () => import('../features/organizations/organizations-screen').then((m) => ({ default: m.OrganizationsScreen })),
  organization: () => import('../features/organizations/organization-page').then((m) => ({ default: m.OrganizationPage })),
  communications: () => import('../features/communications/communications-screen').then((m) => ({ default: m.CommunicationsScreen })),
  lpTracker: () => import('../features/lp-tracker/lp-tracker-screen').then((m) => ({ default: m.LpTrackerScreen })),
  tasks: () => import('../features/tasks/tasks-screen').then((m) => ({ default: m.TasksScreen })),
  grid: () => import('../features/grid/grid-screen').then((m) => ({ default: m.GridScreen })),
  search: () => import('../features/search/search-screen').then((m) => ({ default: m.SearchScreen })),
  settings: () => import('../features/settings/settings-screen').then((m) => ({ default: m.SettingsScreen })),
  duplicates: () => import('../features/identity/duplicates-screen').then((m) => ({ default: m.DuplicatesScreen })),
  reports: () => import('../features/reports/reports-screen').then((m) => ({ default: m.ReportsScreen })),
  tearSheet: () => import('../features/reports/tear-sheet-screen').then((m) => ({ default: m.TearSheetScreen })),
  proposals: () => import('../features/agents/proposals-screen').then((m) => ({ default: m.ProposalsScreen })),
  duplicatesCompare: () => import('../features/identity/duplicates-screen').then((m) => ({ default: m.DuplicatesCompareScreen })),
};

const screens = Object.fromEntries(Object.entries(loaders).map(([name, load]) => [name, lazy(load)])) as unknown as Record<
  keyof typeof loaders,
  LazyExoticComponent<ComponentType>
>;

/**
 * Start downloading the current URL's screen while the session check is still in flight, instead of
 * after it (the router only renders once signed in). The browser caches the module for React.lazy.
 */
export function preloadScreenFor(pathname: string) {
  const first = pathname.split('/')[1] ?? '';
  const hasId = pathname.split('/').filter(Boolean).length > 1;
  const byPath: Record<string, keyof typeof loaders> = {
    '': 'dashboard',
    pipeline: 'pipeline',
    contacts: hasId ? 'contact' : 'contacts',
    organizations: pathname.endsWith('/tear-sheet') ? 'tearSheet' : hasId ? 'organization' : 'organizations',
    reports: 'reports',
    communications: 'communications',
    'lp-tracker': 'lpTracker',
    tasks: 'tasks',
    grid: 'grid',
    search: 'search',
    settings: 'settings',
    proposals: 'proposals',
    duplicates: pathname.startsWith('/duplicates/compare') ? 'duplicatesCompare' : 'duplicates',
  };
  const name = byPath[first];
  if (name) void loaders[name]().catch(() => {});
}

function page(Screen: LazyExoticComponent<ComponentType>) {
  return (
    <Suspense fallback={<PageSkeleton />}>
      <Screen />
    </Suspense>
  );
}

export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: page(screens.dashboard) },
      { path: 'pipeline', element: page(screens.pipeline) },
      { path: 'contacts', element: page(screens.contacts) },
      { path: 'contacts/:id', element: page(screens.contact) },
      { path: 'organizations', element: page(screens.organizations) },
      { path: 'organizations/:id', element: page(screens.organization) },
      { path: 'organizations/:id/tear-sheet', element: page(screens.tearSheet) },
      { path: 'communications', element: page(screens.communications) },
      { path: 'lp-tracker', element: page(screens.lpTracker) },
      { path: 'tasks', element: page(screens.tasks) },
      { path: 'reports', element: page(screens.reports) },
      { path: 'reports/:report', element: page(screens.reports) },
      { path: 'grid', element: page(screens.grid) },
      { path: 'search', element: page(screens.search) },
      { path: 'duplicates', element: page(screens.duplicates) },
      { path: 'proposals', element: page(screens.proposals) },
      { path: 'duplicates/compare', element: page(screens.duplicatesCompare) },
      { path: 'settings', element: <Navigate to="/settings/profile" replace /> },
      { path: 'settings/:section', element: page(screens.settings) },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
]);
