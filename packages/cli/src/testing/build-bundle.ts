import { bundleStatus } from '../../bin/bundle-status.js';
import { buildServerBundle, DEFAULT_OUTDIR } from '../../../../scripts/build-server.mjs';

/**
 * Global setup of the CLI tests: they start `lpdesk` a few hundred times, and bin/lpdesk.js runs the
 * bundle in dist/ when it is current, else compiles the sources with tsx on every start (about 2 s of CPU
 * each). Building the bundle once (2 s) when it is missing or stale makes the CLI suites several times
 * faster; the bundle is built from the sources under test, so they still test the code as it is.
 */
export default async function buildCliBundle(): Promise<void> {
  if (!bundleStatus(DEFAULT_OUTDIR).current) await buildServerBundle({ logLevel: 'error' });
}
