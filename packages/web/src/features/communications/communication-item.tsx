import { Anchor, Badge, Box, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconArrowForward } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { Fragment } from 'react';
import { Link } from 'react-router';
import type { Communication, CommunicationKind } from '../../api/types';
import { formatDate } from '../../ui/format';
import { EmailDirectionBadge, emailDirectionIcon } from '../email/email-direction';
import { COMMUNICATION_ICON } from '../records/timeline-view';
import { useRecordOpeners } from '../shell/composers';
import { CommunicationBodyPreview } from './communication-body';
import { clickableProps } from '../records/clickable';

export const KIND_COLOR: Record<CommunicationKind, string> = { call: 'blue', meeting: 'violet', email: 'cyan', note: 'gray', text: 'teal' };

/** One communication in a feed: the text with its line breaks (long ones cut, with Show more); click opens it. */
export function CommunicationItem({ communication: c, withDate = false }: { communication: Communication; withDate?: boolean }) {
  const { openCommunication } = useRecordOpeners();
  // Captured email shows which way it went.
  const direction = c.kind === 'email' ? (c.direction ?? null) : null;
  const Icon = direction ? emailDirectionIcon(direction) : COMMUNICATION_ICON[c.kind];
  const links = [
    ...c.organizations.map((o) => ({ key: `o${o.id}`, to: `/organizations/${o.id}`, name: o.name })),
    ...c.contacts.map((p) => ({ key: `c${p.id}`, to: `/contacts/${p.id}`, name: p.name })),
  ];
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      data-testid="communication-item"
      {...clickableProps(() => openCommunication(c.id), `Open ${c.subject || c.kind}`)}
    >
      <Group align="flex-start" wrap="nowrap" gap="md">
        <ThemeIcon size={34} radius="xl" variant="light" color={KIND_COLOR[c.kind]}>
          <Icon size={17} />
        </ThemeIcon>
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" wrap="nowrap">
            <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
              <Text fw={600} size="sm" truncate>
                {c.subject || `${c.kind[0]?.toUpperCase()}${c.kind.slice(1)}`}
              </Text>
              <Badge size="xs" variant="light" color={KIND_COLOR[c.kind]}>
                {c.kind}
              </Badge>
              {direction && <EmailDirectionBadge direction={direction} />}
            </Group>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {dayjs(c.occurredAt).format(withDate ? 'MMM D, h:mm A' : 'h:mm A')}
              {c.author ? ` · ${c.author.name}` : ''}
            </Text>
          </Group>
          {links.length > 0 && (
            <Text size="xs" c="dimmed">
              {links.map((l, i) => (
                <Fragment key={l.key}>
                  {i > 0 && ', '}
                  <Anchor component={Link} to={l.to} size="xs" onClick={(event) => event.stopPropagation()}>
                    {l.name}
                  </Anchor>
                </Fragment>
              ))}
            </Text>
          )}
          {c.body && (
            <Box mt={2}>
              <CommunicationBodyPreview body={c.body} />
            </Box>
          )}
          {c.outcome && (
            <Text size="sm" c="dimmed">
              <b>Outcome:</b> {c.outcome}
            </Text>
          )}
          {c.nextAction && (
            <Group gap={6} mt={2}>
              <IconArrowForward size={14} color="var(--mantine-color-orange-6)" />
              <Text size="sm">
                {c.nextAction}
                {c.nextActionDueOn && (
                  <Text span c="dimmed" size="sm">
                    {' '}
                    · due {formatDate(c.nextActionDueOn)}
                  </Text>
                )}
              </Text>
            </Group>
          )}
        </Stack>
      </Group>
    </Paper>
  );
}
