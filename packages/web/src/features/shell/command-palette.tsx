import { Avatar, Group, Loader, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight } from '@mantine/spotlight';
import { IconBuilding, IconCoin, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { SearchResult } from '../../api/types';
import { initials } from '../../ui/format';
import { NAV_ITEMS } from './sidebar';

/** How many ranked results the palette asks for across people, organizations and funds. */
const RESULT_LIMIT = 15;

/** Ctrl/Cmd-K: jump to a contact, organization or fund by name, email or firm (typos forgiven), or to any screen. */
export function CommandPalette() {
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 150);
  const enabled = debounced.length > 0;
  const search = useQuery({
    queryKey: ['search', { q: debounced, limit: RESULT_LIMIT }],
    queryFn: ({ signal }) => api.get<{ data: SearchResult[] }>('/api/search', { q: debounced, limit: RESULT_LIMIT }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
  const go = (to: string) => {
    navigate(to);
    setQuery('');
  };
  const screens = NAV_ITEMS.filter((item) => !query || item.label.toLowerCase().includes(query.trim().toLowerCase()));
  // Ranked best first by the server; grouped here by kind, keeping that order within each group.
  const results = enabled ? (search.data?.data ?? []) : [];
  const organizationRows = results.filter((r) => r.type === 'organization');
  const contactRows = results.filter((r) => r.type === 'contact');
  const fundRows = results.filter((r) => r.type === 'fund');
  const loading = enabled && search.isFetching;
  const nothing = enabled && !loading && results.length === 0 && screens.length === 0;
  return (
    <Spotlight.Root query={query} onQueryChange={setQuery} shortcut={['mod + K']} scrollable maxHeight={460} onSpotlightClose={() => setQuery('')}>
      <Spotlight.Search
        placeholder="Search people, organizations, screens…"
        leftSection={<IconSearch size={18} />}
        rightSection={loading ? <Loader size="xs" /> : null}
      />
      <Spotlight.ActionsList>
        {organizationRows.length > 0 && (
          <Spotlight.ActionsGroup label="Organizations">
            {organizationRows.map((org) => (
              <Spotlight.Action key={org.id} onClick={() => go(`/organizations/${org.id}`)} data-testid="palette-result">
                <Group wrap="nowrap" gap="sm" w="100%">
                  <Avatar size={28} radius="sm" color="indigo" variant="light">
                    <IconBuilding size={16} />
                  </Avatar>
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={500} truncate>
                      {org.label}
                    </Text>
                    <Text size="xs" c="dimmed" truncate>
                      {org.sublabel ?? '—'}
                    </Text>
                  </div>
                </Group>
              </Spotlight.Action>
            ))}
          </Spotlight.ActionsGroup>
        )}
        {contactRows.length > 0 && (
          <Spotlight.ActionsGroup label="People">
            {contactRows.map((contact) => (
              <Spotlight.Action key={contact.id} onClick={() => go(`/contacts/${contact.id}`)} data-testid="palette-result">
                <Group wrap="nowrap" gap="sm" w="100%">
                  <Avatar size={28} radius="xl" color="violet" variant="light">
                    {initials(contact.label)}
                  </Avatar>
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={500} truncate>
                      {contact.label}
                    </Text>
                    <Text size="xs" c="dimmed" truncate>
                      {contact.sublabel ?? '—'}
                    </Text>
                  </div>
                </Group>
              </Spotlight.Action>
            ))}
          </Spotlight.ActionsGroup>
        )}
        {fundRows.length > 0 && (
          <Spotlight.ActionsGroup label="Funds">
            {fundRows.map((fund) => (
              <Spotlight.Action key={fund.id} onClick={() => go(`/pipeline?fund=${fund.id}`)} data-testid="palette-result">
                <Group wrap="nowrap" gap="sm" w="100%">
                  <Avatar size={28} radius="sm" color="teal" variant="light">
                    <IconCoin size={16} />
                  </Avatar>
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={500} truncate>
                      {fund.label}
                    </Text>
                    <Text size="xs" c="dimmed" truncate>
                      {fund.sublabel ?? '—'}
                    </Text>
                  </div>
                </Group>
              </Spotlight.Action>
            ))}
          </Spotlight.ActionsGroup>
        )}
        {screens.length > 0 && (
          <Spotlight.ActionsGroup label="Go to">
            {screens.map((item) => (
              <Spotlight.Action key={item.to} label={item.label} leftSection={<item.icon size={18} stroke={1.6} />} onClick={() => go(item.to)} />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {nothing && <Spotlight.Empty>Nothing matches “{query}”</Spotlight.Empty>}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
