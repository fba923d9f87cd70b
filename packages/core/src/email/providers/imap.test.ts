import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMessage } from '../testing/messages.js';
import { type Dovecot, dovecotSkipReason, startDovecot } from '../testing/dovecot.js';
import { describeProviderConformance } from './conformance.js';
import { createImapProvider, uidSet } from './imap.js';
import { providerFor } from './index.js';
import { type MailboxConnection, MailSourceError, type MessageEnvelope } from './types.js';

const skip = dovecotSkipReason();
const provider = createImapProvider({ connectTimeoutMs: 3000 });

function imapConnection(dovecot: Dovecot, username: string, password: string, folders: string[] | null = null): Extract<MailboxConnection, { kind: 'imap' }> {
  return { kind: 'imap', host: dovecot.host, port: dovecot.port, secure: false, username, password, folders, allowUntrustedCertificate: false };
}

async function all(batches: AsyncIterable<MessageEnvelope[]>): Promise<MessageEnvelope[]> {
  const out: MessageEnvelope[] = [];
  for await (const batch of batches) out.push(...batch);
  return out;
}

describeProviderConformance(
  'imap (Dovecot)',
  async () => {
    const dovecot = await startDovecot();
    await dovecot.addUser('conformance', 'secret');
    return {
      provider,
      connection: () => imapConnection(dovecot, 'conformance', 'secret'),
      inbox: 'INBOX',
      addMessages: async (folder, raws) => {
        for (const raw of raws) await dovecot.append('conformance', folder, raw);
      },
      teardown: () => dovecot.stop(),
    };
  },
  { skip },
);

describe('uidSet', () => {
  it('compresses runs of UIDs', () => {
    expect(uidSet([5, 1, 2, 3, 7, 9, 10])).toBe('1:3,5,7,9:10');
    expect(uidSet([4])).toBe('4');
  });
});

describe.skipIf(skip !== null)(`imap provider against Dovecot${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let dovecot: Dovecot;
  beforeAll(async () => {
    dovecot = await startDovecot();
    await dovecot.addUser('partner', 'right');
  }, 30_000);
  afterAll(async () => {
    await dovecot?.stop();
  });

  it('is the provider for imap mailboxes', () => {
    expect(providerFor('imap').kind).toBe('imap');
  });

  it('rejects a closed port as unreachable', async () => {
    const error = await provider.open({ ...imapConnection(dovecot, 'partner', 'right'), port: 1 }).catch((e: unknown) => e);
    expect(error instanceof MailSourceError && error.reason).toBe('unreachable');
  });

  it('syncs the inbox and the \\Sent folder by default, and configured folders when set', async () => {
    const session = await provider.open(imapConnection(dovecot, 'partner', 'right'));
    try {
      expect(await session.folders()).toEqual(['INBOX', 'Sent']);
      expect(await session.sentFolder()).toBe('Sent');
    } finally {
      await session.close();
    }
    const configured = await provider.open(imapConnection(dovecot, 'partner', 'right', ['Sent']));
    expect(await configured.folders()).toEqual(['Sent']);
    await configured.close();
  });

  it('starts again from UID 1 when UIDVALIDITY changes', async () => {
    await dovecot.append('partner', 'Sent', buildMessage({ messageId: 'sent-1@test.lpdesk', from: 'partner@fund.example', to: ['lp@lp.example'], subject: 'One', date: '2030-02-01T09:00:00.000Z' }));
    await dovecot.append('partner', 'Sent', buildMessage({ messageId: 'sent-2@test.lpdesk', from: 'partner@fund.example', to: ['lp@lp.example'], subject: 'Two', date: '2030-02-02T09:00:00.000Z' }));
    const session = await provider.open(imapConnection(dovecot, 'partner', 'right'));
    try {
      const first = await session.changes('Sent', null);
      expect((await all(first.batches)).map((e) => e.locator)).toEqual(['1', '2']);
      expect(first.cursor).toMatchObject({ folder: 'Sent', lastUid: 2, uidValidity: await dovecot.uidValidity('partner', 'Sent') });
      const idle = await session.changes('Sent', first.cursor);
      expect(idle.reset).toBe(false);
      expect(await all(idle.batches)).toEqual([]);
      expect(idle.cursor.lastUid).toBe(2);

      await dovecot.resetUidValidity('partner', 'Sent');
      const after = await session.changes('Sent', first.cursor);
      expect(after.reset).toBe(true);
      expect(after.cursor.uidValidity).not.toBe(first.cursor.uidValidity);
      const envelopes = await all(after.batches);
      expect(envelopes).toHaveLength(2);
      expect(envelopes.map((e) => e.headers.toString()).every((h) => /Message-ID: <sent-\d@test\.lpdesk>/.test(h))).toBe(true);
    } finally {
      await session.close();
    }
  });

  it('hands out headers in batches, with the received time and size', async () => {
    await dovecot.addUser('batches', 'pw');
    for (let n = 1; n <= 5; n++) {
      await dovecot.append('batches', 'INBOX', buildMessage({ from: 'a@lp.example', to: ['b@fund.example'], subject: `B${n}`, date: '2030-03-01T09:00:00.000Z' }), [], new Date(`2020-03-0${n}T09:00:00.000Z`));
    }
    const session = await createImapProvider({ batchSize: 2 }).open(imapConnection(dovecot, 'batches', 'pw'));
    try {
      const changes = await session.changes('INBOX', null);
      const sizes: number[] = [];
      const received: (string | null | undefined)[] = [];
      for await (const batch of changes.batches) {
        sizes.push(batch.length);
        received.push(...batch.map((e) => e.receivedAt));
        for (const e of batch) expect(e.size).toBeGreaterThan(100);
      }
      expect(sizes).toEqual([2, 2, 1]);
      expect(received[0]).toBe('2020-03-01T09:00:00.000Z');
      expect(changes.cursor.lastUid).toBe(5);
    } finally {
      await session.close();
    }
  });

  it('lists messages delivered straight into the Maildir (the bench fills Dovecot that way)', async () => {
    await dovecot.addUser('delivered', 'pw');
    await dovecot.deliver('delivered', 'INBOX', [1, 2, 3].map((n) => buildMessage({ messageId: `delivered-${n}@test.lpdesk`, from: 'a@lp.example', to: ['b@fund.example'], subject: `D${n}`, date: '2030-03-01T09:00:00.000Z' })));
    const session = await provider.open(imapConnection(dovecot, 'delivered', 'pw'));
    try {
      const envelopes = await all((await session.changes('INBOX', null)).batches);
      expect(envelopes.map((e) => /Message-ID: <(delivered-\d)@/.exec(e.headers.toString())?.[1]).sort()).toEqual(['delivered-1', 'delivered-2', 'delivered-3']);
    } finally {
      await session.close();
    }
  });

  it('resolves waitForNews when a message arrives during IDLE, and on abort', async () => {
    await dovecot.addUser('idler', 'pw');
    const session = await provider.open(imapConnection(dovecot, 'idler', 'pw'));
    try {
      const controller = new AbortController();
      let woke = false;
      const waiting = session.waitForNews?.('INBOX', controller.signal).then(() => {
        woke = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(woke).toBe(false);
      await dovecot.append('idler', 'INBOX', buildMessage({ from: 'a@lp.example', to: ['idler@fund.example'], subject: 'News', date: '2030-03-01T09:00:00.000Z' }));
      await waiting;
      expect(woke).toBe(true);

      const aborter = new AbortController();
      const aborted = session.waitForNews?.('INBOX', aborter.signal);
      setTimeout(() => aborter.abort(), 200);
      await expect(aborted).resolves.toBeUndefined();
    } finally {
      await session.close();
    }
  }, 20_000);
  // Last: Dovecot delays the next logins from an address after a failed one (auth penalty).
  it('rejects a wrong password as an auth failure', async () => {
    const error = await provider.open(imapConnection(dovecot, 'partner', 'wrong')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailSourceError);
    expect(error instanceof MailSourceError && error.reason).toBe('auth');
  });
});
