// `npm start`: build the web app once if it has not been built, then run the server.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const webSource = 'packages/web/index.html';
if (existsSync(webSource) && !existsSync('packages/web/dist/index.html')) {
  console.log('Building the web app (first start only)…');
  const build = spawnSync('npm', ['run', 'build', '--workspace', '@lpdesk/web'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const server = spawn(process.execPath, ['packages/cli/bin/lpdesk.js', 'serve', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
