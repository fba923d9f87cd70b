import { insertTestEmail, insertTestMailbox } from '@lpdesk/core/testing';
import { createContact, createOrganization } from './factories.js';
import type { TestApi } from './harness.js';

let sequence = 0;

/**
 * An investor (organization with its own domain, one contact at it) and a thread of captured mail: a
 * linked inbound message with an attachment and an HTML body, the team's linked reply, and a personal
 * message that matched nobody (headers only). Rows are written as the pipeline leaves them.
 */
export async function createEmailFixture(api: TestApi) {
  sequence += 1;
  const domain = `lp${sequence}.example.com`;
  const email = `jane@${domain}`;
  const organization = await createOrganization(api, { name: `Email LP ${sequence}`, emailDomains: [domain] });
  const contact = await createContact(api, { firstName: 'Jane', lastName: `Mailer ${sequence}`, emails: [email], organizationId: organization.id });
  const links = [
    { entityType: 'contact' as const, entityId: contact.id, matchKind: 'exact_email' as const, confidence: 1, matchedOn: email },
    { entityType: 'organization' as const, entityId: organization.id, matchKind: 'domain' as const, confidence: 0.6, matchedOn: domain },
  ];
  const mailboxId = await insertTestMailbox(api.core, `Partner inbox ${sequence}`);
  const inbound = await insertTestEmail(api.core, {
    subject: 'Subscription documents',
    from: { name: 'Jane Mailer', address: email },
    to: [{ name: 'Partner', address: 'partner@fund.example.com' }],
    sentAt: '2031-02-01T09:00:00.000Z',
    mailboxId,
    bodyText: 'Signed documents attached.',
    bodyHtml: '<p>Signed documents <b>attached</b>.</p>',
    links,
    attachments: [
      { filename: 'Zeichnungsschein – Jäger.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 signed') },
      { filename: 'scans.zip', contentType: 'application/zip', content: Buffer.from('too large'), stored: false },
    ],
  });
  const reply = await insertTestEmail(api.core, {
    subject: 'Re: Subscription documents',
    from: { name: 'Partner', address: 'partner@fund.example.com' },
    to: [{ name: 'Jane Mailer', address: email }],
    sentAt: '2031-02-01T10:00:00.000Z',
    direction: 'outbound',
    mailboxId,
    folder: 'Sent',
    threadId: inbound.threadId,
    bodyText: 'Received, thank you.',
    links,
  });
  const personal = await insertTestEmail(api.core, {
    subject: `Personal ${sequence}`,
    from: { name: 'A friend', address: `friend${sequence}@gmail.com` },
    to: [{ name: null, address: 'partner@fund.example.com' }],
    sentAt: '2031-02-02T09:00:00.000Z',
    mailboxId,
    attachments: [{ filename: 'holiday.jpg', contentType: 'image/jpeg', content: Buffer.from('private photo') }],
  });
  return { organization, contact, email, domain, mailboxId, inbound, reply, personal };
}
