import { createInterface } from 'node:readline';
import { DomainError } from '@lpdesk/core';
import { ConfigError, MigrationError } from '@lpdesk/core';

/** Exit codes scripts can rely on; the one place domain errors become them. */
export const EXIT = { ok: 0, failure: 1, usage: 2, notFound: 3, conflict: 4, forbidden: 5, config: 78 } as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof ConfigError) return EXIT.config;
  if (error instanceof MigrationError) return EXIT.failure;
  if (error instanceof DomainError) {
    return {
      invalid: EXIT.usage,
      not_found: EXIT.notFound,
      conflict: EXIT.conflict,
      precondition_failed: EXIT.conflict,
      forbidden: EXIT.forbidden,
      unauthorized: EXIT.forbidden,
      rate_limited: EXIT.forbidden,
    }[error.code];
  }
  return EXIT.failure;
}

export function print(value: unknown, json: boolean) {
  if (json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  else if (typeof value === 'string') process.stdout.write(`${value}\n`);
  else console.table(value);
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Passwords never come from argv (visible in `ps` and shell history): a hidden prompt, or stdin. */
export async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const text = (await readAllStdin()).replace(/\r?\n$/, '');
    if (!text) throw new CliError('Pipe the password on standard input, e.g. printf %s "$PASSWORD" | lpdesk …');
    return text;
  }
  const ask = (question: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      const writable = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
      writable._writeToOutput = (s: string) => {
        if (s.includes(question)) writable.output.write(s);
      };
      rl.question(question, (answer) => {
        rl.close();
        process.stdout.write('\n');
        resolve(answer);
      });
    });
  const first = await ask(prompt);
  const second = await ask('Repeat it: ');
  if (first !== second) throw new CliError('The two passwords differ');
  return first;
}
