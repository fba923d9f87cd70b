import { ActionIcon, Alert, Anchor, Avatar, Button, Card, Grid, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconChecklist, IconExternalLink, IconMessagePlus, IconPencil, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { useRecord } from '../../api/hooks';
import type { ContactDetail } from '../../api/types';
import { RelationshipBadge, TagPills } from '../../ui/badges';
import { formatDate, humanize, initials } from '../../ui/format';
import { PageSkeleton, SectionTitle } from '../../ui/layout';
import { CommitmentsCard, CustomFieldsCard, EmailLinks, PropertyList, RecordMenu, TrashedBanner } from '../records/detail-parts';
import { buildTimeline } from '../records/timeline';
import { TimelineView } from '../records/timeline-view';
import { useComposers } from '../shell/composers';
import { ContactFormModal } from './contact-form-modal';

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
    <Stack gap="md">
      <Card padding="md">
        <SectionTitle>Details</SectionTitle>
        <PropertyList
          items={[
            { label: 'Email', value: <EmailLinks emails={contact.emails} /> },
            { label: 'Phone', value: contact.phones.map((p) => p.number).join(', ') || '—' },
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
                  {[o.role, o.isPrimary ? 'primary' : null].filter(Boolean).join(' · ')}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Card>
      <CommitmentsCard commitments={contact.commitments} organization={primaryOrg} />
      <CustomFieldsCard entityType="contact" values={contact.customFields} />
    </Stack>
  );
  return (
    <Stack gap="lg" data-testid="contact-detail">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group gap="md" wrap="nowrap">
          <Avatar size={52} radius="xl" color="violet" variant="light">
            {initials(contact.fullName)}
          </Avatar>
          <div>
            <Group gap="xs">
              <Title order={3}>{contact.fullName}</Title>
              <RelationshipBadge relationship={contact.relationship} />
              <TrashedBanner deletedAt={contact.deletedAt} />
            </Group>
            <Text c="dimmed" size="sm">
              {[contact.title, primaryOrg?.name].filter(Boolean).join(' at ') || 'No title'}
            </Text>
            {contact.tags.length > 0 && (
              <Group mt={6}>
                <TagPills tags={contact.tags} max={6} />
              </Group>
            )}
          </div>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)} data-testid="edit-contact">
            Edit
          </Button>
          <RecordMenu collection="contacts" id={contact.id} deleted={Boolean(contact.deletedAt)} onTrashed={onClose} />
          {inDrawer && (
            <>
              <Tooltip label="Open full page">
                <ActionIcon component={Link} to={`/contacts/${contact.id}`} variant="default" size="lg" aria-label="Open full page">
                  <IconExternalLink size={16} />
                </ActionIcon>
              </Tooltip>
              <ActionIcon variant="subtle" color="gray" size="lg" onClick={onClose} aria-label="Close">
                <IconX size={16} />
              </ActionIcon>
            </>
          )}
        </Group>
      </Group>
      <Group gap="xs">
        <Button
          size="xs"
          variant="light"
          leftSection={<IconMessagePlus size={14} />}
          onClick={() => logCommunication({ contacts: [{ id: contact.id, name: contact.fullName }], organizations: primaryOrg ? [primaryOrg] : [] })}
          data-testid="log-communication"
        >
          Log communication
        </Button>
        <Button
          size="xs"
          variant="light"
          color="orange"
          leftSection={<IconChecklist size={14} />}
          onClick={() => newTask({ entityType: 'contact', entityId: contact.id, entityName: contact.fullName })}
        >
          New task
        </Button>
      </Group>
      {contact.notes && (
        <Card padding="md">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {contact.notes}
          </Text>
        </Card>
      )}
      <Grid gap="lg">
        <Grid.Col span={inDrawer ? 12 : { base: 12, md: 7 }}>
          <Card padding="lg">
            <SectionTitle>Timeline</SectionTitle>
            <TimelineView items={timeline} />
          </Card>
        </Grid.Col>
        <Grid.Col span={inDrawer ? 12 : { base: 12, md: 5 }}>{side}</Grid.Col>
      </Grid>
      {editing && <ContactFormModal contact={contact} onClose={() => setEditing(false)} />}
    </Stack>
  );
}
