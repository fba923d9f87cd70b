import { ContactExportQuery, IdParams, OrganizationExportQuery } from '@lpdesk/contracts';
import { z } from 'zod';
import { defineOperation } from '../kernel/operations.js';
import { getContactRecord } from '../contacts/queries.js';
import { type PreparedExport, prepareExport } from './export.js';
import { contactVcard, VCARD_CONTENT_TYPE, vcardFilename } from './vcard.js';

export { contactVcard, escapeVcardText, VCARD_CONTENT_TYPE } from './vcard.js';
export { EXPORT_CONTENT_TYPES, EXPORT_PAGE_SIZE, type PreparedExport } from './export.js';

/** Doors stream the file themselves (HTTP response, CLI file or stdout); the operation checks and prepares it. */
const Prepared = z.custom<PreparedExport>().meta({ description: 'A file to stream: filename, content type and writeTo(sink)' });

export const exportOperations = {
  contacts: defineOperation({
    name: 'exports.contacts',
    summary: 'Export every contact the list filters match (CSV or XLSX), in the list order',
    permission: 'crm.read',
    input: ContactExportQuery,
    output: Prepared,
    run: ({ core }, query) => prepareExport(core, { collection: 'contacts', query }),
  }),
  organizations: defineOperation({
    name: 'exports.organizations',
    summary: 'Export every organization the list filters match (CSV or XLSX), in the list order',
    permission: 'crm.read',
    input: OrganizationExportQuery,
    output: Prepared,
    run: ({ core }, query) => prepareExport(core, { collection: 'organizations', query }),
  }),
  contactVcard: defineOperation({
    name: 'exports.contactVcard',
    summary: "One contact as a vCard 3.0 file (name, organization, title, emails, phones, location, LinkedIn, tags, notes)",
    permission: 'crm.read',
    input: IdParams,
    output: z.object({ filename: z.string(), contentType: z.string(), content: z.string() }),
    run: async ({ core }, { id }) => {
      const contact = await getContactRecord(core, id);
      return { filename: vcardFilename(contact), contentType: VCARD_CONTENT_TYPE, content: contactVcard(contact) };
    },
  }),
};
