export declare const REPO_ROOT: string;
export declare const DEFAULT_OUTDIR: string;

export interface BuildServerBundleOptions {
  /** Inside the repository, so the bundle finds node_modules; default dist/. */
  outdir?: string;
  /** The web build the bundled server serves by default; default packages/web/dist. */
  webDist?: string;
  logLevel?: 'silent' | 'error' | 'warning' | 'info';
}

export declare function buildServerBundle(options?: BuildServerBundleOptions): Promise<{ entry: string; inputs: string[] }>;
