import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeProviderConformance } from './conformance.js';
import { mboxProvider } from './mbox.js';

// The mbox provider through the suite every provider passes: a file that grows as messages are "added".
describeProviderConformance('mbox', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lpdesk-mbox-conformance-'));
  const file = join(dir, 'archive.mbox');
  await writeFile(file, '');
  return {
    provider: mboxProvider,
    connection: () => ({ kind: 'mbox', files: [file] }),
    inbox: 'archive.mbox',
    async addMessages(_folder, raws) {
      // mboxrd, as an exporter writes it: a separator line, body "From " lines quoted, a blank line after.
      const text = raws.map((raw) => `From MAILER-DAEMON Thu Jan  1 00:00:00 2030\n${raw.toString('latin1').replace(/(^|\n)(>*From )/g, '$1>$2')}\n`).join('');
      await appendFile(file, Buffer.from(text, 'latin1'));
    },
    teardown: () => rm(dir, { recursive: true, force: true }),
  };
});
