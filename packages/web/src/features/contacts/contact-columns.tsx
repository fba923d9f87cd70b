import { Avatar, Group, Text } from '@mantine/core';
import type { Contact } from '../../api/types';
import { RelationshipBadge, TagPills } from '../../ui/badges';
import { formatDate, formatPhone, humanize, initials } from '../../ui/format';
import type { GridColumn } from '../records/record-grid';

export const CONTACT_COLUMNS: GridColumn<Contact>[] = [
  {
    id: 'name',
    label: 'Name',
    width: 'minmax(220px, 2fr)',
    sortKey: 'name',
    csv: (c) => c.fullName,
    render: (c) => (
      <Group gap="sm" wrap="nowrap">
        <Avatar size={26} radius="xl" color="violet" variant="light">
          {initials(c.fullName)}
        </Avatar>
        <Text size="sm" fw={550} truncate>
          {c.fullName}
        </Text>
      </Group>
    ),
  },
  {
    id: 'organization',
    label: 'Organization',
    width: 'minmax(160px, 1.5fr)',
    sortKey: 'organization',
    csv: (c) => c.primaryOrganization?.name,
    render: (c) => (
      <Text size="sm" truncate>
        {c.primaryOrganization?.name ?? '—'}
      </Text>
    ),
  },
  {
    id: 'title',
    label: 'Title',
    width: 'minmax(140px, 1.2fr)',
    sortKey: 'title',
    csv: (c) => c.title,
    render: (c) => (
      <Text size="sm" truncate c={c.title ? undefined : 'dimmed'}>
        {c.title ?? '—'}
      </Text>
    ),
  },
  {
    id: 'email',
    label: 'Email',
    width: 'minmax(180px, 1.5fr)',
    csv: (c) => c.emails,
    render: (c) => (
      <Text size="sm" truncate c="dimmed">
        {c.emails[0] ?? '—'}
      </Text>
    ),
  },
  { id: 'relationship', label: 'Relationship', width: '136px', csv: (c) => c.relationship, render: (c) => <RelationshipBadge relationship={c.relationship} /> },
  { id: 'tags', label: 'Tags', width: 'minmax(140px, 1fr)', csv: (c) => c.tags.map((t) => t.name), render: (c) => <TagPills tags={c.tags} max={2} /> },
  {
    id: 'owner',
    label: 'Owner',
    width: '130px',
    csv: (c) => c.owner?.name,
    render: (c) => (
      <Text size="sm" truncate>
        {c.owner?.name ?? '—'}
      </Text>
    ),
  },
  {
    id: 'phone',
    label: 'Phone',
    width: '150px',
    hiddenByDefault: true,
    csv: (c) => c.phones.map((p) => p.number),
    render: (c) => (
      <Text size="sm" truncate>
        {formatPhone(c.phones[0]?.number)}
      </Text>
    ),
  },
  {
    id: 'location',
    label: 'Location',
    width: '140px',
    hiddenByDefault: true,
    csv: (c) => c.location,
    render: (c) => (
      <Text size="sm" truncate>
        {c.location ?? '—'}
      </Text>
    ),
  },
  {
    id: 'accreditation',
    label: 'Accreditation',
    width: '130px',
    hiddenByDefault: true,
    csv: (c) => c.accreditationStatus,
    render: (c) => <Text size="sm">{humanize(c.accreditationStatus)}</Text>,
  },
  {
    id: 'createdAt',
    label: 'Added',
    width: '120px',
    sortKey: 'createdAt',
    csv: (c) => c.createdAt,
    render: (c) => (
      <Text size="sm" c="dimmed">
        {formatDate(c.createdAt)}
      </Text>
    ),
  },
];
