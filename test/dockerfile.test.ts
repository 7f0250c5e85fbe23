import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { nodeVersionOf } from '../scripts/lib/node-runtime.mjs';
import { compiledWorkspaces, ensureAdminUi } from '../scripts/lib/prepare.mjs';
import { compiledRuntime } from '../scripts/lib/prepare.mjs';
import { readDockerfile, stageChain, type Instruction } from './support/dockerfile.js';

/**
 * Docker cannot run on the build machines, so the image of the Node.js services (Dockerfile) is
 * checked by reading it, and its run-time stage is put together the way Docker would, in a temporary
 * folder standing for /app: the same files, the same `npm ci`, then each service's command is run.
 */
const root = join(import.meta.dirname, '..');
const stages = readDockerfile(join(root, 'Dockerfile'));
const runtime = stages.at(-1)!;
const runtimeChain = stageChain(stages, runtime);
const instructionsOf = (keyword: string) => runtimeChain.flatMap((stage) => stage.instructions).filter((i) => i.keyword === keyword);
const workspaces: string[] = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;

describe('Dockerfile', () => {
  it('builds and runs on Node.js 24 or later, a maintained LTS line', () => {
    const images = stages.map((stage) => stage.from).filter((from) => !stages.some((stage) => stage.name === from));
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(Number(/^node:(\d+)/.exec(image)?.[1]), image).toBeGreaterThanOrEqual(24);
  });

  it('runs as an unprivileged user', () => {
    expect(instructionsOf('USER').at(-1)?.args[0]).toMatch(/^(?!root$|0$)\w+$/);
  });

  it('installs only production dependencies in the run-time stage, and takes no source or node_modules from the build', () => {
    const installs = instructionsOf('RUN').filter((i) => /\bnpm (ci|install)\b/.test(i.text));
    expect(installs).toHaveLength(1);
    expect(installs[0]!.text).toMatch(/npm ci .*--omit=dev/);
    const copies = instructionsOf('COPY');
    expect(copies.flatMap((copy) => copy.args)).not.toContain('.');
    expect(copies.filter((copy) => copy.args.some((arg) => arg.includes('node_modules')))).toEqual([]);
  });

  it('copies the manifest of every workspace and the compiled output of every compiled one', () => {
    const copied = instructionsOf('COPY').flatMap((copy) => copy.args.slice(0, -1));
    for (const workspace of workspaces) expect(copied, workspace).toContain(`${workspace}/package.json`);
    for (const workspace of compiledWorkspaces()) expect(copied, workspace).toContain(`/app/${workspace}/dist`);
  });
});

describe('the run-time stage of the Dockerfile, put together from this repository', () => {
  let app: string;
  let node: string;
  let lock: { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };

  beforeAll(async () => {
    // What the build stage makes: the compiled JavaScript and the admin UI (no-ops when up to date).
    node = await compiledRuntime();
    await ensureAdminUi();
    app = mkdtempSync(join(tmpdir(), 'motcua-image-'));
    for (const instruction of runtimeChain.flatMap((stage) => stage.instructions)) assemble(instruction, app);
    lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8'));
  }, 600_000);

  afterAll(() => {
    if (app) rmSync(app, { recursive: true, force: true });
  });

  it('holds no devDependency, not even one a production package names as an optional peer', () => {
    const installed = installedPackages(join(app, 'node_modules'));
    expect(installed.length).toBeGreaterThan(50);
    const devOnly = installed.filter((path) => lock.packages[path]?.dev || lock.packages[path]?.devOptional);
    expect(devOnly).toEqual([]);
    for (const tool of ['typescript', 'tsx', 'vitest', 'prisma', 'vite', 'eslint']) {
      expect(existsSync(join(app, 'node_modules', tool)), tool).toBe(false);
    }
  });

  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, { build?: string; command?: string[]; environment?: Record<string, string> }>;
  };
  const nodeServices = Object.entries(compose.services).filter(([, service]) => service.build === '.');

  it.each(nodeServices)(
    'runs the command of the %s service with its files and production dependencies alone, on Node.js 24',
    (_name, service) => {
      // given the image's files, and an environment with an unreachable database and no engine account
      const [, script] = service.command!;
      const env = {
        PATH: process.env.PATH,
        DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none',
        JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters',
      };
      // when the service's command runs
      const result = spawnSync(node, [script!], { cwd: app, env, encoding: 'utf8', timeout: 60_000 });
      // then every module loads, and the service stops at the first thing it lacks
      expect(Number(nodeVersionOf(node)!.split('.')[0])).toBeGreaterThanOrEqual(24);
      expect(result.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find (module|package)/);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/ENGINE_USER is required; ENGINE_PASSWORD is required|ECONNREFUSED 127\.0\.0\.1:1/);
    },
    120_000,
  );
});

/**
 * Does what Docker does for one instruction of the run-time stage, in `app` standing for /app: COPY
 * from the build context or from the build stage (whose /app is this repository once built), and the
 * `npm ci` of a RUN. Nothing else touches this machine (RUN lines that change the system are skipped).
 */
function assemble(instruction: Instruction, app: string): void {
  if (instruction.keyword === 'COPY') {
    const sources = instruction.args.slice(0, -1);
    const destination = join(app, instruction.args.at(-1)!);
    for (const source of sources.flatMap((pattern) => expand(pattern.replace(/^\/app\//, '')))) {
      const target = instruction.args.at(-1)!.endsWith('/') ? join(destination, source.split('/').at(-1)!) : destination;
      mkdirSync(dirname(target), { recursive: true });
      cpSync(join(root, source), target, { recursive: true });
    }
  }
  if (instruction.keyword === 'RUN') {
    const install = instruction.text.split('&&').map((part) => part.trim()).find((part) => part.startsWith('npm ci'));
    if (!install) return;
    const result = spawnSync('bash', ['-c', `${install} --prefer-offline`], { cwd: app, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${install} failed:\n${result.stderr}`);
  }
}

/** The repository paths a COPY source names; `*` is matched within the last path segment. */
function expand(pattern: string): string[] {
  if (!pattern.includes('*')) return [pattern];
  const folder = dirname(pattern);
  const name = new RegExp(`^${pattern.split('/').at(-1)!.replace(/\./g, '\\.').replace(/\*/g, '.*')}$`);
  return readdirSync(join(root, folder))
    .filter((entry) => name.test(entry))
    .map((entry) => `${folder}/${entry}`);
}

/** Every package folder under node_modules, as the lock file names it (node_modules/a/node_modules/@b/c). */
function installedPackages(nodeModules: string): string[] {
  const found: string[] = [];
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.name.startsWith('@') && entry.isDirectory()) {
        visit(path);
        continue;
      }
      if (!entry.isDirectory()) continue;
      found.push(relative(dirname(nodeModules), path));
      if (existsSync(join(path, 'node_modules'))) visit(join(path, 'node_modules'));
    }
  };
  visit(nodeModules);
  return found;
}
