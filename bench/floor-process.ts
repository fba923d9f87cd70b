// The bare floor in its own process, like the server under test: `floor-process.ts <body file> <content type>`.
import { readFileSync } from 'node:fs';
import { startFloorServer } from './floor-server.js';
import { OWN_STACK_FLOOR_PATH } from './scenarios.js';

const [bodyFile, contentType] = process.argv.slice(2);
if (!bodyFile || !contentType) throw new Error('usage: floor-process.ts <body file> <content type>');
const floor = await startFloorServer(OWN_STACK_FLOOR_PATH, readFileSync(bodyFile), contentType);
process.send?.({ url: floor.url });
process.once('SIGTERM', () => {
  void floor.close().finally(() => process.exit(0));
});
