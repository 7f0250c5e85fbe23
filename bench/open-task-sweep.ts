/**
 * How long the workers' sweep of open tasks (domain/src/open-tasks.ts) takes to read every open task
 * of the engine, page by page, at the province's size: read from where the last page ended
 * (`everyOpenTask`, what the sweep does) beside the offset paging it did before, kept here as the
 * baseline; and the same for the reconciler's read of every running process of the procedures
 * (`runningInstancesStartedBefore`, domain/src/reconciliation.ts). All run in the same run against the
 * engine of `npm run bench`'s seeded databases, which must exist (run `npm run bench` first).
 *
 *   node --conditions=@motcua/source --import tsx bench/open-task-sweep.ts [--page=500]
 *
 * Environment: BENCH_PG_URL, BENCH_ENGINE_DB as for `npm run bench`. Starts the engine jar on a free
 * port of 127.0.0.1 and stops it by its PID at the end.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PROCESS_KEYS } from '@motcua/common';
import { createEngineClient, type EngineClient, type EngineHistoricProcessInstance, type EngineTask } from '@motcua/common/engine';
import { freePort } from '@motcua/common/testing';
import { everyOpenTask, runningInstancesStartedBefore } from '@motcua/domain';
import { createStack, ROOT, type EngineAccess } from './province/stack.js';

const pageSize = Number(process.argv.find((arg) => arg.startsWith('--page='))?.split('=')[1] ?? 500);
const admin = new URL(process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
const engineDb = process.env.BENCH_ENGINE_DB ?? 'motcua_bench_engine';

/** The sweep's read before: every open task by offset, in the order of the task ids. */
async function byOffset(engine: EngineClient): Promise<EngineTask[]> {
  const all: EngineTask[] = [];
  for (let firstResult = 0; ; firstResult += pageSize) {
    const page = await engine.queryTasks({ sorting: [{ sortBy: 'id', sortOrder: 'asc' }] }, { firstResult, maxResults: pageSize });
    all.push(...page);
    if (page.length < pageSize) return all;
  }
}

/** The reconciler's read before: every running process of the procedures by offset, in the order of their ids. */
async function processesByOffset(engine: EngineClient, startedBefore: Date): Promise<EngineHistoricProcessInstance[]> {
  const all: EngineHistoricProcessInstance[] = [];
  for (let firstResult = 0; ; firstResult += pageSize) {
    const query = { processDefinitionKeyIn: Object.values(PROCESS_KEYS), unfinished: true, startedBefore };
    const page = await engine.historicProcessInstances(query, { firstResult, maxResults: pageSize });
    all.push(...page);
    if (page.length < pageSize) return all;
  }
}

/** The reconciler's read now. */
async function processesFromWhereTheLastPageEnded(engine: EngineClient, startedBefore: Date) {
  const all: EngineHistoricProcessInstance[] = [];
  const pages = runningInstancesStartedBefore(engine, Object.values(PROCESS_KEYS), startedBefore, pageSize);
  for await (const page of pages) all.push(...page);
  return all;
}

async function timed(label: string, read: () => Promise<{ id: string }[]>) {
  const began = performance.now();
  const records = await read();
  const seconds = (performance.now() - began) / 1000;
  console.log(`  ${label.padEnd(46)} ${records.length} read in ${seconds.toFixed(1)} s`);
  return { ids: new Set(records.map((record) => record.id)), seconds };
}

function compare(before: Awaited<ReturnType<typeof timed>>, after: Awaited<ReturnType<typeof timed>>) {
  const same = before.ids.size === after.ids.size && [...before.ids].every((id) => after.ids.has(id));
  console.log(`  ratio ${(before.seconds / after.seconds).toFixed(1)} ×; the same records: ${same ? 'yes' : 'NO'}`);
}

const logDir = join(ROOT, 'data', 'bench', 'logs', `sweep-${new Date().toISOString().replace(/[:.]/g, '-')}`);
mkdirSync(logDir, { recursive: true });
const stack = createStack(logDir);
try {
  const access: EngineAccess = { url: '', user: 'bench', password: randomBytes(18).toString('base64url') };
  const port = await freePort();
  access.url = `http://127.0.0.1:${port}/engine-rest`;
  await stack.engine({
    port,
    jdbcUrl: `jdbc:postgresql://${admin.hostname}:${admin.port || 5432}/${engineDb}`,
    dataDir: join(ROOT, 'data', 'bench', 'engine'),
    access,
  });
  const engine = createEngineClient({ baseUrl: access.url, user: access.user, password: access.password, timeoutMs: 600_000 });
  console.log(`Reading every open task of ${engineDb}, ${pageSize} a page:`);
  compare(
    await timed('by offset (the sweep before, baseline)', () => byOffset(engine)),
    await timed('from where the last page ended (everyOpenTask)', () => everyOpenTask(engine, pageSize)),
  );
  const now = new Date();
  console.log(`Reading every running process of the procedures, ${pageSize} a page:`);
  compare(
    await timed('by offset (the reconciler before, baseline)', () => processesByOffset(engine, now)),
    await timed('from where the last page ended (reconciler)', () => processesFromWhereTheLastPageEnded(engine, now)),
  );
} finally {
  await stack.stopAll();
}
