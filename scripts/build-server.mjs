// `npm run build` (with the web app): bundles the CLI and server, with the core and contracts, into
// dist/ so `lpdesk serve` starts without compiling TypeScript. Also importable by tests and the bench.
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { BUNDLE_ENTRY, BUNDLE_INPUTS } from '../packages/cli/bin/bundle-status.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_OUTDIR = join(REPO_ROOT, 'dist');
const DEFAULT_WEB_DIST = join(REPO_ROOT, 'packages/web/dist');

/**
 * Left to node_modules: native addons (better-sqlite3, argon2), PGlite (a dev-time database with wasm
 * and data files found beside its own code), and pg-native, which pg requires only when asked to.
 */
// sqlite-vec finds its native library next to its own package (import.meta.resolve), so it stays in node_modules.
const EXTERNAL = ['better-sqlite3', 'sqlite-vec', '@node-rs/argon2', '@electric-sql/pglite', 'pg-native'];

/**
 * CommonJS dependencies inside an ESM bundle still call `require` (for node: built-ins and the externals
 * above), which an ES module does not have; each output file makes its own. (`__dirname` is read only
 * by pino's transports, which LP Desk does not use: they would need their worker files beside the bundle.)
 */
const COMMONJS_SHIMS = "import { createRequire as __lpdeskCreateRequire } from 'node:module'; const require = __lpdeskCreateRequire(import.meta.url);";

/** Files changed after the bundle make it stale: the lockfile stands for every dependency, this script for how it is built. */
function staleWhenChanged(metafile) {
  const workspaceSources = Object.keys(metafile.inputs)
    .filter((input) => input.startsWith('packages/') && !input.includes('node_modules/'))
    .sort();
  return [...workspaceSources, 'package-lock.json', 'scripts/build-server.mjs'];
}

/** Chunk names carry content hashes: without this, every build would leave the previous chunks behind. */
function removePreviousBundle(outdir) {
  mkdirSync(outdir, { recursive: true });
  for (const file of readdirSync(outdir)) {
    if (/\.mjs(\.map)?$/.test(file) || file === BUNDLE_INPUTS) rmSync(join(outdir, file));
  }
}

/**
 * `outdir` must sit inside the repository (node_modules is found from there); `webDist` is the web
 * build the bundled server serves unless LPDESK_WEB_DIST says otherwise.
 */
export async function buildServerBundle({ outdir = DEFAULT_OUTDIR, webDist = DEFAULT_WEB_DIST, logLevel = 'warning' } = {}) {
  removePreviousBundle(outdir);
  const result = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: { lpdesk: 'packages/cli/src/main.ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // Chunks let `serve` load the HTTP stack and other commands only what they use, as the sources do.
    splitting: true,
    outdir,
    outExtension: { '.js': '.mjs' },
    // Every output file sits directly in outdir, so import.meta.url-relative paths are the same in each.
    chunkNames: 'chunk-[hash]',
    sourcemap: true,
    // A third less code for Node to read and compile at start-up; names are kept so stack traces stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    external: EXTERNAL,
    banner: { js: COMMONJS_SHIMS },
    // The server finds the built web app relative to this file, not to packages/server/src/.
    define: { LPDESK_BUNDLED_WEB_DIST: JSON.stringify(relative(outdir, webDist).split('\\').join('/')) },
    metafile: true,
    logLevel,
  });
  const inputs = staleWhenChanged(result.metafile);
  writeFileSync(join(outdir, BUNDLE_INPUTS), `${JSON.stringify({ root: relative(outdir, REPO_ROOT) || '.', inputs }, null, 2)}\n`);
  return { entry: join(outdir, BUNDLE_ENTRY), inputs };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  const { entry, inputs } = await buildServerBundle();
  const size = (statSync(entry).size / 1024).toFixed(0);
  console.log(`Built ${relative(process.cwd(), entry)} (${size} KB entry, ${inputs.length - 2} sources) in ${Math.round(performance.now() - started)} ms`);
}
