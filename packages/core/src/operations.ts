import { accessOperations } from './access/index.js';
import { automationOperations } from './automations/index.js';
import { backupOperations } from './backups/index.js';
import { batchOperations } from './batch/index.js';
import { commitmentOperations } from './commitments/index.js';
import { communicationOperations } from './communications/index.js';
import { contactOperations } from './contacts/index.js';
import { customFieldOperations } from './custom-fields/index.js';
import { dataTransferOperations } from './data-transfer/index.js';
import { emailMessageOperations } from './email/messages/index.js';
import { mailboxOperations } from './email/mailboxes/index.js';
import { emailSyncOperations } from './email/sync-operations.js';
import { exportOperations } from './exports/index.js';
import { jobOperations } from './jobs/index.js';
import { notificationOperations } from './notifications/index.js';
import { fundOperations } from './funds/index.js';
import { gridOperations } from './grid/index.js';
import { identityOperations } from './identity/index.js';
import { importOperations } from './imports/index.js';
import { identityMergeOperations } from './identity/merges/index.js';
import { organizationOperations } from './organizations/index.js';
import { relationshipOperations } from './relationships/index.js';
import { reportOperations } from './reports/index.js';
import { savedViewOperations } from './saved-views/index.js';
import { searchOperations } from './search/index.js';
import { retrievalOperations } from './retrieval/index.js';
import { seedOperations } from './seed/demo.js';
import { tagOperations } from './tags/index.js';
import { taskOperations } from './tasks/index.js';
import { trashOperations } from './trash/index.js';

/** Every operation the doors can call, by domain. */
export const operations = {
  organizations: organizationOperations,
  contacts: contactOperations,
  funds: fundOperations,
  commitments: commitmentOperations,
  communications: communicationOperations,
  tasks: taskOperations,
  tags: tagOperations,
  customFields: customFieldOperations,
  access: accessOperations,
  reports: reportOperations,
  batch: batchOperations,
  seed: seedOperations,
  trash: trashOperations,
  jobs: jobOperations,
  search: searchOperations,
  retrieval: retrievalOperations,
  notifications: notificationOperations,
  exports: exportOperations,
  savedViews: savedViewOperations,
  grid: gridOperations,
  automations: automationOperations,
  identity: identityOperations,
  identityMerges: identityMergeOperations,
  relationships: relationshipOperations,
  emailMessages: emailMessageOperations,
  emailMailboxes: mailboxOperations,
  emailSync: emailSyncOperations,
  backups: backupOperations,
  dataTransfer: dataTransferOperations,
  imports: importOperations,
};
