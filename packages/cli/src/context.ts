import { type Actor, type Config, type Core, coreOptionsFrom, loadConfig, openCore, systemActor } from '@lpdesk/core';

export interface GlobalOptions {
  dataDir?: string;
  json?: boolean;
}

export function configFrom(options: GlobalOptions, initialise = false): Config {
  return loadConfig({ overrides: { LPDESK_DATA_DIR: options.dataDir }, initialise });
}

export const targetOf = (config: Config) => coreOptionsFrom(config).target;

/** Open the core for one command and close it afterwards, whatever happens. */
export async function withCore<T>(
  options: GlobalOptions,
  body: (core: Core, actor: Actor) => Promise<T>,
  open: { migrate?: boolean } = { migrate: true },
): Promise<T> {
  const config = configFrom(options, true);
  const { target, settings } = coreOptionsFrom(config);
  const core = await openCore(target, { migrate: open.migrate ?? true, settings });
  try {
    // CLI commands are run by whoever holds the server's files: they act as the system, through the CLI door.
    return await body(core, systemActor('cli'));
  } finally {
    await core.close();
  }
}
