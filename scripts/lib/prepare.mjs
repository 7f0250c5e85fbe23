/**
 * Installs and builds what a fresh clone lacks, and only that: npm packages, the Prisma client, the
 * engine jar and the admin UI bundle. Each step compares timestamps so a warm start skips it.
 */
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ENGINE_JAR, ADMIN_UI_DIST } from './paths.mjs';
import { run } from './children.mjs';

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

function step(message) {
  console.log(`• ${message}`);
}

export async function ensureInstalled() {
  const marker = join(ROOT, 'node_modules', '.package-lock.json');
  if (mtime(marker) >= mtime(join(ROOT, 'package-lock.json'))) return;
  step('Installing npm packages (npm ci)…');
  await run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT });
}

export async function ensurePrismaClient() {
  const generated = join(ROOT, 'prisma', 'generated', 'client');
  if (existsSync(generated) && mtime(generated) >= mtime(join(ROOT, 'prisma', 'schema.prisma'))) return;
  step('Generating the Prisma client…');
  await run('node', ['prisma/scripts/generate.mjs'], { cwd: ROOT });
}

export async function ensureEngineJar() {
  if (mtime(ENGINE_JAR) >= newest(['engine/pom.xml', 'engine/src/main'])) return;
  step('Building the BPMN engine (Maven; the first build downloads its dependencies)…');
  await run('mvn', ['-q', '-B', '-DskipTests', '-f', 'engine/pom.xml', 'package'], { cwd: ROOT });
  // Maven keeps the old jar when no class changed; mark it as built from the current sources.
  const now = new Date();
  utimesSync(ENGINE_JAR, now, now);
}

export async function ensureAdminUi() {
  const built = mtime(join(ADMIN_UI_DIST, 'index.html'));
  if (built >= newest(['admin-ui/src', 'admin-ui/index.html', 'admin-ui/vite.config.ts', 'common/src'])) return;
  step('Building the admin UI (Vite)…');
  await run('npm', ['run', 'build', '-w', 'admin-ui'], { cwd: ROOT });
}

/** Everything `npm start` and `npm test` need before anything runs. */
export async function prepareAll() {
  await ensureInstalled();
  await ensurePrismaClient();
  // The engine build is Java and the UI build is Node: they do not compete much, so run them together.
  await Promise.all([ensureEngineJar(), ensureAdminUi()]);
}
