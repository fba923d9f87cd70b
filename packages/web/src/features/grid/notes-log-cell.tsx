import { Box, Button, Group, Popover, ScrollArea, Stack, Text, Textarea, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { formatDateTime } from '../../ui/format';

/** An OrganizationNoteView (contracts/grid.ts), newest first. */
export interface NoteEntry {
  notedOn?: string;
  createdAt?: string;
  body?: string;
  authorName?: string | null;
}

/** A grid cell holds the latest entries as lines ("YYYY-MM-DD Name: text"); the log route gives objects. */
export type NoteCellEntry = string | NoteEntry;

export function noteText(entry: NoteCellEntry | undefined): string {
  if (!entry) return '';
  return typeof entry === 'string' ? entry : `${entry.notedOn ? `${entry.notedOn} · ` : ''}${entry.body ?? ''}`;
}

/**
 * The notes log column: the latest entry in the cell, the whole log in a popover (GET, on open), and a
 * box to append (POST /api/organizations/:id/notes-log). The log is never edited, only added to.
 */
export function NotesLogCell({ organizationId, lines }: { organizationId: string; lines: NoteCellEntry[] }) {
  const client = useQueryClient();
  const [opened, setOpened] = useState(false);
  const log = useQuery({
    queryKey: ['grid', 'notes-log', organizationId],
    queryFn: () => api.get<{ data: NoteEntry[] }>(`/api/organizations/${organizationId}/notes-log`).then((r) => r.data),
    enabled: opened,
  });
  const entries: NoteCellEntry[] = log.data ?? lines;
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const latest = lines[0];
  const add = async () => {
    if (!body.trim()) return;
    setBusy(true);
    try {
      await api.post(`/api/organizations/${organizationId}/notes-log`, { body: body.trim() });
      setBody('');
      await client.invalidateQueries({ queryKey: ['grid'] });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Note not added', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popover opened={opened} onChange={setOpened} width={380} position="bottom-start" shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <UnstyledButton
          className={latest ? 'lp-grid-notes' : 'lp-grid-notes lp-grid-notes-empty'}
          data-testid="grid-notes-log"
          onClick={(event) => {
            event.stopPropagation();
            setOpened((o) => !o);
          }}
        >
          <Text size="sm" truncate c={latest ? undefined : 'dimmed'}>
            {latest ? noteText(latest) : 'Add a note…'}
          </Text>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown onKeyDown={(event) => event.stopPropagation()}>
        <Text fw={600} size="sm" mb={6}>
          Notes log
        </Text>
        <ScrollArea.Autosize mah={280}>
          <Stack gap={8}>
            {entries.length === 0 && (
              <Text size="sm" c="dimmed">
                Nothing logged yet.
              </Text>
            )}
            {entries.map((entry, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the log is append-only and never reorders
              <Box key={index}>
                {typeof entry === 'string' ? (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {entry}
                  </Text>
                ) : (
                  <>
                    <Text size="xs" c="dimmed">
                      {entry.notedOn ?? formatDateTime(entry.createdAt)} · {entry.authorName ?? ''}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {entry.body}
                    </Text>
                  </>
                )}
              </Box>
            ))}
          </Stack>
        </ScrollArea.Autosize>
        <Textarea mt="sm" size="xs" autosize minRows={2} maxRows={6} placeholder="Add to the log…" value={body} onChange={(event) => setBody(event.currentTarget.value)} />
        <Group justify="flex-end" mt={6}>
          <Button size="compact-xs" onClick={() => void add()} loading={busy} disabled={!body.trim()}>
            Add note
          </Button>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
