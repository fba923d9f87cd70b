import type { Command } from 'commander';
import { loadConfig } from '@lpdesk/core';

export function registerServe(program: Command) {
  program
    .command('serve')
    .description('Run the LP Desk server (API and web app); applies pending migrations first')
    .option('--port <port>', 'port to listen on (LPDESK_PORT, default 8080; 0 picks a free port)')
    .option('--host <host>', 'address to bind (LPDESK_HOST, default 127.0.0.1; 0.0.0.0 for LAN/Tailscale)')
    .option('--data-dir <dir>', 'where SQLite data and the secret live (LPDESK_DATA_DIR, default ./data)')
    .action(async (_options: unknown, command: Command) => {
      // --data-dir is also a global option; commander may attach it to either level.
      const options = command.optsWithGlobals<{ port?: string; host?: string; dataDir?: string }>();
      const config = loadConfig({ overrides: { LPDESK_PORT: options.port, LPDESK_HOST: options.host, LPDESK_DATA_DIR: options.dataDir }, initialise: true });
      // Loaded here so other commands do not pay for the HTTP stack at start-up.
      const { startServer } = await import('@lpdesk/server');
      const server = await startServer(config);
      process.stdout.write(`LP Desk is listening on ${server.url}\n`);
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
