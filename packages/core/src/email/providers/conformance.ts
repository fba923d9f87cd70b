import { randomBytes } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMessage, type TestMessage } from '../testing/messages.js';
import type { FolderCursor, MailboxConnection, MailProvider, MailSession, MessageEnvelope, RawMessage } from './types.js';

// The suite every mail provider passes (IMAP against Dovecot, Gmail against recorded responses, mbox files):
// the sync in core/email/sync.ts relies on exactly these behaviours and nothing provider-specific.

export interface ConformanceSetup {
  provider: MailProvider;
  /** Where the provider connects; read after addMessages so file-based providers can list what was added. */
  connection: () => MailboxConnection;
  /** The name the provider uses for the inbox (IMAP INBOX, Gmail INBOX, the mbox file's folder name). */
  inbox: string;
  /** Put messages into a folder, in this order (the first is the oldest). */
  addMessages(folder: string, raws: readonly Buffer[]): Promise<void>;
  /** Release what setup started (a server, files). */
  teardown?(): Promise<void>;
}

export interface ConformanceOptions {
  /** A reason to skip the whole suite (e.g. Dovecot is not installed), or null to run it. */
  skip?: string | null;
}

async function collect(batches: AsyncIterable<MessageEnvelope[]>): Promise<MessageEnvelope[]> {
  const all: MessageEnvelope[] = [];
  for await (const batch of batches) all.push(...batch);
  return all;
}

async function collectSources(sources: AsyncIterable<RawMessage>): Promise<RawMessage[]> {
  const all: RawMessage[] = [];
  for await (const message of sources) all.push(message);
  return all;
}

async function headerFacts(envelope: MessageEnvelope): Promise<{ messageId: string | undefined; subject: string | undefined }> {
  const parsed = await simpleParser(Buffer.concat([envelope.headers, Buffer.from('\r\n')]));
  return { messageId: parsed.messageId?.replace(/^<|>$/g, ''), subject: parsed.subject };
}

export function describeProviderConformance(name: string, setup: () => Promise<ConformanceSetup>, options: ConformanceOptions = {}): void {
  const suite = options.skip ? describe.skip : describe;
  suite(`mail provider conformance: ${name}${options.skip ? ` (skipped: ${options.skip})` : ''}`, () => {
    const run = randomBytes(4).toString('hex');
    const fixture = (n: number, extra: Partial<TestMessage> = {}): TestMessage => ({
      messageId: `conformance-${run}-${n}@test.lpdesk`,
      from: `Sender ${n} <sender${n}@lp.example>`,
      to: ['partner@fund.example'],
      subject: `Conformance ${run} #${n}`,
      date: `2030-01-0${n}T10:00:00.000Z`,
      text: `Body ${n}`,
      ...extra,
    });
    const attachment = { filename: 'term-sheet.pdf', contentType: 'application/pdf', content: Buffer.from(`%PDF-1.4 conformance ${run}`) };
    let env: ConformanceSetup;
    let session: MailSession;
    let firstCursor: FolderCursor;
    let firstEnvelopes: MessageEnvelope[] = [];

    beforeAll(async () => {
      env = await setup();
      await env.addMessages(env.inbox, [buildMessage(fixture(1)), buildMessage(fixture(2, { attachments: [attachment] })), buildMessage(fixture(3))]);
      session = await env.provider.open(env.connection());
    }, 60_000);

    afterAll(async () => {
      await session?.close();
      await env?.teardown?.();
    }, 30_000);

    it('lists the inbox among its folders', async () => {
      expect(await session.folders()).toContain(env.inbox);
    });

    it('lists every message on the first sync, oldest first, with headers that parse', async () => {
      const changes = await session.changes(env.inbox, null);
      firstEnvelopes = await collect(changes.batches);
      firstCursor = changes.cursor;
      const facts = await Promise.all(firstEnvelopes.map(headerFacts));
      expect(facts.map((f) => f.messageId)).toEqual([1, 2, 3].map((n) => `conformance-${run}-${n}@test.lpdesk`));
      expect(facts.map((f) => f.subject)).toEqual([1, 2, 3].map((n) => `Conformance ${run} #${n}`));
      expect(new Set(firstEnvelopes.map((e) => e.locator)).size).toBe(3);
      for (const envelope of firstEnvelopes) expect(envelope.folder).toBe(env.inbox);
      expect(changes.cursor.folder).toBe(env.inbox);
    });

    it('lists only new messages after the cursor', async () => {
      await env.addMessages(env.inbox, [buildMessage(fixture(4)), buildMessage(fixture(5))]);
      const reopened = await env.provider.open(env.connection());
      try {
        const changes = await reopened.changes(env.inbox, firstCursor);
        expect(changes.reset).toBe(false);
        const facts = await Promise.all((await collect(changes.batches)).map(headerFacts));
        expect(facts.map((f) => f.messageId)).toEqual([4, 5].map((n) => `conformance-${run}-${n}@test.lpdesk`));
        const again = await reopened.changes(env.inbox, changes.cursor);
        expect(await collect(again.batches)).toEqual([]);
      } finally {
        await reopened.close();
      }
    });

    it('gives the exact message, attachment included, for a locator', async () => {
      const withAttachment = firstEnvelopes[1];
      if (!withAttachment) throw new Error('the first sync listed no second message');
      const sources = await collectSources(session.sources(env.inbox, [withAttachment.locator]));
      expect(sources.map((s) => s.locator)).toEqual([withAttachment.locator]);
      const source = sources[0]?.source ?? Buffer.alloc(0);
      const parsed = await simpleParser(source);
      expect(parsed.messageId).toBe(`<conformance-${run}-2@test.lpdesk>`);
      expect(parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([[attachment.filename, attachment.content.toString()]]);
    });

    it('closes more than once without throwing', async () => {
      const extra = await env.provider.open(env.connection());
      await extra.close();
      await expect(extra.close()).resolves.toBeUndefined();
    });
  });
}
