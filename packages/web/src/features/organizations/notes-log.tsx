import type { OrganizationNoteView } from '@lpdesk/contracts';
import { Alert, Button, Card, Group, Loader, Stack, Text, Textarea } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { formatDate } from '../../ui/format';
import { SectionTitle } from '../../ui/layout';

/** Under the organizations key, so anything that refreshes organizations (a logged call) refreshes the log. */
export const notesLogKey = (organizationId: string) => ['organizations', 'notes-log', organizationId];

/**
 * The investor's outreach log: dated lines, newest first, who wrote each. Entries are only ever added
 * (the server has no edit or delete), so the form is the one way to change it.
 */
export function NotesLogCard({ organizationId }: { organizationId: string }) {
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [body, setBody] = useState('');
  const query = useQuery({
    queryKey: notesLogKey(organizationId),
    queryFn: ({ signal }) => api.get<{ data: OrganizationNoteView[] }>(`/api/organizations/${organizationId}/notes-log`, undefined, signal).then((r) => r.data),
  });
  const append = useMutation({
    mutationFn: (text: string) => api.post<{ data: OrganizationNoteView }>(`/api/organizations/${organizationId}/notes-log`, { body: text }),
    onSuccess: async () => {
      setBody('');
      setAdding(false);
      // The log and the record's Changes feed (both under the organizations key) show the new entry.
      await client.invalidateQueries({ queryKey: ['organizations'] });
    },
  });
  const submit = () => {
    if (body.trim()) append.mutate(body.trim());
  };
  return (
    <Card padding="md" data-testid="notes-log">
      <SectionTitle
        right={
          !adding && (
            <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} />} onClick={() => setAdding(true)} data-testid="notes-log-add">
              Add entry
            </Button>
          )
        }
      >
        Notes log
      </SectionTitle>
      {adding && (
        <Stack gap={6} mb="sm">
          <Textarea
            autoFocus
            autosize
            minRows={2}
            placeholder="Called, left a message…"
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) submit();
            }}
            data-testid="notes-log-body"
          />
          {append.isError && (
            <Alert color="red" p="xs">
              {errorMessage(append.error)}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button size="compact-sm" variant="default" onClick={() => setAdding(false)}>
              Cancel
            </Button>
            <Button size="compact-sm" onClick={submit} loading={append.isPending} disabled={!body.trim()} data-testid="notes-log-save">
              Add to log
            </Button>
          </Group>
        </Stack>
      )}
      {query.isPending ? (
        <Loader size="xs" />
      ) : query.isError ? (
        <Alert color="red" p="xs">
          {errorMessage(query.error)}
        </Alert>
      ) : query.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing logged yet.
        </Text>
      ) : (
        <Stack gap={8} mah={320} style={{ overflowY: 'auto' }}>
          {query.data.map((note) => (
            <div key={note.id} data-testid="notes-log-entry">
              <Text size="xs" c="dimmed">
                {formatDate(note.notedOn)} · {note.authorName ?? 'Someone'}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {note.body}
              </Text>
            </div>
          ))}
        </Stack>
      )}
    </Card>
  );
}
