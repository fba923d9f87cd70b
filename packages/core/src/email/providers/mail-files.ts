import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

// Reading mbox files without holding them in memory: a Google Takeout export can be gigabytes. Messages
// are found by one streaming pass over the lines, remembered as byte ranges, and read back by offset.

const LF = 0x0a;
const CR = 0x0d;
const FROM_LINE = Buffer.from('From ');

export interface MessageSpan {
  /** Byte offset of the message's first header line (after the mbox "From " line). */
  start: number;
  /** Byte offset just past the message (the next "From " line, or the end of the file). */
  end: number;
  /** The "From " separator line (mbox only), e.g. "From 1234@xxx Tue Mar 04 10:00:00 +0000 2031". */
  fromLine: string | null;
  /** The header block as stored (still mbox-quoted), up to the blank line. */
  headers: Buffer;
}

interface Line {
  offset: number;
  /** Without its line end. */
  bytes: Buffer;
  /** With its line end. */
  raw: Buffer;
  /** Offset just past the line end. */
  next: number;
}

async function* linesOf(path: string): AsyncGenerator<Line> {
  let pending = Buffer.alloc(0);
  let pendingOffset = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const data = pending.length > 0 ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    let lineStart = 0;
    for (let at = data.indexOf(LF); at >= 0; at = data.indexOf(LF, lineStart)) {
      const end = at > lineStart && data[at - 1] === CR ? at - 1 : at;
      yield { offset: pendingOffset + lineStart, bytes: data.subarray(lineStart, end), raw: data.subarray(lineStart, at + 1), next: pendingOffset + at + 1 };
      lineStart = at + 1;
    }
    pending = Buffer.from(data.subarray(lineStart));
    pendingOffset += lineStart;
  }
  if (pending.length > 0) yield { offset: pendingOffset, bytes: pending, raw: pending, next: pendingOffset + pending.length };
}

const isBlank = (line: Buffer) => line.length === 0;
const startsWithFrom = (line: Buffer) => line.length >= FROM_LINE.length && line.subarray(0, FROM_LINE.length).equals(FROM_LINE);

/** Whether the file is an mbox (its first line is a "From " separator) rather than one message (.eml). */
export async function isMbox(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(5);
    const { bytesRead } = await handle.read(head, 0, 5, 0);
    return bytesRead === 5 && head.equals(FROM_LINE);
  } finally {
    await handle.close();
  }
}

/**
 * The messages of an mbox (mboxo or mboxrd, LF or CRLF), in file order. A "From " line starts a message
 * when it opens the file or follows a blank line: a body line that happens to start with "From " (unescaped
 * by a careless writer) mid-paragraph is not mistaken for a separator.
 */
export async function* mboxSpans(path: string): AsyncGenerator<MessageSpan> {
  let current: Omit<MessageSpan, 'headers' | 'end'> | null = null;
  let headerLines: Buffer[] = [];
  let inHeaders = false;
  let previousBlank = true;
  let lastEnd = 0;
  for await (const line of linesOf(path)) {
    if (previousBlank && startsWithFrom(line.bytes)) {
      if (current) yield { ...current, end: line.offset, headers: Buffer.concat(headerLines) };
      current = { start: line.next, fromLine: line.bytes.toString('latin1') };
      headerLines = [];
      inHeaders = true;
      previousBlank = false;
      lastEnd = line.next;
      continue;
    }
    previousBlank = isBlank(line.bytes);
    if (inHeaders) {
      // Copied: the line is a view of the read buffer, which the next chunk replaces.
      if (previousBlank) inHeaders = false;
      else headerLines.push(Buffer.from(line.raw));
    }
    lastEnd = line.next;
  }
  if (current) yield { ...current, end: lastEnd, headers: Buffer.concat(headerLines) };
}

/** Bytes [start, end) of a file. */
export async function readRange(path: string, start: number, end: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.max(0, end - start));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, start + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/**
 * A message as stored in an mbox, back to what was sent: the separator's blank line dropped, and one ">"
 * taken off every ">From " / ">>From " line (mboxrd quoting; mboxo quoted only "From ", which reads the same).
 */
export function unquoteMboxMessage(stored: Buffer): Buffer {
  let text = stored.toString('latin1');
  text = text.replace(/(^|\n)>(>*From )/g, '$1$2');
  // The blank line that separated it from the next message is the mbox's, not the message's.
  if (text.endsWith('\r\n\r\n')) text = text.slice(0, -2);
  else if (text.endsWith('\n\n')) text = text.slice(0, -1);
  return Buffer.from(text, 'latin1');
}

/** The header block of a message: up to and including the line end before the first blank line. */
export function headerBlockOf(message: Buffer): Buffer {
  const lf = message.indexOf('\n\n');
  const crlf = message.indexOf('\r\n\r\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return message.subarray(0, crlf + 2);
  if (lf >= 0) return message.subarray(0, lf + 1);
  return message;
}

/** The unfolded value of the first header with this name, or null. */
export function headerValue(headers: Buffer, name: string): string | null {
  const unfolded = headers.toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  const wanted = `${name.toLowerCase()}:`;
  for (const line of unfolded.split(/\r?\n/)) {
    if (line.toLowerCase().startsWith(wanted)) return line.slice(wanted.length).trim();
  }
  return null;
}
