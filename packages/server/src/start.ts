import { type Config, coreOptionsFrom, openCore } from '@lpdesk/core';
import { pino } from 'pino';
import { buildServer } from './app.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Open the database (applying pending migrations), then listen. */
export async function startServer(config: Config): Promise<RunningServer> {
  const logger = pino({ level: config.logLevel });
  const { target, settings } = coreOptionsFrom(config);
  const core = await openCore(target, { migrate: true, settings });
  logger.info({ database: core.describe }, 'database ready');
  const app = await buildServer(core, { ...config, logger });
  const address = await app.listen({ host: config.host, port: config.port });
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await app.close();
      await core.close();
    })();
    return closing;
  };
  return { url: address, close };
}
