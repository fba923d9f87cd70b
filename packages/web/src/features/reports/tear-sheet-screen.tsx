import { organizationKindLabel, type TearSheet } from '@lpdesk/contracts';
import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { api, errorMessage } from '../../api/client';
import { formatDate, formatMoneyFull, formatPhone, humanize, todayIso } from '../../ui/format';
import { PageSkeleton } from '../../ui/layout';
import { StageBadge } from '../../ui/badges';
import './tear-sheet.css';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Card padding="md" className="lp-tear-sheet-section" data-testid={testId}>
      <Text fw={650} size="sm" mb="xs" tt="uppercase" style={{ letterSpacing: '0.04em' }}>
        {title}
      </Text>
      {children}
    </Card>
  );
}

const None = ({ children }: { children: ReactNode }) => (
  <Text size="sm" c="dimmed">
    {children}
  </Text>
);

/** One printable page about an investor: profile, commitments in every fund, people, last touches, open tasks. */
export function TearSheetScreen() {
  const { id = '' } = useParams();
  const sheet = useQuery({
    queryKey: ['reports', 'tear-sheet', id],
    queryFn: ({ signal }) => api.get<{ data: TearSheet }>(`/api/reports/tear-sheet/${id}`, undefined, signal).then((r) => r.data),
  });
  if (sheet.isPending) return <PageSkeleton />;
  if (sheet.isError) return <Alert color="red">{errorMessage(sheet.error)}</Alert>;
  const { organization: org, commitments, contacts, lastTouches, openTasks } = sheet.data;
  return (
    <Stack gap="md" className="lp-tear-sheet" data-testid="tear-sheet">
      <Group justify="space-between" className="lp-no-print">
        <Anchor component={Link} to={`/organizations/${org.id}`} size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} /> {org.name}
          </Group>
        </Anchor>
        <Button leftSection={<IconPrinter size={16} />} onClick={() => window.print()} data-testid="tear-sheet-print">
          Print
        </Button>
      </Group>
      <div className="lp-tear-sheet-section">
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="xs">
          <Title order={2} data-testid="tear-sheet-name">
            {org.name}
          </Title>
          <Text size="xs" c="dimmed">
            Tear sheet · {formatDate(todayIso())}
          </Text>
        </Group>
        <Text size="sm" c="dimmed" mt={4}>
          {[organizationKindLabel(org.kind), org.location, org.website?.replace(/^https?:\/\//, ''), org.ownerName ? `Owner: ${org.ownerName}` : null]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        {org.description && (
          <Text size="sm" mt="xs">
            {org.description}
          </Text>
        )}
      </div>
      <Section title="Commitments" testId="tear-sheet-commitments">
        {commitments.length === 0 ? (
          <None>Not in any fund yet.</None>
        ) : (
          <Table.ScrollContainer minWidth={480} type="native">
            <Table verticalSpacing={4} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Fund</Table.Th>
                  <Table.Th>Stage</Table.Th>
                  <Table.Th ta="right">Expected</Table.Th>
                  <Table.Th ta="right">Committed</Table.Th>
                  <Table.Th ta="right">Funded</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {commitments.map((c) => (
                  <Table.Tr key={c.id} data-testid="tear-sheet-commitment">
                    <Table.Td>{c.fundName}</Table.Td>
                    <Table.Td>
                      <StageBadge stage={c.stage} size="xs" />
                    </Table.Td>
                    <Table.Td ta="right" className="lp-num">
                      {formatMoneyFull(c.expectedAmount, c.currency)}
                    </Table.Td>
                    <Table.Td ta="right" className="lp-num">
                      {formatMoneyFull(c.committedAmount, c.currency)}
                    </Table.Td>
                    <Table.Td ta="right" className="lp-num">
                      {formatMoneyFull(c.fundedAmount, c.currency)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Section title="People" testId="tear-sheet-contacts">
          {contacts.length === 0 ? (
            <None>No people linked.</None>
          ) : (
            <Stack gap={6}>
              {contacts.map((p) => (
                <div key={p.id}>
                  <Text size="sm" fw={600}>
                    {p.name}
                    {p.isPrimary ? ' (primary)' : ''}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {[p.title, p.email, p.phone ? formatPhone(p.phone) : null].filter(Boolean).join(' · ') || '—'}
                  </Text>
                </div>
              ))}
            </Stack>
          )}
        </Section>
        <Section title="Open tasks" testId="tear-sheet-tasks">
          {openTasks.length === 0 ? (
            <None>No open tasks.</None>
          ) : (
            <Stack gap={6}>
              {openTasks.map((t) => (
                <Group key={t.id} justify="space-between" wrap="nowrap" gap="xs">
                  <Text size="sm" style={{ minWidth: 0 }}>
                    {t.title}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                    {[t.assigneeName, t.dueOn ? formatDate(t.dueOn) : null].filter(Boolean).join(' · ')}
                  </Text>
                </Group>
              ))}
            </Stack>
          )}
        </Section>
      </SimpleGrid>
      <Section title="Last touches" testId="tear-sheet-touches">
        {lastTouches.length === 0 ? (
          <None>Nothing logged yet.</None>
        ) : (
          <Stack gap={6}>
            {lastTouches.map((t) => (
              <Group key={t.id} gap="sm" wrap="nowrap" align="flex-start">
                <Text size="xs" c="dimmed" w={92} style={{ flexShrink: 0 }} className="lp-num">
                  {formatDate(t.occurredAt)}
                </Text>
                <div style={{ minWidth: 0 }}>
                  <Text size="sm">
                    <b>{humanize(t.kind)}</b>
                    {t.subject ? ` · ${t.subject}` : ''}
                  </Text>
                  {t.authorName && (
                    <Text size="xs" c="dimmed">
                      by {t.authorName}
                    </Text>
                  )}
                </div>
              </Group>
            ))}
          </Stack>
        )}
      </Section>
    </Stack>
  );
}
