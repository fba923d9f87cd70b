import type { IntroPath } from '@lpdesk/contracts';
import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { SectionTitle } from '../../ui/layout';
import { useIntroPath } from './hooks';
import { EndpointLink, percent } from './strength-row';

const KIND_WORDS = { knows: 'knows', met_together: 'met', introduced_by: 'introduced', works_at: 'colleague' } as const;
const hopWord = (hop: IntroPath['paths'][number]['hops'][number]) =>
  hop.kind === 'works_at' && hop.to.type === 'organization' ? 'works at' : KIND_WORDS[hop.kind];

/** The strongest ways in from the team: each hop with its strength, the score being their product. */
export function IntroPathCard({ targetId }: { targetId: string }) {
  const query = useIntroPath(targetId);
  const paths = query.data?.paths ?? [];
  return (
    <Card padding="md" data-testid="intro-path">
      <SectionTitle>Warm intro path</SectionTitle>
      {query.isPending ? (
        <Text size="sm" c="dimmed">
          Looking…
        </Text>
      ) : paths.length === 0 ? (
        <Text size="sm" c="dimmed">
          No one on the team is connected yet.
        </Text>
      ) : (
        <Stack gap="sm">
          {paths.slice(0, 3).map((path, index) => (
            <Stack key={path.hops.map((hop) => hop.to.id).join('>')} gap={2} data-testid="intro-path-row">
              <Group gap={6} wrap="wrap">
                <Badge size="sm" variant={index === 0 ? 'filled' : 'light'}>
                  {percent(path.score)}
                </Badge>
                {path.hops[0] && <EndpointLink endpoint={path.hops[0].from} />}
                {path.hops.map((hop) => (
                  <Group key={`${hop.from.id}>${hop.to.id}`} gap={6} wrap="nowrap">
                    <Text size="xs" c="dimmed">
                      → {hopWord(hop)} {percent(hop.strength)} →
                    </Text>
                    <EndpointLink endpoint={hop.to} />
                  </Group>
                ))}
              </Group>
            </Stack>
          ))}
        </Stack>
      )}
    </Card>
  );
}
