import { Anchor, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { Fragment } from 'react';
import { Link } from 'react-router';
import { clickableProps } from '../records/clickable';
import { entityPath } from './group-hits';
import { HighlightedSnippet } from './highlighted-snippet';
import { formatEventDate, hitKind } from './hit-kind';
import type { RetrievalEntity, RetrievalHit } from './search-api';

/**
 * One passage found: what kind of source and when, its title, the passage with the matched words
 * marked, and the other records it is about. Click (or Enter) opens the source.
 */
export function SearchHitCard({ hit, related, onOpen }: { hit: RetrievalHit; related: RetrievalEntity[]; onOpen: () => void }) {
  const { Icon, color, label } = hitKind(hit);
  const title = hit.title || label;
  const date = formatEventDate(hit.eventAt);
  return (
    <Paper withBorder p="sm" radius="md" data-testid="search-hit" data-source-type={hit.sourceType} {...clickableProps(onOpen, `Open ${title}`)}>
      <Group align="flex-start" wrap="nowrap" gap="sm">
        <ThemeIcon size={30} radius="xl" variant="light" color={color} aria-hidden>
          <Icon size={16} />
        </ThemeIcon>
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" wrap="nowrap" gap="xs" align="baseline">
            <Text fw={600} size="sm" truncate data-testid="search-hit-title">
              {title}
            </Text>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {date ? `${label} · ${date}` : label}
            </Text>
          </Group>
          <HighlightedSnippet snippet={hit.snippet} />
          {related.length > 0 && (
            <Text size="xs" c="dimmed">
              {'Also about '}
              {related.map((entity, index) => (
                <Fragment key={entity.id}>
                  {index > 0 && ', '}
                  <Anchor component={Link} to={entityPath(entity)} size="xs" onClick={(event) => event.stopPropagation()}>
                    {entity.label}
                  </Anchor>
                </Fragment>
              ))}
            </Text>
          )}
        </Stack>
      </Group>
    </Paper>
  );
}
