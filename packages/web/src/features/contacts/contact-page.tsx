import type { ContactDetail } from '../../api/types';
import { RecordPage } from '../records/record-page';
import { ContactDetailView } from './contact-detail';

export function ContactPage() {
  return (
    <RecordPage<ContactDetail> collection="contacts" label="Contacts" nameOf={(c) => c.fullName}>
      {(id, close) => <ContactDetailView id={id} onClose={close} />}
    </RecordPage>
  );
}
