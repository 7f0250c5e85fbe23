/**
 * `npm run bench`: the province-scale benchmark (bench/province.ts), from a fresh clone. Installs and
 * builds what is missing as `npm start` does (prepare.mjs), then runs the benchmark on the maintained
 * Node.js that production runs on (node-runtime.mjs), whichever Node.js started npm: the API server and
 * the workers it measures are the compiled dist/ on that runtime, as in production.
 * Uses only Node's standard library until npm ci has run.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureNodeRuntime } from './lib/node-runtime.mjs';
import { prepareAll } from './lib/prepare.mjs';
import { ROOT } from './lib/paths.mjs';

await prepareAll();
const runtime = await ensureNodeRuntime();
const bench = spawn(
  runtime,
  ['--conditions=@motcua/source', '--import', 'tsx', join(ROOT, 'bench', 'province.ts'), ...process.argv.slice(2)],
  { cwd: ROOT, stdio: 'inherit' },
);
// The terminal's Ctrl-C reaches the benchmark too (same process group), and it stops what it started:
// this process only waits for it. A SIGTERM or SIGHUP sent to this process alone is passed on.
process.on('SIGINT', () => {});
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => bench.kill(signal));
bench.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
