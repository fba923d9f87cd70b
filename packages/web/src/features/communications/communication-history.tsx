import type { RecordChange } from '@lpdesk/contracts';
import { Anchor, Box, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { formatDateTime, formatRelative } from '../../ui/format';
import { CommunicationBody } from './communication-body';
import { useCommunicationHistory } from './use-communication-history';

const FIELD_LABELS: Record<string, string> = {
  kind: 'kind',
  occurredAt: 'date',
  subject: 'subject',
  body: 'notes',
  outcome: 'outcome',
  nextAction: 'next action',
  nextActionDueOn: 'due date',
  durationMinutes: 'duration',
  contacts: 'people',
  organizations: 'organizations',
  users: 'team members',
};

/** "Casey edited notes and subject" — what a change did, in words. */
export function describeChange(change: RecordChange): string {
  const who = change.actorName ?? 'Someone';
  if (change.action === 'create') return `${who} logged it`;
  if (change.action === 'delete') return `${who} moved it to the trash`;
  if (change.action === 'restore') return `${who} restored it`;
  const fields = Object.keys(change.after)
    .map((key) => FIELD_LABELS[key])
    .filter((label): label is string => Boolean(label));
  if (fields.length === 0) return `${who} edited it`;
  const list = fields.length === 1 ? fields[0] : `${fields.slice(0, -1).join(', ')} and ${fields[fields.length - 1]}`;
  return `${who} edited ${list}`;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function ChangeItem({ change }: { change: RecordChange }) {
  const [showing, setShowing] = useState(false);
  const previousBody = text(change.before.body);
  const previousSubject = text(change.before.subject);
  const hasPrevious = change.action === 'update' && ('body' in change.before || 'subject' in change.before);
  return (
    <Box data-testid="communication-change">
      <Text size="sm">{describeChange(change)}</Text>
      <Text size="xs" c="dimmed" title={formatDateTime(change.at)}>
        {formatRelative(change.at)}
        {hasPrevious && (
          <>
            {' · '}
            <Anchor component="button" type="button" size="xs" onClick={() => setShowing((v) => !v)} data-testid="show-previous-version">
              {showing ? 'Hide the earlier version' : 'Show the earlier version'}
            </Anchor>
          </>
        )}
      </Text>
      {showing && (
        <Paper withBorder p="sm" mt={6} radius="sm" data-testid="previous-version">
          {'subject' in change.before && (
            <Text size="sm" fw={600} mb={4}>
              {previousSubject ?? '(no subject)'}
            </Text>
          )}
          {'body' in change.before &&
            (previousBody ? (
              <CommunicationBody body={previousBody} />
            ) : (
              <Text size="sm" c="dimmed">
                (no notes)
              </Text>
            ))}
        </Paper>
      )}
    </Box>
  );
}

/** Every version of a communication, newest first, each with who and when and the earlier text. */
export function CommunicationHistory({ id }: { id: string }) {
  const history = useCommunicationHistory(id);
  if (history.isPending) return <Skeleton height={40} />;
  if (history.isError) return null;
  return (
    <Stack gap="sm" data-testid="communication-history">
      {[...history.data].reverse().map((change) => (
        <ChangeItem key={change.id} change={change} />
      ))}
    </Stack>
  );
}
