// Whether dist/lpdesk.mjs (built by scripts/build-server.mjs) may run instead of the TypeScript sources.
// Plain JavaScript with no dependencies: bin/lpdesk.js and scripts/start.mjs read it before anything is
// compiled or bundled, and it ships in the published package.
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const BUNDLE_ENTRY = 'lpdesk.mjs';
export const BUNDLE_INPUTS = 'lpdesk-inputs.json';

const modifiedAt = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
};

/**
 * `current` when the bundle exists and no file it was built from (the workspace sources esbuild read,
 * and package-lock.json for the dependencies) changed after it. Adding or removing a source file
 * means editing one that imports it, so the list the build wrote is enough. A listed file that is
 * absent is skipped: the published package ships the bundle without the sources. About 150 stat
 * calls, a millisecond or two.
 */
export function bundleStatus(outdir) {
  const entry = resolve(outdir, BUNDLE_ENTRY);
  const builtAt = modifiedAt(entry);
  if (builtAt === undefined) return { entry, current: false, reason: 'not built' };
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(outdir, BUNDLE_INPUTS), 'utf8'));
  } catch {
    return { entry, current: false, reason: `${BUNDLE_INPUTS} is missing` };
  }
  const root = resolve(outdir, manifest.root);
  for (const input of manifest.inputs) {
    const changedAt = modifiedAt(join(root, input));
    if (changedAt !== undefined && changedAt > builtAt) return { entry, current: false, reason: `${input} changed after the build` };
  }
  return { entry, current: true, reason: 'current' };
}
