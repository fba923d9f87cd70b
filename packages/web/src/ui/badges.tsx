import type { Relationship, Stage } from '@lpdesk/contracts';
import { Badge, Group, type MantineSize } from '@mantine/core';
import type { TagRef } from '../api/types';
import { humanize } from './format';
import { stageColor, stageLabel } from './stages';

export function StageBadge({ stage, size = 'sm' }: { stage: Stage; size?: MantineSize }) {
  return (
    <Badge color={stageColor(stage)} variant="light" size={size} radius="sm" style={{ flexShrink: 0, overflow: 'visible' }}>
      {stageLabel(stage)}
    </Badge>
  );
}

export function TagPill({ tag }: { tag: TagRef }) {
  return (
    <Badge
      variant="outline"
      radius="xl"
      size="sm"
      styles={{ root: { borderColor: tag.color, color: 'var(--mantine-color-text)', textTransform: 'none', fontWeight: 500 } }}
      leftSection={<span style={{ display: 'inline-block', width: 7, height: 7, borderRadius: 7, background: tag.color }} />}
    >
      {tag.name}
    </Badge>
  );
}

export function TagPills({ tags, max = 3 }: { tags: TagRef[]; max?: number }) {
  if (tags.length === 0) return null;
  const shown = tags.slice(0, max);
  return (
    <Group gap={4} wrap="nowrap">
      {shown.map((tag) => (
        <TagPill key={tag.id} tag={tag} />
      ))}
      {tags.length > max && (
        <Badge variant="default" size="sm" radius="xl">
          +{tags.length - max}
        </Badge>
      )}
    </Group>
  );
}

const RELATIONSHIP_COLOR: Record<Relationship, string> = { investor: 'teal', prospect: 'blue', none: 'gray' };

export function RelationshipBadge({ relationship }: { relationship: Relationship }) {
  if (relationship === 'none') return null;
  return (
    <Badge color={RELATIONSHIP_COLOR[relationship]} variant="dot" size="sm" radius="sm" style={{ textTransform: 'none' }}>
      {humanize(relationship)}
    </Badge>
  );
}
