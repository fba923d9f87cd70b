import { coreOptionsFrom, openCore, startMailWatchers } from '@lpdesk/core';
import type { Command } from 'commander';
import { configFrom, type GlobalOptions } from '../context.js';
import { CliError, EXIT } from '../io.js';

function concurrencyFrom(text: string | undefined): number {
  if (text === undefined) return 4;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 64) throw new CliError('--concurrency must be a whole number from 1 to 64', EXIT.usage);
  return value;
}

function untilSignalled(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

export function registerWorker(program: Command) {
  program
    .command('worker')
    .description('Run background jobs and event subscribers in their own process until SIGINT/SIGTERM (set LPDESK_RUN_JOBS=false on the server)')
    .option('--concurrency <n>', 'jobs run at once (default 4)')
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & { concurrency?: string }>();
      const concurrency = concurrencyFrom(options.concurrency);
      const config = configFrom(options, true);
      // Loaded here so other commands do not pay for the logger and HTTP stack at start-up.
      const { createLogger } = await import('@lpdesk/server');
      const logger = createLogger(config);
      const { target, settings } = coreOptionsFrom(config);
      const core = await openCore(target, { migrate: true, settings });
      // Nothing else holds the event loop open on SQLite (no sockets), so hold it until a signal.
      const keepAlive = setInterval(() => {}, 60_000);
      let stopWatchers: (() => Promise<void>) | undefined;
      try {
        await core.dispatcher.start({ log: logger.child({ component: 'events' }) });
        await core.jobs.start({ log: logger.child({ component: 'jobs' }), concurrency });
        // IMAP IDLE: new mail is synced within seconds, not at the next minute's schedule.
        const watchers = startMailWatchers(core, { log: logger.child({ component: 'email-watch' }) });
        stopWatchers = () => watchers.stop();
        logger.info({ database: core.describe, concurrency, runner: core.jobs.id }, 'worker started');
        process.stdout.write(`LP Desk worker is running jobs and event subscribers on ${core.describe}\n`);
        const signal = await untilSignalled();
        logger.info({ signal }, 'worker stopping; letting running jobs finish');
      } finally {
        clearInterval(keepAlive);
        await stopWatchers?.();
        await core.close();
      }
      process.stdout.write('LP Desk worker stopped\n');
    });
}
