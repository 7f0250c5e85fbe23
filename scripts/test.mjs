/**
 * `npm test`: every test of the repository from a fresh clone. Installs and builds what is missing,
 * type-checks and lints, runs each workspace's vitest suite (unit tests and integration tests against
 * the real engine and the machine's PostgreSQL), the repository checks, then the Playwright journeys
 * against the whole stack, all on the Node.js production runs on (see lib/node-runtime.mjs). Ends with
 * one summary line: "N passed, N failed, N skipped".
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { ensureNodeRuntime } from './lib/node-runtime.mjs';
import { prepareAll } from './lib/prepare.mjs';
import { ROOT, bin } from './lib/paths.mjs';
import { run } from './lib/children.mjs';

const resultsDir = join(ROOT, '.tmp', 'test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

// The generative suites (authorization matrix, fuzzing, procedure walks, policy cases) report their sizes here.
const generativeDir = join(resultsDir, 'generative');
process.env.MOTCUA_GENERATIVE_COUNTS = generativeDir;

const WORKSPACES_WITH_TESTS = ['common', 'prisma', 'domain', 'processes', 'workers', 'server', 'admin-ui'];
const TYPECHECKED = ['.', 'common', 'prisma', 'domain', 'processes', 'workers', 'server', 'admin-ui', 'e2e'];

/** @type {{ suite: string, passed: number, failed: number, skipped: number, seconds: number }[]} */
const results = [];
/** The names of the failed tests, printed beside the summary: a CI log often keeps only its tail. */
const failures = [];

async function timed(suite, fn) {
  const started = Date.now();
  console.log(`\n━━ ${suite}`);
  const counts = await fn();
  results.push({ suite, ...counts, seconds: (Date.now() - started) / 1000 });
}

/** A check that is one test: it passes when the command exits 0. */
async function check(suite, command, args, cwd = ROOT) {
  await timed(suite, async () => {
    try {
      await run(command, args, { cwd });
      return { passed: 1, failed: 0, skipped: 0 };
    } catch (error) {
      console.error(String(error.message ?? error));
      return { passed: 0, failed: 1, skipped: 0 };
    }
  });
}

async function vitest(suite, cwd, extraArgs = []) {
  await timed(suite, async () => {
    const output = join(resultsDir, `${suite.replaceAll('/', '-')}.json`);
    let exitedOk = true;
    try {
      await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${output}`, ...extraArgs], { cwd });
    } catch {
      exitedOk = false;
    }
    if (!existsSync(output)) return { passed: 0, failed: 1, skipped: 0 };
    const report = JSON.parse(readFileSync(output, 'utf8'));
    for (const file of report.testResults ?? []) {
      const where = file.name.slice(ROOT.length + 1);
      const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
      for (const t of failedTests) failures.push(`${where} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
      if (file.status === 'failed' && failedTests.length === 0) failures.push(`${where}: ${firstLine(file.message)}`);
    }
    const failed = report.numFailedTests + (report.numFailedTestSuites ?? 0);
    return {
      passed: report.numPassedTests,
      failed: failed === 0 && !exitedOk ? 1 : failed,
      skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    };
  });
}

/** The engine's own tests (Maven Surefire), counted from Surefire's XML reports. */
async function maven() {
  await timed('engine (Maven)', async () => {
    const reports = join(ROOT, 'engine', 'target', 'surefire-reports');
    rmSync(reports, { recursive: true, force: true });
    let exitedOk = true;
    try {
      await run('mvn', ['-q', '-B', '-f', 'engine/pom.xml', 'test'], { cwd: ROOT });
    } catch {
      exitedOk = false;
    }
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const files = existsSync(reports) ? readdirSync(reports).filter((f) => /^TEST-.*\.xml$/.test(f)) : [];
    for (const file of files) {
      const head = /<testsuite[^>]*>/.exec(readFileSync(join(reports, file), 'utf8'))?.[0] ?? '';
      const attr = (name) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(head)?.[1] ?? 0);
      const failed = attr('failures') + attr('errors');
      counts.failed += failed;
      counts.skipped += attr('skipped');
      counts.passed += attr('tests') - failed - attr('skipped');
    }
    if (counts.failed === 0 && (!exitedOk || files.length === 0)) counts.failed = 1;
    return counts;
  });
}

async function playwright() {
  await timed('e2e (Playwright)', async () => {
    const output = join(resultsDir, 'e2e.json');
    let exitedOk = true;
    try {
      await run(bin('playwright'), ['test', '--reporter=list,json'], {
        cwd: join(ROOT, 'e2e'),
        env: { PLAYWRIGHT_JSON_OUTPUT_NAME: output },
      });
    } catch {
      exitedOk = false;
    }
    if (!existsSync(output)) return { passed: 0, failed: 1, skipped: 0 };
    const report = JSON.parse(readFileSync(output, 'utf8'));
    const { stats } = report;
    const walk = (suite) => {
      for (const spec of suite.specs ?? []) {
        for (const test of spec.tests ?? []) {
          if (test.status === 'unexpected') {
            const error = test.results?.at(-1)?.error?.message;
            failures.push(`e2e/${spec.file} › ${spec.title}: ${firstLine(error)}`);
          }
        }
      }
      for (const child of suite.suites ?? []) walk(child);
    };
    for (const suite of report.suites ?? []) walk(suite);
    const failed = stats.unexpected;
    return { passed: stats.expected + stats.flaky, failed: failed === 0 && !exitedOk ? 1 : failed, skipped: stats.skipped };
  });
}

/** The first line of an error message, without colours, short enough for a summary. */
function firstLine(message) {
  // eslint-disable-next-line no-control-regex
  const line = String(message ?? '').replace(/\u001b\[[0-9;]*m/g, '').split('\n').find((l) => l.trim() !== '') ?? '';
  return line.trim().slice(0, 240);
}

const startedAt = Date.now();
await prepareAll();
// Every tool below (tsc, eslint, vitest, Playwright, and the stack it starts) runs on the Node.js
// that production runs on, not on whichever started `npm test`.
process.env.PATH = `${dirname(await ensureNodeRuntime())}${delimiter}${process.env.PATH}`;
for (const workspace of TYPECHECKED) await check(`typecheck ${workspace === '.' ? 'root' : workspace}`, bin('tsc'), ['-p', `${workspace}/tsconfig.json`]);
await check('lint', bin('eslint'), ['.', '--max-warnings=0']);
await vitest('repository', ROOT);
await maven();
for (const workspace of WORKSPACES_WITH_TESTS) await vitest(workspace, join(ROOT, workspace));
await playwright();

const total = results.reduce((sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }), {
  passed: 0,
  failed: 0,
  skipped: 0,
});
console.log('\nSuite                          passed  failed  skipped  seconds');
for (const r of results) {
  console.log(`${r.suite.padEnd(30)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.skipped).padStart(7)}  ${r.seconds.toFixed(0).padStart(7)}`);
}
const generative = existsSync(generativeDir)
  ? readdirSync(generativeDir).map((file) => JSON.parse(readFileSync(join(generativeDir, file), 'utf8')))
  : [];
if (generative.length > 0) {
  console.log('\nGenerated cases');
  for (const { name, count, unit } of generative.sort((a, b) => a.name.localeCompare(b.name))) {
    console.log(`${name.padEnd(40)} ${String(count).padStart(7)}  ${unit}`);
  }
}
if (failures.length > 0) {
  console.log('\nFailed tests');
  for (const failure of failures) console.log(`✗ ${failure}`);
}
console.log(`(whole run ${((Date.now() - startedAt) / 1000).toFixed(0)} s)`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed === 0 ? 0 : 1);
