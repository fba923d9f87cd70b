import { Badge, Box, Group, Text, ThemeIcon, Timeline } from '@mantine/core';
import { IconArrowRight, IconCalendarEvent, IconChecklist, IconMail, IconMessage, IconNote, IconPhone, IconProgress } from '@tabler/icons-react';
import type { CommunicationKind } from '../../api/types';
import { formatDate, formatDateTime, formatRelative, humanize, isOverdue } from '../../ui/format';
import { Empty } from '../../ui/layout';
import { StageBadge } from '../../ui/badges';
import { CommunicationBodyPreview } from '../communications/communication-body';
import { EmailDirectionBadge, emailDirectionIcon } from '../email/email-direction';
import { useEmailTimeline } from '../email/email-timeline';
import { useRecordOpeners } from '../shell/composers';
import { clickableProps } from './clickable';
import type { TimelineItem } from './timeline';

export const COMMUNICATION_ICON: Record<CommunicationKind, typeof IconPhone> = {
  call: IconPhone,
  meeting: IconCalendarEvent,
  email: IconMail,
  note: IconNote,
  text: IconMessage,
};

/** A record's history; communications and tasks open in their drawers on click. */
export function TimelineView({ items }: { items: TimelineItem[] }) {
  const { openCommunication, openTask } = useRecordOpeners();
  const email = useEmailTimeline();
  if (items.length === 0) return <Empty icon={<IconProgress size={20} />} title="No history yet" description="Log a call or meeting and it shows up here." />;
  return (
    <Timeline bulletSize={28} lineWidth={2} data-testid="timeline">
      {items.map((item) => {
        if (item.kind === 'communication') {
          const c = item.communication;
          // Captured email: sent or received by the team; it opens in the Email panel below when that lists its thread.
          const entry = c.kind === 'email' ? email?.entryFor(c.id) : undefined;
          const threadId = c.emailThreadId ?? entry?.threadId ?? null;
          const direction = c.direction ?? entry?.direction ?? null;
          const captured = c.kind === 'email' && (threadId !== null || direction !== null);
          const Icon = captured && direction ? emailDirectionIcon(direction) : (COMMUNICATION_ICON[c.kind] ?? IconNote);
          const open = threadId && email?.hasThread(threadId) ? () => email.openThread(threadId) : () => openCommunication(c.id);
          return (
            <Timeline.Item
              key={item.id}
              bullet={
                <ThemeIcon size={28} radius="xl" variant="light" color="indigo">
                  <Icon size={15} />
                </ThemeIcon>
              }
              title={
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={600} truncate>
                    {c.subject || humanize(c.kind)}
                  </Text>
                  <Badge size="xs" variant="default">
                    {c.kind}
                  </Badge>
                  {captured && direction && <EmailDirectionBadge direction={direction} />}
                </Group>
              }
            >
              <Box {...clickableProps(open, `Open ${c.subject || c.kind}`)} p={4} m={-4} data-testid={captured ? 'timeline-email' : 'timeline-communication'}>
              <Text size="xs" c="dimmed" mt={2} title={formatDateTime(c.occurredAt)}>
                {formatRelative(c.occurredAt)}
                {c.author ? ` · ${c.author.name}` : ''}
                {c.contacts.length ? ` · with ${c.contacts.map((p) => p.name).join(', ')}` : ''}
              </Text>
              {c.body && (
                <Box mt={6}>
                  <CommunicationBodyPreview body={c.body} />
                </Box>
              )}
              {c.outcome && (
                <Text size="sm" mt={4} c="dimmed">
                  Outcome: {c.outcome}
                </Text>
              )}
              {c.nextAction && (
                <Text size="sm" mt={4}>
                  Next: {c.nextAction}
                  {c.nextActionDueOn ? ` (due ${formatDate(c.nextActionDueOn)})` : ''}
                </Text>
              )}
              </Box>
            </Timeline.Item>
          );
        }
        if (item.kind === 'stage') {
          const s = item.change;
          return (
            <Timeline.Item
              key={item.id}
              bullet={
                <ThemeIcon size={28} radius="xl" variant="light" color="grape">
                  <IconProgress size={15} />
                </ThemeIcon>
              }
              title={
                <Group gap={6}>
                  {s.fromStage ? <StageBadge stage={s.fromStage} size="xs" /> : <Text size="xs">Added in</Text>}
                  {s.fromStage && <IconArrowRight size={12} />}
                  <StageBadge stage={s.toStage} size="xs" />
                  {s.fundName && (
                    <Text size="xs" c="dimmed">
                      {s.fundName}
                    </Text>
                  )}
                </Group>
              }
            >
              <Text size="xs" c="dimmed" mt={2}>
                {formatRelative(s.changedAt)}
                {s.actorName ? ` · ${s.actorName}` : ''}
              </Text>
              {s.reason && (
                <Text size="sm" mt={4}>
                  Reason: {s.reason}
                </Text>
              )}
            </Timeline.Item>
          );
        }
        const t = item.task;
        const overdue = t.status === 'open' && isOverdue(t.dueOn);
        return (
          <Timeline.Item
            key={item.id}
            bullet={
              <ThemeIcon size={28} radius="xl" variant="light" color={overdue ? 'red' : 'orange'}>
                <IconChecklist size={15} />
              </ThemeIcon>
            }
            title={
              <Text size="sm" fw={600}>
                {t.title}
              </Text>
            }
          >
            <Box {...clickableProps(() => openTask(t.id), `Open task ${t.title}`)} p={4} m={-4} data-testid="timeline-task">
              <Text size="xs" c={overdue ? 'red' : 'dimmed'} mt={2}>
                Task · {t.dueOn ? `due ${formatDate(t.dueOn)}` : 'no due date'}
                {t.assignee ? ` · ${t.assignee.name}` : ''}
              </Text>
            </Box>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
