import {
  type Actor,
  authorize,
  type Core,
  DomainError,
  type ImportProgress,
  importMailFile,
  invoke,
  liveMailboxIds,
  operations,
  type SyncProgress,
  syncMailbox,
} from '@lpdesk/core';
import type { EmailSyncRunView } from '@lpdesk/contracts';
import type { Command } from 'commander';
import { type GlobalOptions, withCore } from '../context.js';
import { CliError, EXIT, print, readPassword } from '../io.js';

const BAR_WIDTH = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Progress on stderr (stdout stays clean for --json). On a terminal one line redrawn in place; piped, a
 * line per tenth of the way (imports) or per folder (syncs), so logs show movement without flooding.
 */
function progressLine() {
  const tty = Boolean(process.stderr.isTTY);
  let lastKey = '';
  let drawn = false;
  const show = (line: string, key: string) => {
    if (tty) process.stderr.write(`\r${line}\u001b[K`);
    else if (key !== lastKey) process.stderr.write(`${line}\n`);
    lastKey = key;
    drawn = true;
  };
  const counts = (p: SyncProgress) => `${p.fetched} fetched, ${p.stored} stored, ${p.matched} matched, ${p.duplicates} duplicates`;
  return {
    import(p: ImportProgress) {
      const share = p.bytesTotal > 0 ? Math.min(1, p.bytesRead / p.bytesTotal) : 1;
      const filled = Math.round(share * BAR_WIDTH);
      const percent = Math.round(share * 100);
      show(
        `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(percent).padStart(3)}% ${p.folder}: ${counts(p)}`,
        String(Math.floor(percent / 10)),
      );
    },
    sync(label: string, p: SyncProgress) {
      show(`${label} ${p.folder}: ${counts(p)}`, `${label}/${p.folder}`);
    },
    finish() {
      if (tty && drawn) process.stderr.write('\n');
      drawn = false;
    },
  };
}

function summary(label: string, run: EmailSyncRunView): string {
  const head = `${label}: ${run.status}, ${run.fetched} fetched, ${run.stored} stored, ${run.matched} matched, ${run.duplicates} duplicates, ${run.errors} errors in ${run.durationMs ?? 0} ms`;
  return [head, ...run.errorMessages.map((message) => `  ${message}`)].join('\n');
}

async function ownerId(core: Core, actor: Actor, owner: string | undefined): Promise<string | undefined> {
  if (!owner || UUID.test(owner)) return owner;
  try {
    return (await invoke(operations.access.getUserByUsername, { core, actor }, { username: owner })).id;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'not_found') throw new CliError(`No user named ${owner}`, EXIT.notFound);
    throw error;
  }
}

interface AddImapOptions {
  host: string;
  port: string;
  secure: boolean;
  username: string;
  password?: string;
  passwordStdin?: boolean;
  folders?: string;
  owner?: string;
  label?: string;
  allowUntrustedCertificate?: boolean;
}

export function registerEmail(program: Command) {
  const email = program.command('email').description('Email capture: enrol team mailboxes, sync them, import mbox/eml files');

  email
    .command('add-imap')
    .description('Enrol an IMAP mailbox (the password is read from a hidden prompt or standard input, and stored encrypted)')
    .requiredOption('--host <host>', 'IMAP server, e.g. imap.gmail.com')
    .option('--port <port>', 'IMAP port', '993')
    .option('--no-secure', 'connect in plain text and upgrade with STARTTLS (port 143) instead of TLS from the start')
    .requiredOption('--username <username>', 'the login, usually the mailbox address')
    .option('--password-stdin', 'read the password from standard input (the default when stdin is not a terminal)')
    .option('--password <password>', 'the password on the command line (visible in ps and shell history: scripts only)')
    .option('--folders <folders>', 'comma-separated folders to sync (default: the inbox and the Sent folder)')
    .option('--owner <user>', 'the team member whose mailbox it is (username or id)')
    .option('--label <label>', 'a name for the settings screen (default: the address)')
    .option('--allow-untrusted-certificate', 'accept a self-signed certificate (test servers)')
    .action(async (opts: AddImapOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      let password = opts.password;
      if (password !== undefined)
        process.stderr.write('Warning: --password leaves the password in your shell history and the process list; prefer --password-stdin\n');
      else password = await readPassword(`IMAP password for ${opts.username}: `);
      const view = await withCore(globals, async (core, actor) => {
        const owner = await ownerId(core, actor, opts.owner);
        const input = {
          kind: 'imap',
          host: opts.host,
          port: Number(opts.port),
          secure: opts.secure,
          username: opts.username,
          password,
          allowUntrustedCertificate: Boolean(opts.allowUntrustedCertificate),
          ...(opts.folders
            ? {
                folders: opts.folders
                  .split(',')
                  .map((f) => f.trim())
                  .filter(Boolean),
              }
            : {}),
          ...(owner ? { ownerUserId: owner } : {}),
          ...(opts.label ? { label: opts.label } : {}),
        };
        return invoke(operations.emailMailboxes.create, { core, actor }, input);
      });
      print(
        globals.json
          ? view
          : `Mailbox ${view.label} enrolled (${view.id}); it syncs within a minute while the server or a worker runs, or now with: lpdesk email sync --mailbox ${view.id}`,
        Boolean(globals.json),
      );
    });

  email
    .command('list')
    .description('Team mailboxes with their last sync')
    .action(async (_opts: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const list = await withCore(globals, (core, actor) => invoke(operations.emailMailboxes.list, { core, actor }, {}));
      if (globals.json) return print(list.data, true);
      if (list.data.length === 0) return print('No mailboxes yet: lpdesk email add-imap --help', false);
      print(
        list.data.map((m) => ({
          id: m.id,
          label: m.label,
          kind: m.kind,
          'last run': m.lastRun ? (m.lastRun.finishedAt ?? m.lastRun.startedAt) : 'never',
          status: m.paused ? 'paused' : (m.lastRun?.status ?? '—'),
          messages: m.messageCount,
        })),
        false,
      );
    });

  email
    .command('sync')
    .description('Sync one mailbox, or every live unpaused mailbox, now (works beside a running server)')
    .option('--mailbox <id>', 'only this mailbox')
    .action(async (opts: { mailbox?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const runs = await withCore(globals, async (core, actor) => {
        authorize(actor, 'email.manage');
        const mailboxes = opts.mailbox
          ? [await invoke(operations.emailMailboxes.get, { core, actor }, { id: opts.mailbox })]
          : (await invoke(operations.emailMailboxes.list, { core, actor }, {})).data;
        const live = new Set((await liveMailboxIds(core)).map((m) => m.id));
        const results: { label: string; run: EmailSyncRunView }[] = [];
        for (const mailbox of mailboxes) {
          if (!opts.mailbox && !live.has(mailbox.id)) continue;
          const bar = progressLine();
          const run = await syncMailbox(core, actor, mailbox.id, { trigger: 'cli', onProgress: (p) => bar.sync(mailbox.label, p) });
          bar.finish();
          results.push({ label: mailbox.label, run });
        }
        return results;
      });
      if (globals.json)
        print(
          runs.map((r) => r.run),
          true,
        );
      else print(runs.length === 0 ? 'No live mailboxes to sync' : runs.map((r) => summary(r.label, r.run)).join('\n'), false);
      if (runs.some((r) => r.run.status === 'failed')) process.exitCode = EXIT.failure;
    });

  email
    .command('import-mbox')
    .description('Import an .mbox (e.g. Google Takeout) or .eml file; messages already stored are skipped')
    .argument('<file>', 'the .mbox or .eml file')
    .action(async (file: string, _opts: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const bar = progressLine();
      const run = await withCore(globals, (core, actor) => importMailFile(core, actor, file, { onProgress: bar.import }));
      bar.finish();
      print(globals.json ? run : summary(`Imported ${file}`, run), Boolean(globals.json));
      if (run.status === 'failed') process.exitCode = EXIT.failure;
    });
}
