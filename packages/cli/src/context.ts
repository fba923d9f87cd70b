import { type Config, type Core, loadConfig, openCore, systemActor, type Actor } from '@lpdesk/core';

export interface GlobalOptions {
  dataDir?: string;
  json?: boolean;
}

export function configFrom(options: GlobalOptions, initialise = false): Config {
  return loadConfig({ overrides: { LPDESK_DATA_DIR: options.dataDir }, initialise });
}

export function targetOf(config: Config) {
  return config.database.kind === 'sqlite' ? { kind: 'sqlite' as const, file: config.database.file } : { kind: 'postgres' as const, url: config.database.url };
}

/** Open the core for one command and close it afterwards, whatever happens. */
export async function withCore<T>(options: GlobalOptions, body: (core: Core, actor: Actor) => Promise<T>, open: { migrate?: boolean } = { migrate: true }): Promise<T> {
  const config = configFrom(options, true);
  const core = await openCore(targetOf(config), { migrate: open.migrate ?? true, settings: { sessionDays: config.sessionDays, defaultPhoneRegion: config.defaultPhoneRegion } });
  try {
    // CLI commands are run by whoever holds the server's files: they act as the system, through the CLI door.
    return await body(core, systemActor('cli'));
  } finally {
    await core.close();
  }
}
