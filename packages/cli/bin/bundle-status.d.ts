export declare const BUNDLE_ENTRY: string;
export declare const BUNDLE_INPUTS: string;

export interface BundleStatus {
  /** Absolute path of the bundle's entry file. */
  entry: string;
  current: boolean;
  /** Why the bundle may not run ('not built', '<file> changed after the build'), or 'current'. */
  reason: string;
}

export declare function bundleStatus(outdir: string): BundleStatus;
