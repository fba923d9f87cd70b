import { OrganizationKind } from '@lpdesk/contracts';
import { lazy, Suspense, useState } from 'react';
import { PageSkeleton } from '../../ui/layout';
import type { Organization } from '../../api/types';
import { RecordListScreen, type RecordListConfig } from '../records/record-list-screen';
import { ORGANIZATION_COLUMNS } from './organization-columns';

// The drawer and the form are not needed to paint the list, so they load on first use.
const OrganizationDetailView = lazy(() => import('./organization-detail').then((m) => ({ default: m.OrganizationDetailView })));
const OrganizationFormModal = lazy(() => import('./organization-form-modal').then((m) => ({ default: m.OrganizationFormModal })));

export function OrganizationsScreen() {
  const [creating, setCreating] = useState(false);
  const config: RecordListConfig<Organization> = {
    collection: 'organizations',
    entityType: 'organization',
    title: 'Organizations',
    plural: 'organizations',
    columns: ORGANIZATION_COLUMNS,
    kinds: [...OrganizationKind.options],
    newLabel: 'New organization',
    onNew: () => setCreating(true),
    renderDetail: (id, close) => (
      <Suspense fallback={<PageSkeleton />}>
        <OrganizationDetailView id={id} inDrawer onClose={close} />
      </Suspense>
    ),
  };
  return (
    <>
      <RecordListScreen config={config} />
      {creating && (
        <Suspense fallback={null}>
          <OrganizationFormModal onClose={() => setCreating(false)} />
        </Suspense>
      )}
    </>
  );
}
