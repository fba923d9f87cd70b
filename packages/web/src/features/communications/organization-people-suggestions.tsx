import { Button, Group, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQueries } from '@tanstack/react-query';
import { api } from '../../api/client';
import { keys } from '../../api/hooks';
import type { Contact, ListEnvelope } from '../../api/types';

type Option = { value: string; label: string };

/**
 * The people of the organizations a communication is linked to, one click from being participants:
 * a call logged from an organization usually involved some of its people.
 */
export function OrganizationPeopleSuggestions({
  organizations,
  chosen,
  onAdd,
}: {
  organizations: Option[];
  chosen: Option[];
  onAdd: (people: Option[]) => void;
}) {
  const results = useQueries({
    queries: organizations.map((org) => {
      const params = { organizationId: org.value, limit: 50, sort: 'lastName' };
      return {
        queryKey: keys.list('contacts', params),
        queryFn: ({ signal }: { signal: AbortSignal }) => api.get<ListEnvelope<Contact>>('/api/contacts', params, signal),
      };
    }),
  });
  const chosenIds = new Set(chosen.map((c) => c.value));
  const seen = new Set<string>();
  const people: Option[] = [];
  for (const result of results) {
    for (const person of result.data?.data ?? []) {
      if (chosenIds.has(person.id) || seen.has(person.id)) continue;
      seen.add(person.id);
      people.push({ value: person.id, label: person.fullName });
    }
  }
  if (people.length === 0) return null;
  const from = organizations.length === 1 ? (organizations[0]?.label ?? '') : 'these organizations';
  return (
    <Group gap={6} data-testid="comm-people-suggestions">
      <Text size="xs" c="dimmed">
        People at {from}:
      </Text>
      {people.slice(0, 12).map((person) => (
        <Button
          key={person.value}
          size="compact-xs"
          variant="light"
          leftSection={<IconPlus size={12} />}
          onClick={() => onAdd([person])}
          data-testid="comm-suggested-person"
        >
          {person.label}
        </Button>
      ))}
      {people.length > 1 && (
        <Button size="compact-xs" variant="subtle" onClick={() => onAdd(people)} data-testid="comm-add-all-people">
          Add all {people.length}
        </Button>
      )}
    </Group>
  );
}
