import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

// A private Dovecot for tests and the bench: 127.0.0.1 on a free port, passwd-file users, Maildir in a temp
// dir, plaintext login without TLS (loopback only). Real IMAP, so the provider is tested against what it
// meets in production (UIDVALIDITY, IDLE, special-use folders), not against a mock.

export const DOVECOT_BINARY = '/usr/sbin/dovecot';

/** The folders the harness marks with a special-use flag (Dovecot configures them, not CREATE). */
const SPECIAL_USE: Record<string, string> = { Sent: '\\Sent', Drafts: '\\Drafts', Trash: '\\Trash' };

export function dovecotAvailable(): boolean {
  return existsSync(DOVECOT_BINARY);
}

/**
 * Why the real-IMAP tests do not run here, or null when they can. In CI (`CI=true`) a missing Dovecot is a
 * failure, not a skip: .ci/ensure-dovecot.sh installs it.
 */
export function dovecotSkipReason(): string | null {
  if (dovecotAvailable()) return null;
  if (process.env.CI === 'true') throw new Error(`Dovecot is required in CI (${DOVECOT_BINARY} missing): run .ci/ensure-dovecot.sh`);
  return `Dovecot is not installed (${DOVECOT_BINARY}); apt-get install dovecot-imapd to run the real-IMAP tests`;
}

export interface Dovecot {
  host: string;
  port: number;
  addUser(name: string, password: string): Promise<void>;
  /** APPEND a message; answers its UID. */
  append(user: string, folder: string, raw: Buffer, flags?: string[], internalDate?: Date): Promise<number>;
  /**
   * Drop messages straight into the folder's Maildir `new/` (no IMAP): Dovecot assigns UIDs at the next
   * SELECT. For the bench's thousands of messages; tests use append().
   */
  deliver(user: string, folder: string, raws: readonly Buffer[]): Promise<void>;
  createFolder(user: string, folder: string, specialUse?: string): Promise<void>;
  uidValidity(user: string, folder: string): Promise<string>;
  /** Give the folder a new UIDVALIDITY, keeping its messages (deleted, recreated, appended again). */
  resetUidValidity(user: string, folder: string): Promise<void>;
  /** An imapflow client logged in as the user (the caller logs out). */
  client(user: string): Promise<ImapFlow>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(data.toString().startsWith('* OK')));
    socket.connect(port, '127.0.0.1');
  });
}

function config(dir: string, port: number, user: { login: string; internal: string; mailUid: string | number; mailGid: string | number; firstUid: number }): string {
  const lines = [
    `base_dir = ${dir}/run`,
    `state_dir = ${dir}/state`,
    `log_path = ${dir}/dovecot.log`,
    'protocols = imap',
    'listen = 127.0.0.1',
    'ssl = no',
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    `default_login_user = ${user.login}`,
    `default_internal_user = ${user.internal}`,
    `first_valid_uid = ${user.firstUid}`,
    'mail_location = maildir:~/Maildir',
    // Throwaway mail: no fsync per APPEND (the bench appends thousands).
    'mail_fsync = never',
    'imap_idle_notify_interval = 1 secs',
    // The tests try wrong passwords on purpose; no penalty delay for the logins after them.
    'auth_failure_delay = 0 secs',
    'login_trusted_networks = 127.0.0.0/8',
    // Many test connections at once (the bench, parallel folders) from one address.
    'mail_max_userip_connections = 200',
    'passdb {',
    '  driver = passwd-file',
    // One passwd-file per user (the path has %u): a user added later needs no reload.
    `  args = scheme=PLAIN username_format=%u ${dir}/users/%u`,
    '}',
    'userdb {',
    '  driver = static',
    `  args = uid=${user.mailUid} gid=${user.mailGid} home=${dir}/mail/%u`,
    '}',
    'namespace inbox {',
    '  inbox = yes',
    '  separator = /',
    ...Object.entries(SPECIAL_USE).flatMap(([name, use]) => [`  mailbox ${name} {`, `    special_use = ${use}`, '  }']),
    '}',
    'service imap-login {',
    '  inet_listener imap {',
    '    address = 127.0.0.1',
    `    port = ${port}`,
    '  }',
    '  inet_listener imaps {',
    '    port = 0',
    '  }',
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

/** Start a private Dovecot; stop() ends it and removes its files. */
export async function startDovecot(): Promise<Dovecot> {
  const dir = await mkdtemp(join(tmpdir(), 'lpdesk-dovecot-'));
  // Dovecot's own users (dovenull, dovecot) must reach the files when it runs as root.
  await chmod(dir, 0o755);
  const asRoot = process.getuid?.() === 0;
  const me = userInfo();
  const mailUid = asRoot ? 'dovecot' : me.uid;
  const mailGid = asRoot ? 'dovecot' : me.gid;
  const account = asRoot ? { login: 'dovenull', internal: 'dovecot' } : { login: me.username, internal: me.username };
  await mkdir(join(dir, 'mail'), { mode: 0o755 });
  if (asRoot) await chownToDovecot(join(dir, 'mail'));
  await mkdir(join(dir, 'users'), { mode: 0o755 });
  const port = await freePort();
  const confPath = join(dir, 'dovecot.conf');
  await writeFile(confPath, config(dir, port, { ...account, mailUid, mailGid, firstUid: asRoot ? 100 : Math.min(100, me.uid) }));

  const child: ChildProcess = spawn(DOVECOT_BINARY, ['-F', '-c', confPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + 10_000;
  while (!(await greets(port))) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Dovecot did not start on 127.0.0.1:${port}: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  const passwords = new Map<string, string>();
  const client = async (user: string): Promise<ImapFlow> => {
    const password = passwords.get(user);
    if (password === undefined) throw new Error(`No Dovecot test user ${user}`);
    const flow = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false, disableAutoIdle: true });
    await flow.connect();
    return flow;
  };
  const withClient = async <T>(user: string, work: (flow: ImapFlow) => Promise<T>): Promise<T> => {
    const flow = await client(user);
    try {
      return await work(flow);
    } finally {
      await flow.logout().catch(() => flow.close());
    }
  };

  return {
    host: '127.0.0.1',
    port,
    async addUser(name, password) {
      passwords.set(name, password);
      if (!/^[A-Za-z0-9._@-]+$/.test(name)) throw new Error(`Unusable Dovecot test user name: ${name}`);
      await writeFile(join(dir, 'users', name), `${name}:{PLAIN}${password}::::::\n`, { mode: 0o644 });
      // INBOX and Sent (with \Sent) exist from the start, as on a real server.
      await withClient(name, async (flow) => {
        await flow.mailboxCreate('Sent').catch(() => undefined);
        await flow.mailboxSubscribe('Sent').catch(() => undefined);
      });
    },
    async append(user, folder, raw, flags = [], internalDate) {
      return withClient(user, async (flow) => {
        const result = await flow.append(folder, raw, flags, internalDate);
        if (!result || typeof result === 'boolean' || result.uid === undefined) throw new Error(`APPEND to ${folder} gave no UID`);
        return result.uid;
      });
    },
    async deliver(user, folder, raws) {
      const root = join(dir, 'mail', user, 'Maildir');
      const target = join(folder.toUpperCase() === 'INBOX' ? root : join(root, `.${folder.replaceAll('/', '.')}`), 'new');
      if (!existsSync(target)) throw new Error(`No Maildir for ${user} ${folder} (add the user and create the folder first)`);
      const owner = asRoot ? await dovecotIds() : null;
      let n = 0;
      for (const raw of raws) {
        const file = join(target, `${1_700_000_000 + n}.M${n}P${process.pid}.lpdesk-test`);
        n++;
        await writeFile(file, raw);
        if (owner) await chown(file, owner.uid, owner.gid);
      }
    },
    async createFolder(user, folder, specialUse) {
      if (specialUse && SPECIAL_USE[folder] !== specialUse) throw new Error(`The Dovecot harness marks only ${Object.entries(SPECIAL_USE).map(([f, u]) => `${f} ${u}`).join(', ')}`);
      await withClient(user, async (flow) => {
        await flow.mailboxCreate(folder);
        await flow.mailboxSubscribe(folder);
      });
    },
    async uidValidity(user, folder) {
      return withClient(user, async (flow) => {
        return validityOf(flow, folder);
      });
    },
    async resetUidValidity(user, folder) {
      await withClient(user, async (flow) => {
        const before = await validityOf(flow, folder);
        const kept: { source: Buffer; flags: string[]; date: Date | undefined }[] = [];
        const lock = await flow.getMailboxLock(folder);
        try {
          for await (const message of flow.fetch('1:*', { source: true, flags: true, internalDate: true }, { uid: true })) {
            if (message.source) kept.push({ source: message.source, flags: [...(message.flags ?? [])].filter((flag) => flag !== '\\Recent'), date: message.internalDate instanceof Date ? message.internalDate : undefined });
          }
        } catch {
          // An empty folder has nothing to fetch.
        } finally {
          lock.release();
        }
        if (folder.toUpperCase() === 'INBOX') throw new Error('The INBOX cannot be deleted; reset another folder');
        await flow.mailboxDelete(folder);
        await flow.mailboxCreate(folder);
        for (const message of kept) await flow.append(folder, message.source, message.flags, message.date);
        const after = await validityOf(flow, folder);
        if (after === before) throw new Error(`UIDVALIDITY of ${folder} did not change (${before})`);
      });
    },
    client,
    async stop() {
      if (!exited) {
        const ended = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 3000))]);
        if (!exited) child.kill('SIGKILL');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function validityOf(flow: ImapFlow, folder: string): Promise<string> {
  const status = await flow.status(folder, { uidValidity: true });
  if (!status || status.uidValidity === undefined) throw new Error(`STATUS of ${folder} gave no UIDVALIDITY`);
  return String(status.uidValidity);
}

let dovecotIdsCache: { uid: number; gid: number } | null = null;

async function dovecotIds(): Promise<{ uid: number; gid: number }> {
  if (!dovecotIdsCache) {
    const { execFileSync } = await import('node:child_process');
    dovecotIdsCache = { uid: Number(execFileSync('id', ['-u', 'dovecot']).toString().trim()), gid: Number(execFileSync('id', ['-g', 'dovecot']).toString().trim()) };
  }
  return dovecotIdsCache;
}

async function chownToDovecot(path: string): Promise<void> {
  const { uid, gid } = await dovecotIds();
  await chown(path, uid, gid);
}
