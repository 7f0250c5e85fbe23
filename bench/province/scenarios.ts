/**
 * What the province-scale benchmark measures, each beside its baseline and the target of issue 8:
 * intake against the engine's own start, the point reads against a bare Fastify + pg read, the work
 * list, the dossier list filters, the register and the report queries.
 */
import type { Agent } from 'node:http';
import type pg from 'pg';
import { toEngineVariables } from '@motcua/common/engine';
import { Refused, runLoad, send, type LoadResult } from './load.js';
import { applicant, randomFrom } from './model.js';
import { handedIn, type DossierInput } from './rows.js';
import { createAppointmentWatcher } from './appointments.js';
import type { CpuMeter, CpuUse } from './cpu.js';
import { BASELINE_KEY } from './engine.js';
import type { EngineAccess } from './stack.js';

/** A target of issue 8: a share of the baseline's rate, or a ceiling on the 95th percentile. */
export type Target = { kind: 'rate'; ofBaseline: number } | { kind: 'p95'; ms: number };

export interface Scenario {
  id: string;
  label: string;
  /** The scenario whose rate this one is compared with. */
  baseline?: string;
  target?: Target;
  /** Fewer clients or requests for the heaviest requests (the default: every client, the whole time). */
  clients?: number;
  maxRequests?: number;
  /** What the officer or client is (for the table). */
  who: string;
  /** One measured operation; throws on a failed answer. */
  operation: (client: number, agent: Agent, index: number) => Promise<void>;
}

export interface Measured {
  scenario: Scenario;
  result: LoadResult | null;
  /** Why it was not measured (e.g. the route does not exist yet). */
  skipped?: string;
  /** Where the machine's CPU went during the measured phase. */
  cpu?: CpuUse;
}

/** What the scenarios need: where the services are, who logs in, which rows exist. */
export interface ScenarioContext {
  serverUrl: string;
  bareUrl: string;
  engine: EngineAccess;
  pool: pg.Pool;
  tokens: Record<'intake' | 'specialist' | 'leader' | 'admin', string>;
  /** Codes of dossiers the district's officers may read, and of the whole province (the citizens'). */
  districtCodes: string[];
  provinceCodes: string[];
  /** Applicant names and identity numbers to search for. */
  searches: string[];
  /** The intake procedure (birth registration at the commune of the intake receptionist). */
  intake: {
    procedureCode: string;
    agencyCode: string;
    processingDays: number;
    version: DossierInput['version'];
    place: string;
  };
  /** A month and a year of history, as register periods (YYYY-MM-DD). */
  month: { from: string; to: string };
  year: { from: string; to: string };
  /** How long to poll for the appointment before an intake counts as failed. */
  intakeTimeoutMs: number;
}

async function expectOk(
  agent: Agent,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<string> {
  const answer = await send(agent, url, init);
  const request = `${init.method ?? 'GET'} ${url.replace(/^https?:\/\/[^/]+/, '')}`;
  // a read refused by the heavy-report limit; a write's 503 (the engine away) stays a failure
  if (answer.status === 503 && (init.method ?? 'GET') === 'GET') {
    throw new Refused(`${request} → 503: ${answer.body.slice(0, 120)}`);
  }
  if (answer.status < 200 || answer.status >= 300) {
    throw new Error(`${request} → ${answer.status}: ${answer.body.slice(0, 300)}`);
  }
  return answer.body;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The scenarios, in the order of the table. */
export function scenarios(context: ScenarioContext): Scenario[] {
  const { serverUrl, tokens } = context;
  const random = randomFrom(8);
  /** The entry for a request index (negative for the first, probing request). */
  const pick = <T>(list: readonly T[], index: number) => list[((index % list.length) + list.length) % list.length]!;
  const api = (token: string, path: string) => (_client: number, agent: Agent) =>
    expectOk(agent, `${serverUrl}${path}`, { headers: bearer(token) }).then(() => undefined);
  const engineAuth = `Basic ${Buffer.from(`${context.engine.user}:${context.engine.password}`).toString('base64')}`;
  const run = `${Date.now().toString(36)}`;
  const appointments = createAppointmentWatcher(context.pool, context.intakeTimeoutMs);

  return [
    {
      id: 'intake-engine',
      label: 'intake baseline: the engine starts the same diagram (topics unclaimed)',
      who: 'engine REST',
      async operation(_client, agent, index) {
        const code = `BENCH-${run}-${index}`;
        await expectOk(agent, `${context.engine.url}/process-definition/key/${BASELINE_KEY}/start`, {
          method: 'POST',
          headers: { authorization: engineAuth, 'content-type': 'application/json' },
          body: JSON.stringify({
            businessKey: code,
            variables: toEngineVariables({
              dossierCode: code,
              procedureCode: context.intake.procedureCode,
              agencyCode: context.intake.agencyCode,
              receivedAt: new Date(),
              processingDays: context.intake.processingDays,
            }),
          }),
        });
      },
    },
    {
      id: 'intake',
      label: 'intake end to end: POST /api/dossiers until the worker has planned dueAt',
      who: 'commune receptionist',
      baseline: 'intake-engine',
      target: { kind: 'rate', ofBaseline: 0.5 },
      async operation(_client, agent) {
        const body = await expectOk(agent, `${serverUrl}/api/dossiers`, {
          method: 'POST',
          headers: { ...bearer(tokens.intake), 'content-type': 'application/json' },
          body: JSON.stringify({
            procedureCode: context.intake.procedureCode,
            applicant: applicant(random, context.intake.place),
            documents: handedIn(context.intake.version),
          }),
        });
        const { code } = JSON.parse(body) as { code: string };
        await appointments.planned(code);
      },
    },
    {
      id: 'bare-read',
      label: 'point read baseline: bare Fastify + pg, same row',
      who: 'none',
      operation: (_client, agent, index) =>
        expectOk(agent, `${context.bareUrl}/dossiers/${encodeURIComponent(pick(context.provinceCodes, index))}`).then(
          () => undefined,
        ),
    },
    {
      id: 'public-lookup',
      label: 'citizen lookup GET /api/public/dossiers/:code',
      who: 'anyone',
      baseline: 'bare-read',
      target: { kind: 'rate', ofBaseline: 0.5 },
      operation: (_client, agent, index) =>
        expectOk(
          agent,
          `${serverUrl}/api/public/dossiers/${encodeURIComponent(pick(context.provinceCodes, index))}`,
        ).then(() => undefined),
    },
    {
      id: 'officer-read',
      label: 'officer point read GET /api/dossiers/:code',
      who: 'district specialist',
      baseline: 'bare-read',
      target: { kind: 'rate', ofBaseline: 0.5 },
      operation: (client, agent, index) =>
        api(tokens.specialist, `/api/dossiers/${encodeURIComponent(pick(context.districtCodes, index))}`)(
          client,
          agent,
        ),
    },
    {
      id: 'tasks-first-page',
      label: 'work list, first page GET /api/tasks',
      who: 'district specialist',
      target: { kind: 'p95', ms: 50 },
      operation: api(tokens.specialist, '/api/tasks'),
    },
    {
      id: 'tasks-procedure',
      label: 'work list filtered by procedure GET /api/tasks?procedureCode=1.001612',
      who: 'district specialist',
      target: { kind: 'p95', ms: 50 },
      operation: api(tokens.specialist, '/api/tasks?procedureCode=1.001612'),
    },
    {
      id: 'tasks-overdue',
      label: 'work list filtered by timeliness GET /api/tasks?timeliness=overdue',
      who: 'district specialist',
      target: { kind: 'p95', ms: 50 },
      operation: api(tokens.specialist, '/api/tasks?timeliness=overdue'),
    },
    ...(['admin', 'specialist'] as const).flatMap((officer): Scenario[] => {
      const who = officer === 'admin' ? 'province admin (all dossiers)' : 'district specialist (its subtree)';
      const list = (query: (index: number) => string) => (client: number, agent: Agent, index: number) =>
        api(tokens[officer], `/api/dossiers?${query(index)}`)(client, agent);
      const filters: [id: string, label: string, query: (index: number) => string][] = [
        ['first', 'dossier list, first page GET /api/dossiers', () => ''],
        ['status', 'dossier list ?status=in_progress', () => 'status=in_progress'],
        ['timeliness', 'dossier list ?timeliness=overdue', () => 'timeliness=overdue'],
        [
          'q',
          'dossier list ?q=<applicant name or identity number>',
          (index) => `q=${encodeURIComponent(pick(context.searches, index))}`,
        ],
      ];
      return filters.map(([id, label, query]) => ({
        id: `list-${officer}-${id}`,
        label,
        who,
        target: { kind: 'p95', ms: 100 },
        operation: list(query),
      }));
    }),
    // a month's register is a leader's monthly print: its target is the time of one, measured with
    // one client; with 8 at once (the other two paths) it shows what a burst of them costs
    ...(
      [
        ['district', 'district leader (its subtree)', tokens.leader],
        ['province', 'province admin (all dossiers)', tokens.admin],
      ] as const
    ).flatMap(([scope, who, token]) => {
      const operation = api(token, `/api/reports/register?from=${context.month.from}&to=${context.month.to}`);
      const label = `register, a month (${context.month.from}…${context.month.to})`;
      return [
        {
          id: `register-month-${scope}-alone`,
          label: `${label}, one request at a time`,
          who,
          clients: 1,
          target: { kind: 'p95', ms: 1000 } as Target,
          operation,
        },
        { id: `register-month-${scope}`, label: `${label}, 8 at once`, who, operation },
      ];
    }),
    {
      id: 'register-year-district',
      label: `register, a year (${context.year.from}…${context.year.to})`,
      who: 'district leader (its subtree)',
      clients: 2,
      maxRequests: 20,
      operation: api(tokens.leader, `/api/reports/register?from=${context.year.from}&to=${context.year.to}`),
    },
    {
      id: 'report-apologies',
      label: `apologies per agency, a year GET /api/reports/apologies`,
      who: 'province admin',
      operation: api(tokens.admin, `/api/reports/apologies?from=${context.year.from}&to=${context.year.to}`),
    },
    {
      id: 'report-at-risk',
      label: 'dossiers at risk GET /api/reports/at-risk',
      who: 'district leader',
      operation: api(tokens.leader, '/api/reports/at-risk'),
    },
    ...(['month', 'year'] as const).map((span) => ({
      id: `report-statistics-${span}`,
      label: `statistics (Biểu 06) per agency, a ${span} GET /api/reports/statistics`,
      who: 'province admin',
      operation: api(tokens.admin, `/api/reports/statistics?from=${context[span].from}&to=${context[span].to}`),
    })),
  ];
}

/**
 * Measures one scenario after a first request that must succeed (three tries, 5 s apart: a freshly
 * started engine can time out); a route that answers 404 to it is reported as missing.
 */
export async function measure(
  scenario: Scenario,
  options: { clients: number; seconds: number; cpu?: CpuMeter },
): Promise<Measured> {
  const { Agent: HttpAgent } = await import('node:http');
  const agent = new HttpAgent({ keepAlive: true });
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await scenario.operation(0, agent, -attempt);
        break;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (/→ 404/.test(message)) return { scenario, result: null, skipped: 'no such route yet (404)' };
        if (attempt === 3) return { scenario, result: null, skipped: `failed three times: ${message.slice(0, 160)}` };
        await sleep(5000);
      }
    }
  } finally {
    agent.destroy();
  }
  const meter = options.cpu;
  let cpu: CpuUse | undefined;
  const result = await runLoad({
    clients: scenario.clients ?? options.clients,
    seconds: options.seconds,
    warmup: 1,
    ...(scenario.maxRequests === undefined ? {} : { maxRequests: scenario.maxRequests }),
    operation: scenario.operation,
    ...(meter
      ? {
          onMeasuredPhase: (() => {
            let before: Awaited<ReturnType<CpuMeter['snapshot']>>;
            return {
              begin: async () => void (before = await meter.snapshot()),
              end: async () => void (cpu = meter.between(before, await meter.snapshot())),
            };
          })(),
        }
      : {}),
  });
  return { scenario, result, ...(cpu ? { cpu } : {}) };
}
