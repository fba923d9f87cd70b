import type { RelationshipView } from '@lpdesk/contracts';
import { Alert, Badge, Card, CloseButton, Group, Stack, Text } from '@mantine/core';
import { errorMessage } from '../../api/client';
import { formatDate } from '../../ui/format';
import { SectionTitle } from '../../ui/layout';
import { type RelationshipOwner, useRelationships, useRemoveIntroduction } from './hooks';
import { IntroductionForm } from './introduction-form';
import { IntroPathCard } from './intro-path-card';
import { EndpointLink, StrengthRow } from './strength-row';

const none = (text: string) => (
  <Text size="sm" c="dimmed">
    {text}
  </Text>
);

function period(view: RelationshipView): string | null {
  if (!view.startedOn && !view.endedOn) return null;
  return `${view.startedOn ? formatDate(view.startedOn) : '?'} – ${view.endedOn ? formatDate(view.endedOn) : 'present'}`;
}

/** Works-at history (seen from a contact: the organizations; from an organization: the people). */
function WorksAtList({ views, show }: { views: RelationshipView[]; show: 'from' | 'to' }) {
  if (views.length === 0) return none('No organization history.');
  return (
    <Stack gap={6}>
      {views.map((view) => {
        const current = view.strength === 1;
        return (
          <Group key={view.id} justify="space-between" wrap="nowrap" data-testid="works-at-row">
            <div style={{ minWidth: 0 }}>
              <EndpointLink endpoint={view[show]} />
              <Text size="xs" c="dimmed">
                {[view.title, period(view)].filter(Boolean).join(' · ')}
              </Text>
            </div>
            <Badge size="xs" variant="light" color={current ? 'teal' : 'gray'}>
              {current ? 'current' : 'past'}
            </Badge>
          </Group>
        );
      })}
    </Stack>
  );
}

function Introductions({ contactId, views }: { contactId: string; views: RelationshipView[] }) {
  const remove = useRemoveIntroduction(contactId);
  const introducedBy = views.filter((view) => view.from.id === contactId);
  const introduced = views.filter((view) => view.to.id === contactId);
  return (
    <Stack gap={6}>
      {introducedBy.length === 0 && introduced.length === 0 && none('No introductions recorded.')}
      {introducedBy.map((view) => (
        <Group key={view.id} justify="space-between" wrap="nowrap" data-testid="introduced-by-row">
          <div>
            <Text size="xs" c="dimmed">
              Introduced by
            </Text>
            <EndpointLink endpoint={view.to} />
            <Text size="xs" c="dimmed">
              {[view.title, view.startedOn ? formatDate(view.startedOn) : null].filter(Boolean).join(' · ')}
            </Text>
          </div>
          <CloseButton size="sm" aria-label={`Remove introduction by ${view.to.label}`} onClick={() => remove.mutate(view.to.id)} />
        </Group>
      ))}
      {introduced.map((view) => (
        <Group key={view.id} gap={6}>
          <Text size="xs" c="dimmed">
            Introduced
          </Text>
          <EndpointLink endpoint={view.from} />
        </Group>
      ))}
      <IntroductionForm contactId={contactId} />
    </Stack>
  );
}

/** Who this contact or organization is connected to, how strongly, and why (the evidence behind each score). */
export function RelationshipsPanel(owner: RelationshipOwner) {
  const query = useRelationships(owner);
  if (query.isError) return <Alert color="red">{errorMessage(query.error)}</Alert>;
  const views = query.data?.data ?? [];
  const of = (kind: RelationshipView['kind']) => views.filter((view) => view.kind === kind);
  const knows = of('knows');
  return (
    <Stack gap="md" data-testid={`relationships-${owner.type}`}>
      <Card padding="md">
        <SectionTitle>{owner.type === 'contact' ? 'Works at' : 'Work history'}</SectionTitle>
        <WorksAtList views={of('works_at')} show={owner.type === 'contact' ? 'to' : 'from'} />
      </Card>
      <Card padding="md" data-testid="team-knows">
        <SectionTitle>Who on the team knows {owner.type === 'contact' ? 'them' : 'its people'}</SectionTitle>
        {knows.length === 0 ? (
          none('No meetings, calls or emails with the team yet.')
        ) : (
          <Stack gap="sm">
            {knows.map((view) => (
              <StrengthRow key={view.id} view={view} other={owner.type === 'contact' ? view.from : view.to} testId="knows-row" />
            ))}
          </Stack>
        )}
        {query.data && (
          <Text size="xs" c="dimmed" mt="xs">
            {query.data.formula}
          </Text>
        )}
      </Card>
      {owner.type === 'contact' && (
        <>
          <Card padding="md" data-testid="met-together">
            <SectionTitle>Met together</SectionTitle>
            {of('met_together').length === 0 ? (
              none('Not in a meeting or call with other contacts yet.')
            ) : (
              <Stack gap="sm">
                {of('met_together').map((view) => (
                  <StrengthRow key={view.id} view={view} other={view.from.id === owner.id ? view.to : view.from} testId="met-together-row" />
                ))}
              </Stack>
            )}
          </Card>
          <Card padding="md" data-testid="introductions">
            <SectionTitle>Introductions</SectionTitle>
            <Introductions contactId={owner.id} views={of('introduced_by')} />
          </Card>
        </>
      )}
      <IntroPathCard targetId={owner.id} />
    </Stack>
  );
}
