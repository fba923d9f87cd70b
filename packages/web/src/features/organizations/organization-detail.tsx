import { organizationKindLabel } from '@lpdesk/contracts';
import { Alert, Anchor, Avatar, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconFileDescription, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { useRecord } from '../../api/hooks';
import type { OrganizationDetail } from '../../api/types';
import { humanize, initials } from '../../ui/format';
import { PageSkeleton, SectionTitle } from '../../ui/layout';
import { ContactFormModal } from '../contacts/contact-form-modal';
import { EmailPanel } from '../email/email-panel';
import { EmailTimelineProvider } from '../email/email-timeline';
import { IdentityPanel } from '../identity/identity-panel';
import { PropertyList } from '../records/detail-parts';
import { RecordDetailLayout } from '../records/record-detail-layout';
import { buildTimeline } from '../records/timeline';
import { useComposers } from '../shell/composers';
import { NotesLogCard } from './notes-log';
import { OrganizationFormModal } from './organization-form-modal';
import { OrganizationTotals } from './organization-totals';
import { RelationshipsPanel } from '../relationships/relationships-panel';

/**
 * Who a call with this organization was probably with: the primary contact on its commitments, or its
 * only person. The form offers the rest of its people one click away.
 */
export function likelyParticipants(org: Pick<OrganizationDetail, 'commitments' | 'contacts'>): { id: string; name: string }[] {
  const primary = org.commitments.find((c) => c.primaryContact)?.primaryContact;
  if (primary) return [primary];
  const [only, ...others] = org.contacts;
  return only && others.length === 0 ? [{ id: only.id, name: only.fullName }] : [];
}

export function OrganizationDetailView({ id, inDrawer = false, onClose }: { id: string; inDrawer?: boolean; onClose: () => void }) {
  const query = useRecord<OrganizationDetail>('organizations', id);
  const { newTask, logCommunication } = useComposers();
  const [editing, setEditing] = useState(false);
  const [addingPerson, setAddingPerson] = useState(false);
  if (query.isPending) return <PageSkeleton />;
  if (query.isError) return <Alert color="red">{errorMessage(query.error)}</Alert>;
  const org = query.data;
  const ref = { id: org.id, name: org.name };
  const timeline = buildTimeline({ communications: org.recentCommunications, stageChanges: org.stageChanges, tasks: org.openTasks });
  const side = (
    <>
      <OrganizationTotals organizationId={org.id} />
      <NotesLogCard organizationId={org.id} />
      <Card padding="md">
        <SectionTitle>Details</SectionTitle>
        <PropertyList
          items={[
            { label: 'Kind', value: organizationKindLabel(org.kind) },
            {
              label: 'Website',
              value: org.website ? (
                <Anchor href={org.website} target="_blank" size="sm">
                  {org.website.replace(/^https?:\/\//, '')}
                </Anchor>
              ) : (
                '—'
              ),
            },
            { label: 'Email domains', value: org.emailDomains.join(', ') || '—' },
            { label: 'Location', value: org.location ?? '—' },
            { label: 'Lead source', value: org.leadSource ?? '—' },
            { label: 'Owner', value: org.owner?.name ?? '—' },
          ]}
        />
      </Card>
      <Card padding="md">
        <SectionTitle
          right={
            <Button size="compact-xs" variant="subtle" leftSection={<IconUserPlus size={12} />} onClick={() => setAddingPerson(true)}>
              Add
            </Button>
          }
        >
          People
        </SectionTitle>
        {org.contacts.length === 0 ? (
          <Text size="sm" c="dimmed">
            No people linked yet.
          </Text>
        ) : (
          <Stack gap={8}>
            {org.contacts.map((p) => {
              const name = p.fullName ?? `${p.firstName} ${p.lastName}`.trim();
              return (
                <Group key={p.id} gap="sm" wrap="nowrap">
                  <Avatar size={28} radius="xl" color="violet" variant="light">
                    {initials(name)}
                  </Avatar>
                  <div style={{ minWidth: 0 }}>
                    <Anchor component={Link} to={`/contacts/${p.id}`} size="sm" fw={500}>
                      {name}
                    </Anchor>
                    <Text size="xs" c="dimmed" truncate>
                      {[p.title ?? p.role, p.isPrimary ? 'primary' : null, p.emails[0]].filter(Boolean).join(' · ') || '—'}
                    </Text>
                  </div>
                </Group>
              );
            })}
          </Stack>
        )}
      </Card>
      <RelationshipsPanel type="organization" id={org.id} />
      <IdentityPanel entityType="organization" entityId={org.id} />
    </>
  );
  return (
    // The timeline's email entries open their thread in the Email panel below it.
    <EmailTimelineProvider entityId={org.id}>
      <RecordDetailLayout
        collection="organizations"
        entityType="organization"
        record={org}
        commitmentOrganization={ref}
        testId="organization-detail"
        editTestId="edit-organization"
        avatar={{ label: org.name.slice(0, 1).toUpperCase(), radius: 'md', color: 'indigo' }}
        title={org.name}
        subtitle={[organizationKindLabel(org.kind), org.location].filter(Boolean).join(' · ')}
        notes={org.description}
        timeline={timeline}
        side={side}
        main={<EmailPanel entityType="organization" entityId={org.id} name={org.name} />}
        inDrawer={inDrawer}
        onEdit={() => setEditing(true)}
        onClose={onClose}
        onLogCommunication={() => logCommunication({ organizations: [ref], contacts: likelyParticipants(org) })}
        onNewTask={() => newTask({ entityType: 'organization', entityId: org.id, entityName: org.name })}
        quickActions={
          <Button
            component={Link}
            to={`/organizations/${org.id}/tear-sheet`}
            size="xs"
            variant="light"
            color="gray"
            leftSection={<IconFileDescription size={14} />}
            data-testid="open-tear-sheet"
          >
            Tear sheet
          </Button>
        }
      >
        {editing && <OrganizationFormModal organization={org} onClose={() => setEditing(false)} />}
        {addingPerson && <ContactFormModal organization={ref} onClose={() => setAddingPerson(false)} />}
      </RecordDetailLayout>
    </EmailTimelineProvider>
  );
}
