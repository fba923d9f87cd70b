#!/usr/bin/env node
// Runs the bundle in dist/ (`npm run build`) when it is current: no TypeScript to compile at start-up.
// Otherwise, and always while a source is newer than the bundle, it runs the sources through tsx, so an
// edited checkout never runs a stale build.
import module from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleStatus } from './bundle-status.js';

const bundle = bundleStatus(fileURLToPath(new URL('../../../dist/', import.meta.url)));
if (bundle.current) {
  // Node 22.1+ keeps V8's compiled code between runs (in the OS temp dir); Node 20 has no such cache.
  module.enableCompileCache?.();
  await import(pathToFileURL(bundle.entry).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
