import { ActionIcon, Avatar, Button, Card, Grid, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconChecklist, IconExternalLink, IconMessagePlus, IconPencil, IconX } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Collection } from '../../api/hooks';
import type { Commitment, CustomFieldMap, EntityType, Relationship, TagRef } from '../../api/types';
import { RelationshipBadge, TagPills } from '../../ui/badges';
import { SectionTitle } from '../../ui/layout';
import { RecordActivityCard } from '../activity/record-activity';
import { CommitmentsCard, CustomFieldsCard, RecordMenu, TrashedBanner } from './detail-parts';
import type { TimelineItem } from './timeline';
import { TimelineView } from './timeline-view';

interface RecordDetailLayoutProps {
  collection: Extract<Collection, 'contacts' | 'organizations'>;
  entityType: Extract<EntityType, 'contact' | 'organization'>;
  record: { id: string; relationship: Relationship; deletedAt: string | null; tags: TagRef[]; commitments: Commitment[]; customFields: CustomFieldMap };
  /** Organization a new commitment from the sidebar is pre-filled with. */
  commitmentOrganization: { id: string; name: string } | null;
  /** Test ids stay per record kind because e2e and unit tests target them. */
  testId: string;
  editTestId: string;
  avatar: { label: string; radius: 'xl' | 'md'; color: string };
  title: string;
  subtitle: string;
  notes: string | null;
  timeline: TimelineItem[];
  /** Record-specific sidebar cards (details, links); commitments and custom fields follow them. */
  side: ReactNode;
  /** Wide cards under the timeline (captured email), before the activity log. */
  main?: ReactNode;
  inDrawer: boolean;
  onEdit(): void;
  onClose(): void;
  onLogCommunication(): void;
  onNewTask(): void;
  /** Record-specific quick actions after "Log communication" and "New task" (a contact's vCard). */
  quickActions?: ReactNode;
  /** Modals owned by the caller (edit form, add person…). */
  children?: ReactNode;
}

/**
 * The frame shared by the contact and organization detail views (drawer and full page),
 * so the header, quick actions and timeline/sidebar grid look identical for both record kinds.
 */
export function RecordDetailLayout(props: RecordDetailLayoutProps) {
  const { collection, record, inDrawer, onClose } = props;
  return (
    <Stack gap="lg" data-testid={props.testId}>
      {/* When both do not fit (phones), the actions wrap onto their own row above the name. */}
      <Group justify="space-between" align="flex-start" wrap="wrap-reverse">
        <Group gap="md" wrap="nowrap" style={{ flex: '1 1 16rem', minWidth: 0 }}>
          <Avatar size={52} radius={props.avatar.radius} color={props.avatar.color} variant="light">
            {props.avatar.label}
          </Avatar>
          <div>
            <Group gap="xs">
              <Title order={3}>{props.title}</Title>
              <RelationshipBadge relationship={record.relationship} />
              <TrashedBanner deletedAt={record.deletedAt} />
            </Group>
            <Text c="dimmed" size="sm">
              {props.subtitle}
            </Text>
            {record.tags.length > 0 && (
              <Group mt={6}>
                <TagPills tags={record.tags} max={6} />
              </Group>
            )}
          </div>
        </Group>
        <Group gap="xs" wrap="nowrap" ml="auto">
          <Button variant="default" leftSection={<IconPencil size={16} />} onClick={props.onEdit} data-testid={props.editTestId}>
            Edit
          </Button>
          <RecordMenu collection={collection} id={record.id} deleted={Boolean(record.deletedAt)} onTrashed={onClose} />
          {inDrawer && (
            <>
              <Tooltip label="Open full page">
                <ActionIcon component={Link} to={`/${collection}/${record.id}`} variant="default" size="lg" aria-label="Open full page">
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
        <Button size="xs" variant="light" leftSection={<IconMessagePlus size={14} />} onClick={props.onLogCommunication} data-testid="log-communication">
          Log communication
        </Button>
        <Button size="xs" variant="light" color="orange" leftSection={<IconChecklist size={14} />} onClick={props.onNewTask}>
          New task
        </Button>
        {props.quickActions}
      </Group>
      {props.notes && (
        <Card padding="md">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {props.notes}
          </Text>
        </Card>
      )}
      <Grid gap="lg">
        <Grid.Col span={inDrawer ? 12 : { base: 12, md: 7 }}>
          <Card padding="lg">
            <SectionTitle>Timeline</SectionTitle>
            <TimelineView items={props.timeline} />
          </Card>
          {props.main}
          <RecordActivityCard collection={collection} entityId={record.id} />
        </Grid.Col>
        <Grid.Col span={inDrawer ? 12 : { base: 12, md: 5 }}>
          <Stack gap="md">
            {props.side}
            <CommitmentsCard commitments={record.commitments} organization={props.commitmentOrganization} />
            <CustomFieldsCard entityType={props.entityType} values={record.customFields} />
          </Stack>
        </Grid.Col>
      </Grid>
      {props.children}
    </Stack>
  );
}
