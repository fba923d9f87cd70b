import { lazy, Suspense, useState } from 'react';
import { PageSkeleton } from '../../ui/layout';
import type { Contact } from '../../api/types';
import { RecordListScreen, type RecordListConfig } from '../records/record-list-screen';
import { CONTACT_COLUMNS } from './contact-columns';

// The drawer and the form are not needed to paint the list, so they load on first use.
const ContactDetailView = lazy(() => import('./contact-detail').then((m) => ({ default: m.ContactDetailView })));
const ContactFormModal = lazy(() => import('./contact-form-modal').then((m) => ({ default: m.ContactFormModal })));

export function ContactsScreen() {
  const [creating, setCreating] = useState(false);
  const config: RecordListConfig<Contact> = {
    collection: 'contacts',
    entityType: 'contact',
    title: 'Contacts',
    plural: 'contacts',
    columns: CONTACT_COLUMNS,
    newLabel: 'New contact',
    onNew: () => setCreating(true),
    renderDetail: (id, close) => (
      <Suspense fallback={<PageSkeleton />}>
        <ContactDetailView id={id} inDrawer onClose={close} />
      </Suspense>
    ),
  };
  return (
    <>
      <RecordListScreen config={config} />
      {creating && (
        <Suspense fallback={null}>
          <ContactFormModal onClose={() => setCreating(false)} />
        </Suspense>
      )}
    </>
  );
}
