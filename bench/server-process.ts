// The server under test, in its own process: LP Desk's production start (`startServer`, as `lpdesk
// serve` runs it: request logging at the default level, the event dispatcher and the job runner)
// with one extra route, the own-stack floor: fixed bytes behind the same auth, hooks and limits.
// The parent passes the database the way an operator would (LPDESK_DATA_DIR, DATABASE_URL), the API
// key to call with, and hears back over IPC once the server answers.
import { loadConfig } from '@lpdesk/core';
import { type RouteSpec, startServer } from '@lpdesk/server';
import { CONTACTS_LIST_PATH, OWN_STACK_FLOOR_PATH } from './scenarios.js';

const apiKey = process.env.LPDESK_BENCH_API_KEY;
if (!apiKey) throw new Error('LPDESK_BENCH_API_KEY is not set: bench/server-process.ts is started by the bench');

let fixedBody = Buffer.alloc(0);
let fixedType = 'application/json';
const ownStackFloor: RouteSpec = {
  method: 'GET',
  url: OWN_STACK_FLOOR_PATH,
  summary: 'Bench: the contacts page bytes, fixed',
  tag: 'Bench',
  access: 'authenticated',
  async handle({ reply }) {
    return reply.type(fixedType).send(fixedBody);
  },
};

const config = loadConfig({ initialise: true });
const server = await startServer(config, { extraRoutes: [ownStackFloor] });
// The floor answers with the very bytes the contacts page answers with at this size.
const reference = await fetch(`${server.url}${CONTACTS_LIST_PATH}`, { headers: { authorization: `Bearer ${apiKey}` } });
fixedBody = Buffer.from(await reference.arrayBuffer());
fixedType = reference.headers.get('content-type') ?? fixedType;
if (reference.status !== 200) throw new Error(`GET ${CONTACTS_LIST_PATH} answered ${reference.status}: ${fixedBody.toString('utf8').slice(0, 300)}`);

process.send?.({ url: server.url, bytes: fixedBody.length });
process.once('SIGTERM', () => {
  void server.close().finally(() => process.exit(0));
});
