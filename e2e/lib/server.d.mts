export const repoRoot: string;
export function ensureWebBuild(options?: { force?: boolean }): void;
export function freshDataDir(prefix?: string): string;
export interface StartedServer {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
  cleanup(): void;
}
export function startServer(options?: { dataDir?: string; env?: Record<string, string> }): Promise<StartedServer>;
export function seedDemo(dataDir: string, copies?: number): string;
export function setupAdmin(
  url: string,
  options?: { username?: string; password?: string; fullName?: string; email?: string },
): Promise<{ username: string; password: string; call: (method: string, path: string, body?: unknown) => Promise<unknown> }>;
