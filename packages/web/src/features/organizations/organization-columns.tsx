import { organizationKindLabel } from '@lpdesk/contracts';
import { Avatar, Group, Text } from '@mantine/core';
import type { Organization } from '../../api/types';
import { RelationshipBadge, TagPills } from '../../ui/badges';
import { formatDate, humanize } from '../../ui/format';
import type { GridColumn } from '../records/record-grid';

export const ORGANIZATION_COLUMNS: GridColumn<Organization>[] = [
  {
    id: 'name',
    label: 'Name',
    width: 'minmax(220px, 2fr)',
    sortKey: 'name',
    csv: (o) => o.name,
    render: (o) => (
      <Group gap="sm" wrap="nowrap">
        <Avatar size={26} radius="sm" color="indigo" variant="light">
          {o.name.slice(0, 1).toUpperCase()}
        </Avatar>
        <Text size="sm" fw={550} truncate>
          {o.name}
        </Text>
      </Group>
    ),
  },
  {
    id: 'kind',
    label: 'Kind',
    width: '150px',
    sortKey: 'kind',
    csv: (o) => organizationKindLabel(o.kind),
    render: (o) => (
      <Text size="sm" truncate>
        {organizationKindLabel(o.kind)}
      </Text>
    ),
  },
  { id: 'relationship', label: 'Relationship', width: '136px', csv: (o) => o.relationship, render: (o) => <RelationshipBadge relationship={o.relationship} /> },
  {
    id: 'location',
    label: 'Location',
    width: 'minmax(120px, 1fr)',
    sortKey: 'location',
    csv: (o) => o.location,
    render: (o) => (
      <Text size="sm" truncate>
        {o.location ?? '—'}
      </Text>
    ),
  },
  { id: 'tags', label: 'Tags', width: 'minmax(140px, 1fr)', csv: (o) => o.tags.map((t) => t.name), render: (o) => <TagPills tags={o.tags} max={2} /> },
  {
    id: 'owner',
    label: 'Owner',
    width: '130px',
    csv: (o) => o.owner?.name,
    render: (o) => (
      <Text size="sm" truncate>
        {o.owner?.name ?? '—'}
      </Text>
    ),
  },
  {
    id: 'website',
    label: 'Website',
    width: '170px',
    hiddenByDefault: true,
    csv: (o) => o.website,
    render: (o) => (
      <Text size="sm" truncate c="dimmed">
        {o.website?.replace(/^https?:\/\//, '') ?? '—'}
      </Text>
    ),
  },
  {
    id: 'domains',
    label: 'Email domains',
    width: '160px',
    hiddenByDefault: true,
    csv: (o) => o.emailDomains,
    render: (o) => (
      <Text size="sm" truncate>
        {o.emailDomains.join(', ') || '—'}
      </Text>
    ),
  },
  {
    id: 'createdAt',
    label: 'Added',
    width: '120px',
    sortKey: 'createdAt',
    csv: (o) => o.createdAt,
    render: (o) => (
      <Text size="sm" c="dimmed">
        {formatDate(o.createdAt)}
      </Text>
    ),
  },
];
