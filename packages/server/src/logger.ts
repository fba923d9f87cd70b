import type { Config } from '@lpdesk/core';
import { type Logger, pino } from 'pino';

/** The one way a long-running LP Desk process (server or worker) makes its structured log. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel });
}
