/**
 * Seeds the benchmark's province at scale through the fast path (bench/README.md): the agencies and
 * procedures as an administrator would add them, the history of finished dossiers as rows, and the
 * open dossiers as processes started at their first user task plus the rows their reception and
 * compute-appointment write. A marker in both databases (schema `bench`) records the seed's version
 * and size, so a second run with the same size reuses them.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { readProcessSteps, USER_TASKS, type ProcessStep } from '@motcua/common';
import { toVietnamDate, type LegalClock, type LegalClockSetup, type WorkingCalendar } from '@motcua/common/calendar';
import { formatDossierCode, dossierCodeDay } from '@motcua/db';
import { connectIfPresent } from '../kept-database.js';
import { apportion, applicant, provinceAgencies, randomFrom, type BenchAgency } from './model.js';
import {
  atRiskEvent,
  engineId,
  receivedAndPlanned,
  receptionWithoutProcess,
  returnedDossier,
  type DossierInput,
  type DossierRows,
} from './rows.js';
import { engineCall, engineClient, plannedVariables, startAt } from './engine.js';
import { insertDossiers } from './write.js';
import type { EngineAccess } from './stack.js';

/** Raise when what the fast path writes changes: a seed of another version is dropped and made again. */
export const SEED_VERSION = 1;

export interface Scale {
  dossiers: number;
  openTasks: number;
}

export interface SeedMarker extends Scale {
  id: string;
  version: number;
  seededAt: Date;
  seconds: number;
}

const MARKER_DDL = `CREATE SCHEMA IF NOT EXISTS bench;
  CREATE TABLE IF NOT EXISTS bench.seed (id text PRIMARY KEY, version int NOT NULL, dossiers int NOT NULL,
    open_tasks int NOT NULL, seeded_at timestamptz NOT NULL, seconds numeric NOT NULL)`;

/** The marker of a database, or null when it has none (or the database does not exist). */
export async function readMarker(url: string): Promise<SeedMarker | null> {
  const client = await connectIfPresent(url);
  if (!client) return null;
  try {
    const exists = await client.query(`SELECT to_regclass('bench.seed') IS NOT NULL AS exists`);
    if (!exists.rows[0].exists) return null;
    const { rows } = await client.query('SELECT * FROM bench.seed LIMIT 1');
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      version: row.version,
      dossiers: row.dossiers,
      openTasks: row.open_tasks,
      seededAt: row.seeded_at,
      seconds: Number(row.seconds),
    };
  } finally {
    await client.end();
  }
}

export async function writeMarker(url: string, marker: SeedMarker): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(MARKER_DDL);
    await client.query('DELETE FROM bench.seed');
    await client.query('INSERT INTO bench.seed VALUES ($1, $2, $3, $4, $5, $6)', [
      marker.id,
      marker.version,
      marker.dossiers,
      marker.openTasks,
      marker.seededAt,
      marker.seconds,
    ]);
  } finally {
    await client.end();
  }
}

/** Usernames of the officers of an agency: the demo accounts where the demo seed has them. */
export function officersOf(agency: BenchAgency): { receptionist: string; specialist: string; leader: string } {
  if (agency.demo && agency.level === 'district') return { receptionist: 'receptionist', specialist: 'specialist', leader: 'leader' };
  if (agency.demo) return { receptionist: 'xa.receptionist', specialist: 'xa.specialist', leader: 'xa.leader' };
  return { receptionist: `tn.${agency.code}`, specialist: `cv.${agency.code}`, leader: `ld.${agency.code}` };
}

/** A procedure of the catalogue with what the fast path needs of its version and process. */
export interface CatalogueProcedure {
  id: string;
  code: string;
  agency: { id: string; code: string; name: string };
  version: DossierInput['version'] & { processingDays: number; processKey: string };
  definitionId: string;
  steps: ProcessStep[];
}

/** Adds the province's agencies and procedures the demo seed lacks, as an administrator would. */
async function ensureCatalogue(pool: pg.Pool, agencies: readonly BenchAgency[]): Promise<void> {
  for (const agency of agencies.filter((entry) => !entry.demo)) {
    await pool.query(
      `INSERT INTO "Agency" (id, code, name, "parentId", "parentName", place)
       SELECT gen_random_uuid(), $1, $2, parent.id, upper(parent.name), $3 FROM "Agency" parent WHERE parent.code = $4
       ON CONFLICT (code) DO NOTHING`,
      [agency.code, agency.name, agency.name.replace(/^UBND (huyện|xã) /, ''), agency.parentCode],
    );
  }
  for (const agency of agencies) {
    for (const procedure of agency.procedures.filter((entry) => entry.code !== entry.template.code)) {
      const template = procedure.template;
      await pool.query(
        `WITH p AS (
           INSERT INTO "Procedure" (id, code, "agencyId") SELECT gen_random_uuid(), $1, id FROM "Agency" WHERE code = $2
           ON CONFLICT (code) DO NOTHING RETURNING id)
         INSERT INTO "ProcedureVersion" (id, "procedureId", version, name, field, level, "processingDays", fees,
           "requiredDocuments", "legalBasis", "processKey", "effectiveFrom", "createdBy")
         SELECT gen_random_uuid(), p.id, 1, $3, $4, $5::"ProcedureLevel", $6, $7::jsonb, $8::jsonb, $9, $10, $11, 'bench' FROM p`,
        [
          procedure.code,
          agency.code,
          template.name,
          template.field,
          template.level,
          template.processingDays,
          JSON.stringify(template.fees),
          JSON.stringify(template.requiredDocuments),
          template.legalBasis,
          template.processKey,
          template.effectiveFrom,
        ],
      );
    }
  }
}

/** The catalogue as the fast path uses it: each procedure with its latest version and deployed process. */
export async function loadCatalogue(pool: pg.Pool, access: EngineAccess): Promise<Map<string, CatalogueProcedure>> {
  const engine = engineClient(access);
  const { rows } = await pool.query(
    `SELECT DISTINCT ON (p.id) p.id, p.code, a.id AS "agencyId", a.code AS "agencyCode", a.name AS "agencyName",
            v.id AS "versionId", v.name, v."processingDays", v."processKey", v."requiredDocuments"
       FROM "Procedure" p JOIN "Agency" a ON a.id = p."agencyId" JOIN "ProcedureVersion" v ON v."procedureId" = p.id
      ORDER BY p.id, v.version DESC`,
  );
  const definitions = new Map<string, { id: string; steps: ProcessStep[] }>();
  for (const key of new Set(rows.map((row) => row.processKey as string))) {
    const { id, bpmn20Xml } = await engine.latestDefinitionXml(key);
    definitions.set(key, { id, steps: readProcessSteps(bpmn20Xml, key) });
  }
  return new Map(
    rows.map((row) => {
      const definition = definitions.get(row.processKey)!;
      return [
        row.code,
        {
          id: row.id,
          code: row.code,
          agency: { id: row.agencyId, code: row.agencyCode, name: row.agencyName },
          version: {
            id: row.versionId,
            name: row.name,
            processingDays: row.processingDays,
            processKey: row.processKey,
            requiredDocuments: row.requiredDocuments,
          },
          definitionId: definition.id,
          steps: definition.steps,
        },
      ];
    }),
  );
}

const DAY_MS = 86_400_000;

/** A working-hours instant (07:30–17:00 in Vietnam) of a working day, uniformly in [from, to). */
function workingInstant(random: () => number, calendar: WorkingCalendar, from: number, to: number): Date {
  for (;;) {
    const day = toVietnamDate(new Date(from + random() * (to - from)));
    // a weekend or a holiday has no counter open
    if (!calendar.isWorkingDay(day)) continue;
    const minute = calendar.officeHours.opensAt + Math.floor(random() * calendar.minutesPerDay);
    const hh = String(Math.floor(minute / 60)).padStart(2, '0');
    const mm = String(minute % 60).padStart(2, '0');
    const ss = String(Math.floor(random() * 60)).padStart(2, '0');
    return new Date(`${day}T${hh}:${mm}:${ss}+07:00`);
  }
}

type Fate = 'returned' | 'incomplete' | 'refused' | 'open';

interface Planned {
  procedure: CatalogueProcedure;
  receivedAt: Date;
  fate: Fate;
}

/**
 * One agency's dossiers: `closed` finished ones received over the two years before the last 30 days
 * (96 % returned, 2 % found incomplete at the counter and never brought back, 2 % refused there), and
 * `open` ones received recently enough that about one in ten is overdue (up to 1.12 of its legal
 * time ago; a same-day procedure counts one day).
 */
function planAgency(
  random: () => number,
  calendar: WorkingCalendar,
  procedures: readonly { procedure: CatalogueProcedure; share: number }[],
  closed: number,
  open: number,
  now: number,
): Planned[] {
  const planned: Planned[] = [];
  const shares = procedures.map((entry) => entry.share);
  apportion(closed, shares).forEach((count, i) => {
    for (let n = 0; n < count; n += 1) {
      const u = random();
      planned.push({
        procedure: procedures[i]!.procedure,
        receivedAt: workingInstant(random, calendar, now - 760 * DAY_MS, now - 30 * DAY_MS),
        fate: u < 0.02 ? 'incomplete' : u < 0.04 ? 'refused' : 'returned',
      });
    }
  });
  apportion(open, shares).forEach((count, i) => {
    const procedure = procedures[i]!.procedure;
    const span = Math.max(procedure.version.processingDays, 1) * 1.4 * DAY_MS;
    for (let n = 0; n < count; n += 1) {
      const receivedAt = new Date(Math.min(now - 60_000, now - random() * 1.12 * span));
      planned.push({ procedure, receivedAt, fate: 'open' });
    }
  });
  return planned.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
}

/** The steps each returned dossier went through, by who, as /api/tasks records them. */
function handledSteps(
  procedure: CatalogueProcedure,
  officers: ReturnType<typeof officersOf>,
  receivedAt: Date,
  finishedAt: Date,
) {
  const span = finishedAt.getTime() - receivedAt.getTime();
  const at = (fraction: number) => new Date(receivedAt.getTime() + Math.round(span * fraction));
  const tasks = [
    { activityId: 'appraisal', officer: officers.specialist, claimed: 0.05, completed: 0.4, data: { outcome: 'approve' } },
    { activityId: 'leader-approval', officer: officers.leader, claimed: 0.45, completed: 0.7, data: { outcome: 'approve' } },
    {
      activityId: 'return-result',
      officer: officers.receptionist,
      claimed: 0.9,
      completed: 0.995,
      data: { outcome: null, returnMethod: 'counter' },
    },
  ].filter((task) => procedure.steps.some((step) => step.activityId === task.activityId));
  return {
    tasks: tasks.map((task) => ({
      taskId: engineId(),
      activityId: task.activityId,
      officer: task.officer,
      claimedAt: at(task.claimed),
      completedAt: at(task.completed),
      data: task.data,
    })),
    resultReady: { at: at(0.72), activityInstanceId: `record-result-ready:${engineId()}` },
    returned: { at: finishedAt, activityInstanceId: `record-returned:${engineId()}` },
  };
}

/** When a finished dossier was returned: 95 % within its appointment, 5 % up to ten days late. */
function finishedAtOf(random: () => number, receivedAt: Date, dueAt: Date): Date {
  if (random() < 0.05) return new Date(dueAt.getTime() + (0.2 + random() * 10) * DAY_MS);
  const span = Math.max(dueAt.getTime() - receivedAt.getTime(), 3_600_000);
  return new Date(receivedAt.getTime() + span * (0.15 + 0.85 * random()));
}

const MISSING_ITEMS = ['Giấy chứng sinh (bản chính)', 'Tờ khai chưa có chữ ký của người đi đăng ký'];
const REFUSAL_REASON = 'Thửa đất không thuộc thẩm quyền giải quyết của cơ quan tiếp nhận';

/** The rows of a finished dossier, and the input they were made from. */
function closedRows(
  input: DossierInput,
  procedure: CatalogueProcedure,
  fate: Exclude<Fate, 'open'>,
  clock: LegalClock,
  random: () => number,
  officers: ReturnType<typeof officersOf>,
  publicBaseUrl: string,
): DossierRows {
  if (fate === 'incomplete') return receptionWithoutProcess(input, { kind: 'incomplete', missingItems: MISSING_ITEMS }, publicBaseUrl);
  if (fate === 'refused') return receptionWithoutProcess(input, { kind: 'refused', reason: REFUSAL_REASON }, publicBaseUrl);
  const { dueAt } = plannedVariables(clock, procedure.steps, input.receivedAt, procedure.version.processingDays);
  const planned = new Date(input.receivedAt.getTime() + 1500);
  const finishedAt = finishedAtOf(random, input.receivedAt, dueAt);
  return returnedDossier(
    input,
    // the process ended long ago; the engine's history cleanup (180 days) has removed it
    { processInstanceId: engineId(), processDefinitionId: procedure.definitionId },
    { dueAt, steps: procedure.steps.length, at: planned, activityInstanceId: `compute-appointment:${engineId()}` },
    handledSteps(procedure, officers, planned, finishedAt),
    publicBaseUrl,
  );
}

/**
 * An open dossier: its process started at its first user task with the variables reception and
 * compute-appointment set, then the rows they write.
 */
export async function openDossier(
  access: EngineAccess,
  input: DossierInput,
  procedure: CatalogueProcedure,
  clock: LegalClock,
  publicBaseUrl: string,
  plannedAt: Date,
): Promise<DossierRows> {
  const { dueAt, variables } = plannedVariables(clock, procedure.steps, input.receivedAt, procedure.version.processingDays);
  const instance = await startAt(access, procedure.version.processKey, USER_TASKS.appraisal, input.code, {
    dossierCode: input.code,
    procedureCode: procedure.code,
    agencyCode: procedure.agency.code,
    receivedAt: input.receivedAt,
    processingDays: procedure.version.processingDays,
    ...variables,
  });
  return receivedAndPlanned(
    input,
    { processInstanceId: instance.id, processDefinitionId: instance.definitionId },
    { dueAt, steps: procedure.steps.length, at: plannedAt, activityInstanceId: `compute-appointment:${engineId()}` },
    publicBaseUrl,
  );
}

/** Runs `work` on every item with at most `concurrency` at once. */
async function eachConcurrently<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
}

export interface SeedOptions {
  databaseUrl: string;
  engine: EngineAccess;
  setup: LegalClockSetup;
  scale: Scale;
  publicBaseUrl: string;
  log: (line: string) => void;
  /** Engine starts in flight (the engine has 2 cores too). */
  engineConcurrency?: number;
}

/**
 * The open user task of each process, for the at-risk flags: one engine query per batch of processes.
 */
async function openTasks(access: EngineAccess, processInstanceIds: string[]) {
  const tasks = await engineCall<{ id: string; processInstanceId: string; taskDefinitionKey: string }[]>(
    access,
    'POST',
    `/task?maxResults=${processInstanceIds.length * 2}`,
    { processInstanceIdIn: processInstanceIds },
  );
  return new Map(tasks.map((task) => [task.processInstanceId, task]));
}

/**
 * What the at-risk scan writes for the open dossiers of a batch that are due within the apology lead
 * time: their flag, with the open task offered to the specialists of the procedure's agency.
 */
async function withAtRiskFlags(
  access: EngineAccess,
  setup: LegalClockSetup,
  batch: { rows: DossierRows; procedure: CatalogueProcedure }[],
): Promise<DossierRows[]> {
  const now = new Date();
  const threshold = setup.clock.addWorkingMinutes(now, setup.apologyLeadMinutes);
  const atRisk = batch.filter(({ rows }) => rows.dossier.dueAt! <= threshold);
  if (atRisk.length === 0) return batch.map(({ rows }) => rows);
  const tasks = await openTasks(access, atRisk.map(({ rows }) => rows.dossier.processInstanceId!));
  for (const { rows, procedure } of atRisk) {
    const task = tasks.get(rows.dossier.processInstanceId!)!;
    const dueAt = rows.dossier.dueAt!;
    rows.events.push(
      atRiskEvent(rows.dossier.id, {
        dueAt,
        remainingWorkingMinutes: setup.clock.remainingAt(dueAt, now),
        task: { id: task.id, activityId: task.taskDefinitionKey, candidateGroups: [`specialist:${procedure.agency.code}`] },
        at: now,
      }),
    );
  }
  return batch.map(({ rows }) => rows);
}

type OpenInput = DossierInput & { planned: Planned };

/** Seeds the province at `scale` into databases that have the demo seed and the deployed processes. */
export async function seedProvince(options: SeedOptions): Promise<void> {
  // a crash mid-seed leaves no marker, and the next run seeds again from scratch: durability can wait for the end
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4, options: '-c synchronous_commit=off' });
  try {
    const indexes = await dropSecondaryIndexes(pool);
    await seedRows(pool, options);
    options.log(`  recreating ${indexes.length} indexes…`);
    for (const definition of indexes) await pool.query(definition);
    // as autovacuum leaves the tables between bursts of writes: the list's counts and the work list's
    // read their indexes alone only where the visibility map says the pages are all visible
    await pool.query('VACUUM ANALYZE');
  } finally {
    await pool.end();
  }
}

/** The tables the history fills, whose secondary indexes are built once at the end instead of row by row. */
const BULK_TABLES = ['Dossier', 'DossierEvent', 'Notification'];

/**
 * Drops the secondary indexes (not the primary keys) of BULK_TABLES; returns their definitions. The
 * trail's chain index stays: the trigger that chains each event reads the last one through it.
 */
async function dropSecondaryIndexes(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
        AND i.indexname NOT LIKE '%\\_chainSeq\\_key'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.contype = 'p')`,
    [BULK_TABLES],
  );
  for (const row of rows) await pool.query(`DROP INDEX "${row.indexname}"`);
  return rows.map((row) => String(row.indexdef));
}

async function seedRows(pool: pg.Pool, options: SeedOptions): Promise<void> {
  const { setup, scale, log, publicBaseUrl } = options;
  const clock = setup.clock;
  const agencies = provinceAgencies();
  await ensureCatalogue(pool, agencies);
  const catalogue = await loadCatalogue(pool, options.engine);
  const { rows: agencyRows } = await pool.query('SELECT id, code, name FROM "Agency"');
  const agencyByCode = new Map(agencyRows.map((row) => [row.code as string, row as { id: string; code: string; name: string }]));
  const weights = agencies.map((agency) => agency.weight);
  const closedCounts = apportion(scale.dossiers - scale.openTasks, weights);
  const openCounts = apportion(scale.openTasks, weights);
  const random = randomFrom(SEED_VERSION);
  const now = Date.now();
  const began = Date.now();
  const progress = { finished: 0, open: 0, flagged: 0, reported: Date.now() };
  const report = (force = false) => {
    if (!force && Date.now() - progress.reported < 30_000) return;
    progress.reported = Date.now();
    log(
      `  ${progress.finished} finished and ${progress.open} open dossiers written (${progress.flagged} flagged at risk), ` +
        `${((Date.now() - began) / 1000).toFixed(0)} s`,
    );
  };
  const sequences: { agencyId: string; day: string; lastValue: number }[] = [];

  // the open dossiers' processes are started while the history is written: the engine and the inserts overlap
  const openQueue: OpenInput[] = [];
  let planning = true;
  const starter = (async () => {
    while (planning || openQueue.length > 0) {
      if (openQueue.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      const chunk = openQueue.splice(0, 500);
      const started = await eachConcurrently(chunk, options.engineConcurrency ?? 10, async (input) => ({
        procedure: input.planned.procedure,
        rows: await openDossier(options.engine, input, input.planned.procedure, clock, publicBaseUrl, new Date(input.receivedAt.getTime() + 1500)),
      }));
      const rows = await withAtRiskFlags(options.engine, setup, started);
      await insertDossiers(pool, rows);
      progress.open += rows.length;
      progress.flagged += rows.filter((entry) => entry.events.some((event) => event.type === 'at_risk')).length;
      report();
    }
  })();
  // a failure of the starter ends the seed at once rather than after the history
  let failure: unknown = null;
  starter.catch((error: unknown) => (failure = error));

  for (const [index, agency] of agencies.entries()) {
    if (failure) break;
    const receiving = agencyByCode.get(agency.code)!;
    const officers = officersOf(agency);
    const procedures = agency.procedures.map((entry) => ({ procedure: catalogue.get(entry.code)!, share: entry.share }));
    const planned = planAgency(random, setup.calendar, procedures, closedCounts[index]!, openCounts[index]!, now);
    // codes in the order of receipt, gap-free per agency and Vietnamese day (prisma/src/dossier-code.ts)
    const byDay = new Map<string, number>();
    const inputs = planned.map((entry): OpenInput => {
      const day = dossierCodeDay(entry.receivedAt);
      const sequence = (byDay.get(day) ?? 0) + 1;
      byDay.set(day, sequence);
      return {
        id: randomUUID(),
        code: formatDossierCode(agency.code, day, sequence),
        agency: receiving,
        procedure: { id: entry.procedure.id, code: entry.procedure.code },
        version: entry.procedure.version,
        applicant: applicant(random, agency.name.replace(/^UBND /, '')),
        receivedAt: entry.receivedAt,
        receivedBy: officers.receptionist,
        planned: entry,
      };
    });
    for (const [day, lastValue] of byDay) sequences.push({ agencyId: receiving.id, day, lastValue });
    openQueue.push(...inputs.filter((input) => input.planned.fate === 'open'));

    const closed = inputs.filter((input) => input.planned.fate !== 'open');
    for (let i = 0; i < closed.length; i += 2000) {
      const batch = closed
        .slice(i, i + 2000)
        .map((input) =>
          closedRows(input, input.planned.procedure, input.planned.fate as Exclude<Fate, 'open'>, clock, random, officers, publicBaseUrl),
        );
      await insertDossiers(pool, batch);
      progress.finished += batch.length;
      report();
    }
  }
  planning = false;
  await starter;
  report(true);
  for (let i = 0; i < sequences.length; i += 5000) {
    const batch = sequences.slice(i, i + 5000);
    await pool.query(
      `INSERT INTO "DossierSequence" ("agencyId", day, "lastValue")
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[])
       ON CONFLICT ("agencyId", day) DO UPDATE SET "lastValue" = GREATEST("DossierSequence"."lastValue", EXCLUDED."lastValue")`,
      [batch.map((row) => row.agencyId), batch.map((row) => row.day), batch.map((row) => row.lastValue)],
    );
  }
}
