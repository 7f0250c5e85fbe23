#!/usr/bin/env node
/**
 * Generates the Prisma client (prisma/generated/client) offline.
 *
 * The Prisma 7 CLI checks at start-up that a schema-engine binary exists, and would otherwise try to
 * download one from a CDN this project cannot rely on. `prisma generate` itself never runs that
 * engine, so any existing file satisfies the check: we point PRISMA_SCHEMA_ENGINE_BINARY at this
 * script unless the caller already chose a binary.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(join(packageDir, 'package.json'));
const prismaCli = join(dirname(require.resolve('prisma/package.json')), 'build', 'index.js');

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ||= fileURLToPath(import.meta.url);

const result = spawnSync(process.execPath, [prismaCli, 'generate', '--config', join(packageDir, 'prisma.config.ts')], {
  cwd: packageDir,
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
