import { randomBytes } from 'node:crypto';

// Test fixtures: RFC 5322 messages built from a few fields, the same bytes for every provider's tests.

export interface TestAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface TestMessage {
  /** Without angle brackets. */
  messageId?: string | null;
  from: string;
  to: string[];
  cc?: string[];
  subject: string;
  /** ISO 8601; written as an RFC 5322 date. */
  date: string;
  inReplyTo?: string;
  references?: string[];
  text?: string;
  html?: string;
  attachments?: TestAttachment[];
  /** Extra header lines, e.g. ['X-Custom: 1']. */
  headers?: string[];
}

function rfc5322Date(iso: string): string {
  return new Date(iso).toUTCString().replace('GMT', '+0000');
}

function base64Lines(content: Buffer): string {
  return (content.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

/** A multipart message when it has HTML or attachments, else a plain one; CRLF line ends throughout. */
export function buildMessage(message: TestMessage): Buffer {
  const lines: string[] = [];
  if (message.messageId !== null) lines.push(`Message-ID: <${message.messageId ?? `${randomBytes(8).toString('hex')}@test.lpdesk`}>`);
  lines.push(`Date: ${rfc5322Date(message.date)}`, `From: ${message.from}`, `To: ${message.to.join(', ')}`);
  if (message.cc && message.cc.length > 0) lines.push(`Cc: ${message.cc.join(', ')}`);
  lines.push(`Subject: ${message.subject}`);
  if (message.inReplyTo) lines.push(`In-Reply-To: <${message.inReplyTo}>`);
  if (message.references && message.references.length > 0) lines.push(`References: ${message.references.map((id) => `<${id}>`).join(' ')}`);
  lines.push('MIME-Version: 1.0', ...(message.headers ?? []));
  const text = message.text ?? '';
  const attachments = message.attachments ?? [];
  if (!message.html && attachments.length === 0) {
    lines.push('Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', text);
    return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
  }
  const boundary = `b-${randomBytes(6).toString('hex')}`;
  lines.push(`Content-Type: multipart/mixed; boundary="${boundary}"`, '');
  const alt = `a-${randomBytes(6).toString('hex')}`;
  lines.push(`--${boundary}`, `Content-Type: multipart/alternative; boundary="${alt}"`, '');
  lines.push(`--${alt}`, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', text);
  if (message.html) lines.push(`--${alt}`, 'Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', message.html);
  lines.push(`--${alt}--`);
  for (const attachment of attachments) {
    lines.push(
      `--${boundary}`,
      `Content-Type: ${attachment.contentType}; name="${attachment.filename}"`,
      `Content-Disposition: attachment; filename="${attachment.filename}"`,
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(attachment.content),
    );
  }
  lines.push(`--${boundary}--`, '');
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

/** The header block of a built message (what a provider's envelope carries). */
export function headerBlock(source: Buffer): Buffer {
  const end = source.indexOf('\r\n\r\n');
  return end < 0 ? source : source.subarray(0, end + 2);
}
