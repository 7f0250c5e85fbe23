import { ensureNodeRuntime } from '../../scripts/lib/node-runtime.mjs';
import { ensureCompiled } from '../../scripts/lib/prepare.mjs';

/**
 * For tests that run our compiled entry points: compiles what is missing or stale (as `npm start`
 * does; nothing when `npm test` has just done it) and returns the Node.js 24+ binary to run them on.
 */
export async function compiledRuntime(): Promise<string> {
  await ensureCompiled();
  return ensureNodeRuntime();
}
