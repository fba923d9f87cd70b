import { Badge } from '@mantine/core';
import { IconMailForward, IconMailOpened } from '@tabler/icons-react';
import type { EmailDirection } from '@lpdesk/contracts';

/** Captured email reads from the team's side: "sent" by a team mailbox or "received" by one. */
export function EmailDirectionBadge({ direction }: { direction: EmailDirection }) {
  const outbound = direction === 'outbound';
  return (
    <Badge size="xs" variant="light" color={outbound ? 'teal' : 'blue'} style={{ flexShrink: 0 }} data-testid="email-direction">
      {outbound ? 'sent' : 'received'}
    </Badge>
  );
}

/** The icon of a captured email on timelines and feeds: a mail going out or an opened one coming in. */
export function emailDirectionIcon(direction: EmailDirection): typeof IconMailForward {
  return direction === 'outbound' ? IconMailForward : IconMailOpened;
}
