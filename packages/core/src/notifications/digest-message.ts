import type { OutgoingEmail } from './mailer.js';

export interface DigestContent {
  to: string;
  name: string;
  day: string;
  tasks: { title: string; dueOn: string }[];
  /** How many tasks are due or overdue in all (the list may be cut). */
  taskTotal: number;
  notifications: { text: string }[];
  notificationTotal: number;
  publicUrl: string | undefined;
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function taskLine(task: DigestContent['tasks'][number], day: string): string {
  return task.dueOn === day ? `Due today: ${task.title}` : `Overdue (due ${task.dueOn}): ${task.title}`;
}

/** A plain-text digest with a simple HTML twin: tasks first (what to do today), then what happened. */
export function composeDigest(content: DigestContent): OutgoingEmail {
  const parts = [
    ...(content.taskTotal > 0 ? [plural(content.taskTotal, 'task') + ' due'] : []),
    ...(content.notificationTotal > 0 ? [plural(content.notificationTotal, 'unread notification')] : []),
  ];
  const subject = `LP Desk for ${content.day}: ${parts.join(', ')}`;
  const sections: { heading: string; lines: string[]; more: number }[] = [];
  if (content.taskTotal > 0)
    sections.push({
      heading: `Tasks due or overdue (${content.taskTotal})`,
      lines: content.tasks.map((t) => taskLine(t, content.day)),
      more: content.taskTotal - content.tasks.length,
    });
  if (content.notificationTotal > 0)
    sections.push({
      heading: `Unread notifications (${content.notificationTotal})`,
      lines: content.notifications.map((n) => n.text),
      more: content.notificationTotal - content.notifications.length,
    });
  const footer = 'You get this email once a day. Turn it off in LP Desk under Settings → Profile.';
  const text = [
    `Hello ${content.name},`,
    '',
    ...sections.flatMap((s) => [s.heading, ...s.lines.map((line) => `- ${line}`), ...(s.more > 0 ? [`- and ${s.more} more`] : []), '']),
    ...(content.publicUrl ? [`Open LP Desk: ${content.publicUrl}`, ''] : []),
    footer,
    '',
  ].join('\n');
  const html = [
    `<p>Hello ${escapeHtml(content.name)},</p>`,
    ...sections.map(
      (s) =>
        `<h3>${escapeHtml(s.heading)}</h3><ul>${[...s.lines.map(escapeHtml), ...(s.more > 0 ? [`and ${s.more} more`] : [])].map((line) => `<li>${line}</li>`).join('')}</ul>`,
    ),
    ...(content.publicUrl ? [`<p><a href="${escapeHtml(content.publicUrl)}">Open LP Desk</a></p>`] : []),
    `<p style="color:#666;font-size:12px">${escapeHtml(footer)}</p>`,
  ].join('\n');
  return { to: content.to, subject, text, html };
}
