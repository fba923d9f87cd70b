import { Alert, Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconAddressBook } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { useRecord } from '../../api/hooks';
import type { ContactDetail } from '../../api/types';
import { formatDate, formatPhone, humanize, initials } from '../../ui/format';
import { PageSkeleton, SectionTitle } from '../../ui/layout';
import { EmailPanel } from '../email/email-panel';
import { EmailTimelineProvider } from '../email/email-timeline';
import { IdentityPanel } from '../identity/identity-panel';
import { EmailLinks, PropertyList } from '../records/detail-parts';
import { RecordDetailLayout } from '../records/record-detail-layout';
import { buildTimeline } from '../records/timeline';
import { useComposers } from '../shell/composers';
import { ContactFormModal } from './contact-form-modal';
import { RelationshipsPanel } from '../relationships/relationships-panel';

export function ContactDetailView({ id, inDrawer = false, onClose }: { id: string; inDrawer?: boolean; onClose: () => void }) {
  const query = useRecord<ContactDetail>('contacts', id);
  const { newTask, logCommunication } = useComposers();
  const [editing, setEditing] = useState(false);
  if (query.isPending) return <PageSkeleton />;
  if (query.isError) return <Alert color="red">{errorMessage(query.error)}</Alert>;
  const contact = query.data;
  const primaryOrg = contact.primaryOrganization;
  const timeline = buildTimeline({ communications: contact.recentCommunications, stageChanges: contact.stageChanges, tasks: contact.openTasks });
  const side = (
    <>
      <Card padding="md">
        <SectionTitle>Details</SectionTitle>
        <PropertyList
          items={[
            { label: 'Email', value: <EmailLinks emails={contact.emails} /> },
            { label: 'Phone', value: contact.phones.map((p) => formatPhone(p.number)).join(', ') || '—' },
            { label: 'Location', value: contact.location ?? '—' },
            { label: 'Owner', value: contact.owner?.name ?? '—' },
            { label: 'Preferred channel', value: humanize(contact.preferredChannel) },
            {
              label: 'Accreditation',
              value: `${humanize(contact.accreditationStatus)}${contact.accreditationExpiresOn ? ` · expires ${formatDate(contact.accreditationExpiresOn)}` : ''}`,
            },
            { label: 'Qualified purchaser', value: contact.qualifiedPurchaser === null ? '—' : contact.qualifiedPurchaser ? 'Yes' : 'No' },
            {
              label: 'LinkedIn',
              value: contact.linkedinUrl ? (
                <Anchor href={contact.linkedinUrl} target="_blank" size="sm">
                  Profile
                </Anchor>
              ) : (
                '—'
              ),
            },
            { label: 'Source', value: contact.source ?? '—' },
          ]}
        />
      </Card>
      <Card padding="md">
        <SectionTitle>Organizations</SectionTitle>
        {contact.organizations.length === 0 ? (
          <Text size="sm" c="dimmed">
            Not linked to an organization.
          </Text>
        ) : (
          <Stack gap={6}>
            {contact.organizations.map((o) => (
              <Group key={o.organizationId} justify="space-between">
                <Anchor component={Link} to={`/organizations/${o.organizationId}`} size="sm" fw={500}>
                  {o.name}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {/* A mover keeps the firm they left, marked past; Works at below has the dates. */}
                  {[o.title ?? o.role, o.endedOn ? 'past' : o.isPrimary ? 'primary' : null].filter(Boolean).join(' · ')}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Card>
      <RelationshipsPanel type="contact" id={contact.id} />
      <IdentityPanel entityType="contact" entityId={contact.id} />
    </>
  );
  return (
    // The timeline's email entries open their thread in the Email panel below it.
    <EmailTimelineProvider entityId={contact.id}>
      <RecordDetailLayout
        collection="contacts"
        entityType="contact"
        record={contact}
        commitmentOrganization={primaryOrg}
        testId="contact-detail"
        editTestId="edit-contact"
        avatar={{ label: initials(contact.fullName), radius: 'xl', color: 'violet' }}
        title={contact.fullName}
        subtitle={[contact.title, primaryOrg?.name].filter(Boolean).join(' at ') || 'No title'}
        notes={contact.notes}
        timeline={timeline}
        side={side}
        main={<EmailPanel entityType="contact" entityId={contact.id} name={contact.fullName} />}
        inDrawer={inDrawer}
        onEdit={() => setEditing(true)}
        onClose={onClose}
        onLogCommunication={() => logCommunication({ contacts: [{ id: contact.id, name: contact.fullName }], organizations: primaryOrg ? [primaryOrg] : [] })}
        onNewTask={() => newTask({ entityType: 'contact', entityId: contact.id, entityName: contact.fullName })}
        quickActions={
          <Button component="a" href={`/api/contacts/${contact.id}/vcard`} download size="xs" variant="light" color="gray" leftSection={<IconAddressBook size={14} />} data-testid="download-vcard">
            Download vCard
          </Button>
        }
      >
        {editing && <ContactFormModal contact={contact} onClose={() => setEditing(false)} />}
      </RecordDetailLayout>
    </EmailTimelineProvider>
  );
}
