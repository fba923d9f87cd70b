import type { OrganizationDetail } from '../../api/types';
import { RecordPage } from '../records/record-page';
import { OrganizationDetailView } from './organization-detail';

export function OrganizationPage() {
  return (
    <RecordPage<OrganizationDetail> collection="organizations" label="Organizations" nameOf={(o) => o.name}>
      {(id, close) => <OrganizationDetailView id={id} onClose={close} />}
    </RecordPage>
  );
}
