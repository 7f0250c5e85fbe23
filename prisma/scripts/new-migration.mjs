#!/usr/bin/env node
/**
 * Authors a new migration from the change made to prisma/schema.prisma:
 *
 *   node prisma/scripts/new-migration.mjs add_dossier_note
 *
 * writes prisma/migrations/<UTC timestamp>_add_dossier_note/migration.sql (Prisma's SQL for the
 * change) and schema.prisma (the schema it leads to, the starting point of the next migration).
 *
 * `prisma migrate dev` needs Prisma's native schema engine, which cannot be downloaded here. Prisma
 * 6.19's WebAssembly engine (`engine: "js"`) can diff two schema files, so this script diffs the
 * schema snapshot stored with the latest migration against the current schema. It runs that CLI with
 * `npx` in a temporary folder, so Prisma 6 never enters our dependencies, and gives it a throwaway
 * embedded PostgreSQL to connect to (the engine insists on a connection but changes nothing).
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PRISMA_6 = 'prisma@6.19.3';
const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const migrationsDir = join(packageDir, 'migrations');
const schemaPath = join(packageDir, 'schema.prisma');

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: node prisma/scripts/new-migration.mjs <name, in lower_snake_case>');
  process.exit(2);
}

/** Prisma 6 wants a url in the datasource block; Prisma 7 schemas no longer have one. */
function withDatasourceUrl(schema) {
  if (/^\s*url\s*=/m.test(schema)) return schema;
  return schema.replace(/datasource\s+\w+\s*\{/, (block) => `${block}\n  url = env("DATABASE_URL")`);
}

function utcTimestamp(date) {
  return date.toISOString().replace(/\D/g, '').slice(0, 14);
}

/** Starts src/bin/embedded-postgres.ts on a free port; resolves with its URL and a stop function. */
async function startThrowawayDatabase(dataDir) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(packageDir, 'src/bin/embedded-postgres.ts')], {
    cwd: packageDir,
    env: { ...process.env, EMBEDDED_DB_DIR: dataDir, EMBEDDED_DB_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the embedded database exited early (code ${code})`)));
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function run(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${command} ${args.join(' ')} exited with code ${code}`)),
    );
  });
}

const folders = (await readdir(migrationsDir, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const latest = folders.at(-1);
if (!latest) throw new Error(`no migration in ${migrationsDir} to start from`);
const previousSchema = await readFile(join(migrationsDir, latest, 'schema.prisma'), 'utf8').catch(() => {
  throw new Error(`${latest}/schema.prisma is missing: every migration folder keeps the schema it leads to`);
});

const work = await mkdtemp(join(tmpdir(), 'motcua-new-migration-'));
let database;
try {
  await writeFile(join(work, 'package.json'), '{ "private": true, "type": "module" }\n');
  await writeFile(join(work, 'from.prisma'), withDatasourceUrl(previousSchema));
  await writeFile(join(work, 'to.prisma'), withDatasourceUrl(await readFile(schemaPath, 'utf8')));
  // Our own @prisma/adapter-pg (7.x) works with Prisma 6.19's WebAssembly engine.
  const adapterUrl = pathToFileURL(createRequire(join(packageDir, 'package.json')).resolve('@prisma/adapter-pg'));
  await writeFile(
    join(work, 'prisma.config.ts'),
    [
      `import adapterPg from ${JSON.stringify(adapterUrl.href)};`,
      `export default {`,
      `  experimental: { adapter: true },`,
      `  engine: 'js',`,
      `  schema: 'to.prisma',`,
      `  adapter: async () => new adapterPg.PrismaPg({ connectionString: process.env.DATABASE_URL }),`,
      `};`,
      '',
    ].join('\n'),
  );

  database = await startThrowawayDatabase(join(work, 'db'));
  const script = await run(
    'npx',
    [
      '-y',
      PRISMA_6,
      'migrate',
      'diff',
      '--from-schema-datamodel',
      'from.prisma',
      '--to-schema-datamodel',
      'to.prisma',
      '--script',
    ],
    {
      cwd: work,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        // Any existing file satisfies the CLI's start-up check for engines it will not run.
        PRISMA_SCHEMA_ENGINE_BINARY: schemaPath,
        PRISMA_QUERY_ENGINE_LIBRARY: schemaPath,
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        // Prisma's install scripts download native engines from a CDN we cannot reach.
        npm_config_ignore_scripts: 'true',
        npm_config_update_notifier: 'false',
      },
    },
  );

  const statements = script.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('--'));
  if (statements.length === 0) {
    console.log(`schema.prisma has no change since ${latest}: no migration written.`);
  } else {
    const folder = join(migrationsDir, `${utcTimestamp(new Date())}_${name}`);
    await mkdir(folder);
    await writeFile(join(folder, 'migration.sql'), script);
    await copyFile(schemaPath, join(folder, 'schema.prisma'));
    console.log(`Wrote ${folder}/migration.sql and schema.prisma.`);
    console.log('Review the SQL (add anything Prisma cannot express, with no literal ";" inside a function');
    console.log('body, see prisma/README.md), then run `npm test -w prisma`.');
  }
} finally {
  await database?.stop();
  await rm(work, { recursive: true, force: true });
}
