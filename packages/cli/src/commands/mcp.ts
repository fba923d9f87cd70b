import { coreOptionsFrom, openCore } from '@lpdesk/core';
import type { Command } from 'commander';
import { configFrom, type GlobalOptions } from '../context.js';

export function registerMcp(program: Command) {
  program
    .command('mcp')
    .description('Serve MCP over stdio for an AI client, as the agent API key in LPDESK_API_KEY (docs/mcp.md); logs go to stderr')
    .action(async (_options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const config = configFrom(globals, true);
      const { target, settings } = coreOptionsFrom(config);
      const core = await openCore(target, { migrate: true, settings });
      try {
        // Loaded here so other commands do not pay for the MCP SDK at start-up.
        const { serveMcpStdio } = await import('@lpdesk/server');
        await serveMcpStdio(core, config.apiKey);
      } finally {
        await core.close();
      }
    });
}
