import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MailSettings } from '../config/mail.js';
import { systemActor, type Actor } from '../kernel/actor.js';
import { ManualClock } from '../kernel/clock.js';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';
import { sendDailyDigests } from './digest.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on a free local port, keeping every message it is given. */
async function startSmtpServer(options: { failFor?: string } = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    hideSTARTTLS: true,
    disableReverseLookup: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.failFor && address.address === options.failFor) return callback(new Error('mailbox unavailable'));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { received, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The plain-text part of a message as nodemailer writes it (multipart/alternative, quoted-printable). */
function plainTextOf(raw: string): string {
  const part = raw.split(/\r?\n--/).find((chunk) => /content-type: text\/plain/i.test(chunk));
  if (!part) throw new Error(`no text/plain part in:\n${raw}`);
  const body = part
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('\n\n');
  if (!/quoted-printable/i.test(part)) return body.replace(/\r\n/g, '\n');
  const softBreaksJoined = body.replace(/=\r?\n/g, '');
  return Buffer.from(
    softBreaksJoined.replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    'latin1',
  )
    .toString('utf8')
    .replace(/\r\n/g, '\n');
}

const header = (raw: string, name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(raw)?.[1]?.trim();

describe.each(testDialects())('daily digest email on %s', (dialect) => {
  let core: TestCore;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  // 06:30 in New York on Friday 14 March 2031: before the 7 o'clock digest hour.
  const clock = new ManualClock('2031-03-14T10:30:00.000Z');
  let serial = 0;

  beforeAll(async () => {
    smtp = await startSmtpServer({ failFor: 'bounce@fund.example.com' });
    const mail: MailSettings = {
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false },
      from: 'LP Desk <lpdesk@fund.example.com>',
      digestHour: 7,
      publicUrl: 'https://crm.fund.example.com',
    };
    core = await openTestCore(dialect, { clock, settings: { timeZone: 'America/New_York', mail } });
  });
  afterAll(async () => {
    await core.dispose();
    await smtp.close();
  });
  beforeEach(async () => {
    smtp.received.length = 0;
    clock.set('2031-03-14T10:30:00.000Z');
    // Each test starts with the others' digests out of the way: only its own users have anything to say.
    await core.db.updateTable('tasks').set({ status: 'done' }).execute();
    await core.db.updateTable('notifications').set({ readAt: clock.now().toISOString() }).execute();
  });

  async function member(label: string, email: string | null): Promise<Actor & { userId: string }> {
    const username = `${label}${++serial}`;
    const user = await invoke(
      operations.access.createUser,
      { core, actor: systemActor('cli') },
      { username, password: 'a long enough password', role: 'member', fullName: `${label} Person`, ...(email ? { email } : {}) },
    );
    return { ...testActor({ kind: 'user', id: user.id, userId: user.id, role: 'member', name: username, door: 'http' }), userId: user.id };
  }
  const as = (actor: Actor) => ({ core, actor });

  it('sends each user with something to say one digest a day, from the digest hour, and never twice', async () => {
    const ana = await member('ana', 'ana@fund.example.com');
    const ben = await member('ben', 'ben@fund.example.com');
    await member('quiet', 'quiet@fund.example.com');
    await invoke(operations.tasks.create, as(ana), { title: 'Send the Q3 letter', dueOn: '2031-03-14', assigneeId: ben.userId });
    await invoke(operations.tasks.create, as(ben), { title: 'Call <Julia> & co', dueOn: '2031-03-10' });
    await invoke(operations.tasks.create, as(ben), { title: 'Next week', dueOn: '2031-03-20' });
    await core.dispatcher.drain();

    expect(await sendDailyDigests(core)).toMatchObject({ sent: 0, skipped: 'before the digest hour' });
    clock.set('2031-03-14T11:05:00.000Z');
    expect(await sendDailyDigests(core)).toEqual({ day: '2031-03-14', sent: 1 });
    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message?.to).toEqual(['ben@fund.example.com']);
    expect(message?.from).toBe('lpdesk@fund.example.com');
    expect(header(message?.raw ?? '', 'Subject')).toBe('LP Desk for 2031-03-14: 2 tasks due, 1 unread notification');
    expect(header(message?.raw ?? '', 'To')).toBe('ben@fund.example.com');
    const text = plainTextOf(message?.raw ?? '');
    expect(text).toContain('Hello ben Person,');
    expect(text).toContain('Tasks due or overdue (2)\n- Overdue (due 2031-03-10): Call <Julia> & co\n- Due today: Send the Q3 letter');
    expect(text).toContain('Unread notifications (1)\n- ana Person assigned you a task: Send the Q3 letter');
    expect(text).toContain('Open LP Desk: https://crm.fund.example.com');
    expect(text).not.toContain('Next week');
    expect(message?.raw).toMatch(/content-type: text\/html/i);

    // Later the same day, and after a restart (a fresh run), nobody hears twice.
    clock.set('2031-03-14T20:00:00.000Z');
    expect(await sendDailyDigests(core)).toEqual({ day: '2031-03-14', sent: 0 });
    expect(smtp.received).toHaveLength(1);
    // The next team-local day, it goes out again.
    clock.set('2031-03-15T12:00:00.000Z');
    expect(await sendDailyDigests(core)).toEqual({ day: '2031-03-15', sent: 1 });
    expect(smtp.received.map((m) => m.to)).toEqual([['ben@fund.example.com'], ['ben@fund.example.com']]);
  });

  it('skips users who opted out or have no address, and retries only those whose send failed', async () => {
    clock.set('2031-03-14T11:05:00.000Z');
    const boss = await member('boss', null);
    const optedOut = await member('opted', 'opted@fund.example.com');
    const bounce = await member('bounce', 'bounce@fund.example.com');
    const fine = await member('fine', 'fine@fund.example.com');
    await member('noaddress', null);
    for (const user of [optedOut, bounce, fine])
      await invoke(operations.tasks.create, as(boss), { title: 'Sign the side letter', dueOn: '2031-03-13', assigneeId: user.userId });
    await invoke(operations.notifications.updatePreferences, as(optedOut), { emailDigest: false });

    await expect(sendDailyDigests(core)).rejects.toThrow(/sent to 1, failed for 1: bounce\d+/);
    expect(smtp.received.map((m) => m.to)).toEqual([['fine@fund.example.com']]);
    await expect(sendDailyDigests(core)).rejects.toThrow(/sent to 0, failed for 1/);
    expect(smtp.received).toHaveLength(1);
  });

  it('sends nothing while email is not configured', async () => {
    const bare = await openTestCore(dialect, { clock });
    try {
      expect(await sendDailyDigests(bare)).toMatchObject({ sent: 0, skipped: 'email not configured' });
    } finally {
      await bare.dispose();
    }
  });
});
