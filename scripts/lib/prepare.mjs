/**
 * Installs and builds what a fresh clone lacks, and only that: npm packages, the Prisma client, the
 * JavaScript compiled from our TypeScript, the engine jar, the admin UI bundle and a maintained
 * Node.js to run them on (see node-runtime.mjs). Each step compares the modification time of what it produces
 * with that of its inputs, so a warm start skips it. In a fresh clone every input has the clone's
 * time and every output is made after it, so the next start finds them all up to date.
 */
import { existsSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ENGINE_JAR, ADMIN_UI_DIST, bin } from './paths.mjs';
import { run } from './children.mjs';
import { ensureNodeRuntime } from './node-runtime.mjs';

/** Newest modification time (ms) of the files under the given paths; 0 when none exist. */
function newest(paths) {
  let latest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) if (name !== 'node_modules' && name !== 'dist') visit(join(path, name));
    } else {
      latest = Math.max(latest, stat.mtimeMs);
    }
  };
  paths.forEach((p) => visit(join(ROOT, p)));
  return latest;
}

const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);

/** Written by every npm install and npm ci: what is built from npm packages is rebuilt after one. */
const INSTALLED_MARKER = join(ROOT, 'node_modules', '.package-lock.json');

function step(message) {
  console.log(`• ${message}`);
}

export async function ensureInstalled() {
  if (mtime(INSTALLED_MARKER) >= mtime(join(ROOT, 'package-lock.json'))) return;
  step('Installing npm packages (npm ci)…');
  await run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT });
}

export async function ensurePrismaClient() {
  const generated = join(ROOT, 'prisma', 'generated', 'client', 'client.ts');
  const inputs = Math.max(newest(['prisma/schema.prisma', 'prisma/prisma.config.ts']), mtime(INSTALLED_MARKER));
  if (mtime(generated) >= inputs) return;
  step('Generating the Prisma client…');
  await run(process.execPath, ['prisma/scripts/generate.mjs'], { cwd: ROOT, quiet: true });
}

export async function ensureEngineJar() {
  // Only what goes into the jar counts: editing the engine's tests does not rebuild it.
  if (mtime(ENGINE_JAR) >= newest(['engine/pom.xml', 'engine/src/main'])) return;
  step('Building the BPMN engine (Maven; the first build downloads its dependencies)…');
  // Its output is shown only when it fails: Maven 3.8 prints colour resets even in batch mode.
  await run('mvn', ['-q', '-B', '-Dstyle.color=never', '-Dmaven.test.skip=true', '-f', 'engine/pom.xml', 'package'], {
    cwd: ROOT,
    quiet: true,
  });
  // Maven keeps the old jar when no class changed; mark it as built from the current sources.
  const now = new Date();
  utimesSync(ENGINE_JAR, now, now);
}

export async function ensureAdminUi() {
  const built = mtime(join(ADMIN_UI_DIST, 'index.html'));
  const inputs = Math.max(
    newest(['admin-ui/src', 'admin-ui/index.html', 'admin-ui/vite.config.ts', 'admin-ui/package.json', 'common/src']),
    mtime(INSTALLED_MARKER),
  );
  if (built >= inputs) return;
  step('Building the admin UI (Vite)…');
  // Vite alone: the type check belongs to `npm test`, and a type error must not keep the system from starting.
  await run(bin('vite'), ['build', '--logLevel', 'warn'], { cwd: join(ROOT, 'admin-ui') });
}

/**
 * The workspaces compiled to JavaScript for production, those with a tsconfig.build.json, in the
 * order the root package.json lists them (each after what it imports).
 */
export function compiledWorkspaces() {
  const { workspaces } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return workspaces.filter((workspace) => existsSync(join(ROOT, workspace, 'tsconfig.build.json')));
}

/** What a workspace's compiled output is made from: each tsconfig.build*.json and what it includes. */
async function compileInputs(workspace) {
  const { default: ts } = await import('typescript');
  const configs = readdirSync(join(ROOT, workspace)).filter((name) => /^tsconfig\.build.*\.json$/.test(name));
  return configs.flatMap((name) => {
    const { config } = ts.readConfigFile(join(ROOT, workspace, name), ts.sys.readFile);
    return [name, 'package.json', ...(config?.include ?? [])].map((path) => join(workspace, path));
  });
}

/** Written into each dist/ once everything compiled without error. */
const COMPILED_STAMP = '.compiled';

export async function ensureCompiled() {
  const workspaces = compiledWorkspaces();
  const compiled = Math.min(...workspaces.map((workspace) => mtime(join(ROOT, workspace, 'dist', COMPILED_STAMP))));
  const inputs = Math.max(
    newest(['tsconfig.base.json', 'tsconfig.build.base.json', ...(await Promise.all(workspaces.map(compileInputs))).flat()]),
    mtime(INSTALLED_MARKER),
  );
  if (compiled >= inputs) return;
  step(`Compiling ${workspaces.join(', ')} to JavaScript (tsc)…`);
  const projects = workspaces.map((workspace) => join(workspace, 'tsconfig.build.json'));
  try {
    await run(bin('tsc'), ['-b', ...projects], { cwd: ROOT, quiet: true });
  } catch (error) {
    // tsc emits despite type errors. As with the UI, they belong to `npm test` and must not keep the
    // system from starting; without the stamp, the next start compiles again.
    console.warn(`  tsc reported errors; starting with what it emitted.\n${String(error.message ?? error).slice(-3000)}`);
    return;
  }
  for (const workspace of workspaces) writeFileSync(join(ROOT, workspace, 'dist', COMPILED_STAMP), '');
}

/**
 * For what runs our compiled entry points outside `npm start` (tests, benchmarks): compiles what is
 * missing or stale (nothing when it is up to date) and returns the Node.js 24+ binary to run them on.
 */
export async function compiledRuntime() {
  await ensureCompiled();
  return ensureNodeRuntime();
}

/** Everything `npm start` and `npm test` need before anything runs. */
export async function prepareAll() {
  await ensureInstalled();
  await ensurePrismaClient();
  await ensureNodeRuntime();
  // Independent builds: together, Maven's JVM start-up and file I/O overlap with tsc and Vite.
  await Promise.all([ensureEngineJar(), ensureCompiled(), ensureAdminUi()]);
}
