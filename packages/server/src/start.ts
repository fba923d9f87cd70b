import { type Config, coreOptionsFrom, type MailWatchers, openCore, startMailWatchers } from '@lpdesk/core';
import { buildServer, type ServerOptions } from './app.js';
import { createLogger } from './logger.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Open the database (applying pending migrations), then listen. The event dispatcher always runs (live
 * updates follow it); the job runner too, unless LPDESK_RUN_JOBS=false leaves it to `lpdesk worker`.
 */
export async function startServer(config: Config, options: Pick<ServerOptions, 'extraRoutes'> = {}): Promise<RunningServer> {
  const logger = createLogger(config);
  const { target, settings } = coreOptionsFrom(config);
  const core = await openCore(target, { migrate: true, settings });
  logger.info({ database: core.describe }, 'database ready');
  const app = await buildServer(core, { ...config, ...options, logger });
  const address = await app.listen({ host: config.host, port: config.port });
  // Writes made before this point wait in the outbox and the jobs table; nothing is lost.
  await core.dispatcher.start({ log: logger.child({ component: 'events' }) });
  let watchers: MailWatchers | undefined;
  if (config.runJobs) {
    await core.jobs.start({ log: logger.child({ component: 'jobs' }) });
    // IMAP IDLE: new mail is synced within seconds, not at the next minute's schedule.
    watchers = startMailWatchers(core, { log: logger.child({ component: 'email-watch' }) });
  } else logger.info('jobs are left to a separate worker (LPDESK_RUN_JOBS=false)');
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await app.close();
      await watchers?.stop();
      // Stops the dispatcher and the job runner (letting running jobs finish briefly), then the database.
      await core.close();
    })();
    return closing;
  };
  return { url: address, close };
}
