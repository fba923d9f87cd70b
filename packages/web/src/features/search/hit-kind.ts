import { IconCalendarEvent, IconMail, IconMessage, IconNote, IconNotebook, IconPhone } from '@tabler/icons-react';
import { teamTimeZone } from '../../ui/team-time';
import type { RetrievalHit } from './search-api';

/**
 * Icon, colour and word per communication kind, as the feed and timelines show them
 * (communication-item's KIND_COLOR, timeline-view's COMMUNICATION_ICON). Repeated here because the
 * palette is part of the app shell: importing those modules would pull the Markdown renderer into the
 * first download.
 */
const KINDS: Record<string, { Icon: typeof IconNote; color: string; label: string }> = {
  call: { Icon: IconPhone, color: 'blue', label: 'Call' },
  meeting: { Icon: IconCalendarEvent, color: 'violet', label: 'Meeting' },
  email: { Icon: IconMail, color: 'cyan', label: 'Email' },
  note: { Icon: IconNote, color: 'gray', label: 'Note' },
  text: { Icon: IconMessage, color: 'teal', label: 'Text' },
};

/** A hit's look: its communication kind, a captured email, or a notes-log line / notes field. */
export function hitKind(hit: Pick<RetrievalHit, 'sourceType' | 'kind'>) {
  if (hit.sourceType === 'note') return { Icon: IconNotebook, color: 'yellow', label: 'Notes' };
  if (hit.sourceType === 'email') return KINDS.email!;
  return KINDS[hit.kind] ?? { Icon: IconNote, color: 'gray', label: 'Communication' };
}

/** When it was said, as a date in the team's zone (the server's "today" is the team's too). */
export function formatEventDate(iso: string | null): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat('en-US', { timeZone: teamTimeZone(), month: 'short', day: 'numeric', year: 'numeric' }).format(date);
}
