import { Alert, Anchor, Group, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCopy } from '@tabler/icons-react';
import { Link } from 'react-router';
import { entityPath, type IdentityCandidatesInput, percent, topReasons, useCandidates } from './identity-api';

/** Nothing to check until the draft has something identifying: a name, an email, a website or a LinkedIn URL. */
function isCheckable(draft: IdentityCandidatesInput): boolean {
  const text = [draft.name, draft.firstName, draft.lastName, draft.website, draft.linkedin].some((v) => (v?.trim().length ?? 0) >= 2);
  return text || (draft.emails?.some((e) => e.includes('@')) ?? false);
}

/**
 * "Possible duplicate" while a create form is typed in: the draft is checked ~400 ms after the last
 * keystroke against existing records. It only warns; the person can still create.
 */
export function PossibleDuplicateWarning({ draft }: { draft: IdentityCandidatesInput }) {
  const [debounced] = useDebouncedValue(draft, 400);
  const candidates = useCandidates(isCheckable(debounced) ? debounced : null);
  const matches = isCheckable(draft) ? (candidates.data ?? []) : [];
  if (matches.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" icon={<IconCopy size={18} />} title="Possible duplicate" data-testid="possible-duplicate">
      <Stack gap={4}>
        {matches.slice(0, 5).map((match) => (
          <Group key={match.entity.entityId} gap={6} wrap="nowrap" align="baseline">
            <Anchor
              component={Link}
              to={entityPath(match.entity.entityType, match.entity.entityId)}
              target="_blank"
              size="sm"
              fw={600}
              style={{ flexShrink: 0 }}
            >
              {match.entity.label}
            </Anchor>
            <Text size="xs" fw={600} className="lp-num" style={{ flexShrink: 0 }}>
              {percent(match.confidence)}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {topReasons(match.evidence, 1)[0]?.reason ?? ''}
            </Text>
          </Group>
        ))}
        <Text size="xs" c="dimmed">
          You can still create it; a merge can be done later from Duplicates.
        </Text>
      </Stack>
    </Alert>
  );
}
