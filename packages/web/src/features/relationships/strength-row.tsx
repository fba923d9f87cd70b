import type { RelationshipView } from '@lpdesk/contracts';
import { Anchor, Collapse, Group, Progress, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDate } from '../../ui/format';

type Endpoint = RelationshipView['from'];

/** A link to the record an endpoint names; team members have no record page. */
export function EndpointLink({ endpoint }: { endpoint: Endpoint }) {
  if (endpoint.type === 'user') {
    return (
      <Text size="sm" fw={500} span>
        {endpoint.label}
      </Text>
    );
  }
  return (
    <Anchor component={Link} to={`/${endpoint.type === 'contact' ? 'contacts' : 'organizations'}/${endpoint.id}`} size="sm" fw={500}>
      {endpoint.label}
    </Anchor>
  );
}

export const percent = (strength: number) => `${Math.round(strength * 100)}%`;

/** One scored relationship: who, a strength bar, and the communications behind it on demand. */
export function StrengthRow({ view, other, testId }: { view: RelationshipView; other: Endpoint; testId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Stack gap={4} data-testid={testId}>
      <Group justify="space-between" wrap="nowrap">
        <EndpointLink endpoint={other} />
        <UnstyledButton onClick={() => setOpen((value) => !value)} aria-expanded={open} data-testid="toggle-evidence">
          <Text size="xs" c="blue">
            {percent(view.strength)} · {view.evidence.length} {view.evidence.length === 1 ? 'item' : 'items'} {open ? '▴' : '▾'}
          </Text>
        </UnstyledButton>
      </Group>
      <Progress
        value={view.strength * 100}
        size="sm"
        color={view.strength >= 0.66 ? 'teal' : view.strength >= 0.33 ? 'yellow' : 'gray'}
        aria-label={`strength ${percent(view.strength)}`}
      />
      <Collapse expanded={open}>
        <Table fz="xs" verticalSpacing={2} data-testid="evidence">
          <Table.Tbody>
            {view.evidence.map((item) => (
              <Table.Tr key={`${item.communicationId ?? item.kind}-${item.at}`}>
                <Table.Td>{formatDate(item.at)}</Table.Td>
                <Table.Td>{item.summary}</Table.Td>
                <Table.Td ta="right">{item.weight.toFixed(3)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Collapse>
    </Stack>
  );
}
