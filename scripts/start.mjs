// `npm start`: (re)build the web app and the server bundle when their sources are newer than the
// builds, then run the server from the bundle.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bundleStatus } from '../packages/cli/bin/bundle-status.js';
import { buildServerBundle, DEFAULT_OUTDIR } from './build-server.mjs';

const web = 'packages/web';
const builtIndex = join(web, 'dist/index.html');

function newestChange(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestChange(join(path, entry))));
}

function webBuildIsStale() {
  if (!existsSync(join(web, 'index.html'))) return false;
  if (!existsSync(builtIndex)) return true;
  const sources = [join(web, 'src'), join(web, 'index.html'), join(web, 'vite.config.ts'), 'packages/contracts/src'];
  return Math.max(...sources.filter(existsSync).map(newestChange)) > statSync(builtIndex).mtimeMs;
}

if (webBuildIsStale()) {
  console.log('Building the web app…');
  const build = spawnSync('npm', ['run', 'build', '--workspace', '@lpdesk/web'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const bundle = bundleStatus(DEFAULT_OUTDIR);
if (!bundle.current) {
  console.log(`Building the server (${bundle.reason})…`);
  await buildServerBundle();
}
const server = spawn(process.execPath, ['packages/cli/bin/lpdesk.js', 'serve', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
