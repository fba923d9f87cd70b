import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = new URL('../../../', import.meta.url).pathname;
const sources = (dir: string) =>
  readdirSync(join(repo, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => ({ file: join(dir, file), text: readFileSync(join(repo, dir, file), 'utf8') }));

describe('doors are thin adapters over operations', () => {
  it('no HTTP route, CLI command or bench calls operation.run() directly (that skips the permission check)', () => {
    for (const { file, text } of [...sources('packages/server/src'), ...sources('packages/cli/src'), ...sources('bench')]) {
      expect(text, file).not.toMatch(/\.run\(\s*\{\s*core/);
      expect(text, file).not.toMatch(/operations\.[a-zA-Z]+\.[a-zA-Z]+\.run\(/);
    }
  });
});
