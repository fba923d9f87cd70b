import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { EMAIL_DEFAULTS } from '@lpdesk/contracts';
import { headerBlockOf, headerValue, isMbox, type MessageSpan, mboxSpans, readRange, unquoteMboxMessage } from './mail-files.js';
import { type FolderChanges, type FolderCursor, type MailboxConnection, type MailProvider, type MailSession, MailSourceError, type MessageEnvelope, type RawMessage } from './types.js';

// One-off imports of .mbox files (e.g. a Google Takeout export) and .eml files. Each file is a folder named
// by its base name; a message's locator is its byte range in the file, so sources() reads only what the
// pipeline keeps. Re-importing relies on the pipeline's Message-ID de-duplication; the cursor only lets a
// file that grew since the last import skip what was already handed over.

interface MailFile {
  path: string;
  folder: string;
  size: number;
  mbox: boolean;
}

const locatorOf = (span: { start: number; end: number }) => `${span.start}-${span.end}`;

function parseLocator(locator: string): { start: number; end: number } {
  const match = /^(\d+)-(\d+)$/.exec(locator);
  if (!match) throw new MailSourceError(`Not a position in a mail file: ${locator}`, 'not_found');
  return { start: Number(match[1]), end: Number(match[2]) };
}

/** "From sender Tue Mar 04 10:00:00 +0000 2031" → the date, when it reads as one. */
function separatorDate(fromLine: string | null): string | null {
  const rest = fromLine?.replace(/^From \S+\s+/, '');
  if (!rest) return null;
  const date = new Date(rest);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Gmail's labels, as Takeout writes them: comma-separated, some quoted. */
function gmailLabels(headers: Buffer): string[] {
  const value = headerValue(headers, 'X-Gmail-Labels');
  if (!value) return [];
  return (value.match(/"[^"]*"|[^,]+/g) ?? []).map((label) => label.replace(/^"|"$/g, '').trim()).filter(Boolean);
}

function envelopeOf(file: MailFile, span: MessageSpan): MessageEnvelope {
  const headers = file.mbox ? unquoteMboxMessage(span.headers) : span.headers;
  const labels = gmailLabels(headers);
  return {
    locator: locatorOf(span),
    folder: file.folder,
    headers,
    providerThreadId: headerValue(headers, 'X-GM-THRID'),
    receivedAt: separatorDate(span.fromLine),
    size: span.end - span.start,
    ...(labels.includes('Sent') ? { isSent: true } : {}),
  };
}

const PRINT_BYTES = 64 * 1024;

/**
 * What identifies the file's content: a hash of its first bytes, with how many were hashed
 * ("<length>.<hash>"). A file that only grew (appended mail) still starts with those bytes and keeps its
 * identity; another file under the same name does not, and is read from the start.
 */
async function fingerprint(file: MailFile, length = Math.min(file.size, PRINT_BYTES)): Promise<string> {
  const hash = createHash('sha256').update(await readRange(file.path, 0, length)).digest('base64url').slice(0, 22);
  return `${length}.${hash}`;
}

async function sameFile(file: MailFile, print: string | null): Promise<boolean> {
  const length = Number(print?.split('.')[0]);
  if (!print || !Number.isInteger(length) || length > file.size) return false;
  return (await fingerprint(file, length)) === print;
}

async function* spansOf(file: MailFile): AsyncGenerator<MessageSpan> {
  if (file.mbox) {
    yield* mboxSpans(file.path);
    return;
  }
  const whole = await readRange(file.path, 0, file.size);
  yield { start: 0, end: file.size, fromLine: null, headers: headerBlockOf(whole) };
}

async function* batchesOf(file: MailFile, skip: number, counted: { handled: number }): AsyncGenerator<MessageEnvelope[]> {
  let batch: MessageEnvelope[] = [];
  let index = 0;
  for await (const span of spansOf(file)) {
    index += 1;
    if (index <= skip) continue;
    batch.push(envelopeOf(file, span));
    counted.handled = index;
    if (batch.length >= EMAIL_DEFAULTS.batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

class MboxSession implements MailSession {
  constructor(private readonly files: MailFile[]) {}

  async folders(): Promise<string[]> {
    return this.files.map((file) => file.folder);
  }

  async sentFolder(): Promise<string | null> {
    // Sent mail is marked per message (isSent), from Gmail's labels.
    return null;
  }

  private file(folder: string): MailFile {
    const file = this.files.find((f) => f.folder === folder);
    if (!file) throw new MailSourceError(`No mail file ${folder} in this import`, 'not_found');
    return file;
  }

  async changes(folder: string, cursor: FolderCursor | null): Promise<FolderChanges> {
    const file = this.file(folder);
    const same = cursor !== null && (await sameFile(file, cursor.uidValidity));
    const reset = cursor !== null && cursor.uidValidity !== null && !same;
    // The identity stays what it was while the file only grows: sightings keep matching their folder.
    const print = same && cursor?.uidValidity ? cursor.uidValidity : await fingerprint(file);
    const skip = same && cursor ? cursor.lastUid : 0;
    const counted = { handled: skip };
    const result: FolderChanges = {
      reset,
      batches: batchesOf(file, skip, counted),
      // Read once the batches are drained: by then it counts every message of the file.
      get cursor(): FolderCursor {
        return { folder, uidValidity: print, lastUid: counted.handled, historyId: null };
      },
    };
    return result;
  }

  async *sources(folder: string, locators: readonly string[]): AsyncIterable<RawMessage> {
    const file = this.file(folder);
    for (const locator of locators) {
      const { start, end } = parseLocator(locator);
      if (end > file.size || start > end) throw new MailSourceError(`${folder} has no message at ${locator}`, 'not_found');
      const stored = await readRange(file.path, start, end);
      yield { locator, source: file.mbox ? unquoteMboxMessage(stored) : stored };
    }
  }

  async close(): Promise<void> {}
}

async function openFile(path: string): Promise<MailFile> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new MailSourceError(`${path} is not a file`, 'not_found');
    return { path, folder: basename(path), size: info.size, mbox: info.size > 0 && (await isMbox(path)) };
  } catch (error) {
    if (error instanceof MailSourceError) throw error;
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    throw new MailSourceError(code === 'ENOENT' ? `No such file: ${path}` : `Cannot read ${path} (${code || String(error)})`, 'not_found', { cause: error });
  }
}

export const mboxProvider: MailProvider = {
  kind: 'mbox',
  async open(connection: MailboxConnection): Promise<MailSession> {
    if (connection.kind !== 'mbox') throw new Error(`The mbox provider cannot open a ${connection.kind} mailbox`);
    const files = await Promise.all(connection.files.map(openFile));
    const names = new Set(files.map((f) => f.folder));
    if (names.size !== files.length) throw new MailSourceError('Two files with the same name in one import: import them one at a time', 'protocol');
    return new MboxSession(files);
  },
};
