import { Avatar, Group, Loader, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight } from '@mantine/spotlight';
import { IconBuilding, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { Contact, ListEnvelope, Organization } from '../../api/types';
import { humanize, initials } from '../../ui/format';
import { NAV_ITEMS } from './sidebar';

/** Ctrl/Cmd-K: jump to a contact or organization by name or email, or to any screen. */
export function CommandPalette() {
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 150);
  const enabled = debounced.length > 0;
  const contacts = useQuery({
    queryKey: ['contacts', 'list', { q: debounced, limit: 6, palette: true }],
    queryFn: ({ signal }) => api.get<ListEnvelope<Contact>>('/api/contacts', { q: debounced, limit: 6 }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
  const organizations = useQuery({
    queryKey: ['organizations', 'list', { q: debounced, limit: 6, palette: true }],
    queryFn: ({ signal }) => api.get<ListEnvelope<Organization>>('/api/organizations', { q: debounced, limit: 6 }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
  const go = (to: string) => {
    navigate(to);
    setQuery('');
  };
  const screens = NAV_ITEMS.filter((item) => !query || item.label.toLowerCase().includes(query.trim().toLowerCase()));
  const contactRows = enabled ? (contacts.data?.data ?? []) : [];
  const organizationRows = enabled ? (organizations.data?.data ?? []) : [];
  const loading = enabled && (contacts.isFetching || organizations.isFetching);
  const nothing = enabled && !loading && contactRows.length === 0 && organizationRows.length === 0 && screens.length === 0;
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
                      {org.name}
                    </Text>
                    <Text size="xs" c="dimmed" truncate>
                      {humanize(org.kind)}
                      {org.location ? ` · ${org.location}` : ''}
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
                    {initials(contact.fullName)}
                  </Avatar>
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={500} truncate>
                      {contact.fullName}
                    </Text>
                    <Text size="xs" c="dimmed" truncate>
                      {[contact.primaryOrganization?.name, contact.emails[0]].filter(Boolean).join(' · ') || '—'}
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
