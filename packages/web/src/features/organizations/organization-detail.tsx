import { ActionIcon, Alert, Anchor, Avatar, Button, Card, Grid, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconChecklist, IconExternalLink, IconMessagePlus, IconPencil, IconUserPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { useRecord } from '../../api/hooks';
import type { OrganizationDetail } from '../../api/types';
import { RelationshipBadge, TagPills } from '../../ui/badges';
import { humanize, initials } from '../../ui/format';
import { PageSkeleton, SectionTitle } from '../../ui/layout';
import { ContactFormModal } from '../contacts/contact-form-modal';
import { CommitmentsCard, CustomFieldsCard, PropertyList, RecordMenu, TrashedBanner } from '../records/detail-parts';
import { buildTimeline } from '../records/timeline';
import { TimelineView } from '../records/timeline-view';
import { useComposers } from '../shell/composers';
import { OrganizationFormModal } from './organization-form-modal';

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
    <Stack gap="md">
      <Card padding="md">
        <SectionTitle>Details</SectionTitle>
        <PropertyList
          items={[
            { label: 'Kind', value: humanize(org.kind) },
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
      <CommitmentsCard commitments={org.commitments} organization={ref} />
      <CustomFieldsCard entityType="organization" values={org.customFields} />
    </Stack>
  );
  return (
    <Stack gap="lg" data-testid="organization-detail">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group gap="md" wrap="nowrap">
          <Avatar size={52} radius="md" color="indigo" variant="light">
            {org.name.slice(0, 1).toUpperCase()}
          </Avatar>
          <div>
            <Group gap="xs">
              <Title order={3}>{org.name}</Title>
              <RelationshipBadge relationship={org.relationship} />
              <TrashedBanner deletedAt={org.deletedAt} />
            </Group>
            <Text c="dimmed" size="sm">
              {[humanize(org.kind), org.location].filter(Boolean).join(' · ')}
            </Text>
            {org.tags.length > 0 && (
              <Group mt={6}>
                <TagPills tags={org.tags} max={6} />
              </Group>
            )}
          </div>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)} data-testid="edit-organization">
            Edit
          </Button>
          <RecordMenu collection="organizations" id={org.id} deleted={Boolean(org.deletedAt)} onTrashed={onClose} />
          {inDrawer && (
            <>
              <Tooltip label="Open full page">
                <ActionIcon component={Link} to={`/organizations/${org.id}`} variant="default" size="lg" aria-label="Open full page">
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
          onClick={() => logCommunication({ organizations: [ref] })}
          data-testid="log-communication"
        >
          Log communication
        </Button>
        <Button
          size="xs"
          variant="light"
          color="orange"
          leftSection={<IconChecklist size={14} />}
          onClick={() => newTask({ entityType: 'organization', entityId: org.id, entityName: org.name })}
        >
          New task
        </Button>
      </Group>
      {org.description && (
        <Card padding="md">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {org.description}
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
      {editing && <OrganizationFormModal organization={org} onClose={() => setEditing(false)} />}
      {addingPerson && <ContactFormModal organization={ref} onClose={() => setAddingPerson(false)} />}
    </Stack>
  );
}
