import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BASE_FIGURES,
  DOSSIER_CHANNELS,
  DOSSIER_STATUSES,
  STATISTICS_GROUPINGS,
  STATISTICS_INTERVALS,
  type BaseFigure,
  type DossierChannel,
  type DossierStatus,
  type Statistics,
  type StatisticsGrouping,
  type StatisticsInterval,
} from '@motcua/common';
import { appendEvent, phaseOf, type DossierPhase } from '@motcua/domain';
import { ClockPauseReason, type Db } from '@motcua/db';
import { ensureAccount } from '../../helpers/accounts.js';
import { ensureAgency, ensureProcedure } from '../../helpers/agency-tree.js';
import { build } from '../../helpers/build.js';
import { authHeader } from '../../helpers/requests.js';
import { periodBounds } from '../../../src/services/register-service.js';
import { subPeriods } from '../../../src/services/statistics-periods.js';

/**
 * The statistics (Biểu 06) of a generated set of dossiers against the same figures computed here,
 * in TypeScript and independently of the statement, from docs/legal.md §5.1: for every grouping and
 * every interval of the API, each row and the total.
 *
 * The dossiers are generated, not picked: every status of the vocabulary (its phase tells what
 * happened to the dossier: never started, open, paused, result ready, finished), every channel, a
 * receipt before and within the month, an appointment near, far or absent, processing ending before,
 * on or after the appointment's day, and none, one or two closed pauses of every reason (an open one
 * for a paused dossier). A test below checks that they reach every figure. The agency tree is
 * of its own (R97), so no other test file's dossiers are counted.
 */

const ROOT = { code: '000.00.00.R97', name: 'UBND tỉnh Đối Chiếu' };
const DISTRICT_A = { code: '000.00.01.R97', name: 'UBND huyện Đối Chiếu A' };
const DISTRICT_B = { code: '000.00.02.R97', name: 'UBND huyện Đối Chiếu B' };
const COMMUNE = { code: '000.01.01.R97', name: 'UBND xã Đối Chiếu' };
const LEADER = 'r97.leader';
const SPECIALISTS = [
  { username: 'r97.specialist.a', fullName: 'Trần Văn Một' },
  { username: 'r97.specialist.b', fullName: 'Lê Thị Hai' },
] as const;
/** Each procedure, the agency that resolves it and the branch of ROOT it is counted under. */
const PROCEDURES = [
  { code: 'R97.000001', field: 'Đất đai', name: 'Đăng ký đất đai lần đầu', agency: DISTRICT_A, branch: DISTRICT_A },
  { code: 'R97.000002', field: 'Hộ tịch', name: 'Đăng ký kết hôn', agency: DISTRICT_B, branch: DISTRICT_B },
  { code: 'R97.000003', field: 'Đất đai', name: 'Chuyển mục đích sử dụng đất', agency: COMMUNE, branch: DISTRICT_A },
] as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** An instant given in Vietnam time (UTC+7), 2026. */
function vn(month: number, day: number, hour = 9, minute = 0): Date {
  return new Date(Date.UTC(2026, month - 1, day, hour - 7, minute));
}
/** The Vietnamese calendar day of an instant, as a day number. */
function vietnamDay(at: Date): number {
  return Math.floor((at.getTime() + 7 * HOUR) / DAY);
}

interface Pause {
  reason: ClockPauseReason;
  pausedAt: Date;
  resumedAt: Date | null;
}

interface GeneratedDossier {
  code: string;
  status: DossierStatus;
  channel: DossierChannel;
  procedure: (typeof PROCEDURES)[number];
  receivedAt: Date;
  /** Whether reception accepted it (a `received` event): a dossier never started has none. */
  accepted: boolean;
  dueAt: Date | null;
  resultReadyAt: Date | null;
  finishedAt: Date | null;
  pauses: Pause[];
  /** Steps completed, by whom and when. */
  completions: { actor: string; at: Date }[];
}

/** How processing ended, against the appointment's day (or, without one, a day ten days after receipt). */
const ENDINGS = ['day before', 'same day, after the hour', 'two days after'] as const;
const RECEIPTS = [vn(10, 1), vn(11, 3)];
/** Days from receipt to the appointment: before the month ends, after it, and none. */
const APPOINTMENTS = [4, 45, null] as const;

function ending(receivedAt: Date, dueAt: Date | null, how: (typeof ENDINGS)[number]): Date {
  const anchor = dueAt ?? new Date(receivedAt.getTime() + 10 * DAY + 8 * HOUR);
  if (how === 'day before') return new Date(anchor.getTime() - DAY - 7 * HOUR);
  if (how === 'same day, after the hour') return new Date(anchor.getTime() + 90 * 60_000);
  return new Date(anchor.getTime() + 2 * DAY - 7 * HOUR);
}

/** The pauses a dossier of a phase may have had, from its receipt. */
function pauseSets(phase: DossierPhase, receivedAt: Date, status: DossierStatus): Pause[][] {
  const at = (days: number, hours = 0) => new Date(receivedAt.getTime() + days * DAY + hours * HOUR);
  const reasons = Object.values(ClockPauseReason);
  const closed = (reason: ClockPauseReason, from: number, to: number): Pause => ({
    reason,
    pausedAt: at(from),
    resumedAt: at(to),
  });
  if (phase === 'paused') {
    const reason: ClockPauseReason = status === 'awaiting_fees' ? 'fees' : 'supplement';
    return [
      [{ reason, pausedAt: at(2), resumedAt: null }],
      [closed('supplement', 1, 2), { reason, pausedAt: at(3), resumedAt: null }],
    ];
  }
  return [
    [],
    ...reasons.map((reason) => [closed(reason, 1, 3)]),
    ...reasons.map((reason) => [closed(reason, 1, 3), closed('supplement', 4, 4.25)]),
  ];
}

/** Every dossier of the set, generated from the vocabularies (see the module comment). */
function generate(): GeneratedDossier[] {
  const dossiers: GeneratedDossier[] = [];
  for (const status of DOSSIER_STATUSES) {
    const phase = phaseOf(status);
    for (const receivedAt of RECEIPTS) {
      for (const days of APPOINTMENTS) {
        // the appointment at 17:00, the receipt being at 9:00
        const dueAt =
          days === null || phase === 'not_started' ? null : new Date(receivedAt.getTime() + days * DAY + 8 * HOUR);
        const ended = phase === 'processed' || phase === 'final';
        for (const how of ended ? ENDINGS : [null]) {
          for (const pauses of phase === 'not_started' ? [[]] : pauseSets(phase, receivedAt, status)) {
            const end = how ? ending(receivedAt, dueAt, how) : null;
            // the result is ready when processing ends, unless the dossier was refused or withdrawn
            const resultReadyAt = end && (phase === 'processed' || status === 'returned') ? end : null;
            const finishedAt =
              phase === 'final' ? (resultReadyAt ? new Date(resultReadyAt.getTime() + DAY) : end) : null;
            const index = dossiers.length;
            const procedure = PROCEDURES[index % PROCEDURES.length]!;
            const specialist = SPECIALISTS[index % SPECIALISTS.length]!.username;
            const other = SPECIALISTS[(index + 1) % SPECIALISTS.length]!.username;
            dossiers.push({
              code: `${procedure.agency.code}-260101-${String(7000 + index)}`,
              status,
              channel: DOSSIER_CHANNELS[index % DOSSIER_CHANNELS.length]!,
              procedure,
              receivedAt,
              accepted: phase !== 'not_started',
              dueAt,
              resultReadyAt,
              finishedAt,
              pauses,
              completions:
                phase === 'not_started'
                  ? []
                  : [
                      // the receptionist's step, then a specialist's; another specialist before the end,
                      // and the leader's approval after it: the officer counted depends on the period's end
                      { actor: LEADER, at: new Date(receivedAt.getTime() + HOUR) },
                      { actor: specialist, at: new Date(receivedAt.getTime() + 2 * HOUR) },
                      ...(end
                        ? [
                            { actor: other, at: new Date(end.getTime() - HOUR) },
                            { actor: LEADER, at: new Date(end.getTime() - 30 * 60_000) },
                          ]
                        : []),
                    ],
            });
          }
        }
      }
    }
  }
  return dossiers;
}

/**
 * What one dossier counts as in one period [from, to), from docs/legal.md §5.1 (null: not counted),
 * and its handling officer then.
 */
function judge(
  dossier: GeneratedDossier,
  from: Date,
  to: Date,
): { figures: Set<BaseFigure>; officer: string | null } | null {
  if (!dossier.accepted || dossier.receivedAt >= to) return null;
  // processing ends when the result is ready, else when the dossier was finished
  const ended = dossier.resultReadyAt ?? dossier.finishedAt;
  if (ended && ended < from) return null;
  const evaluatedAt = ended && ended < to ? ended : to;
  const before = dossier.pauses.filter((pause) => pause.pausedAt < evaluatedAt);
  const pausedMs = before
    .filter((pause) => pause.resumedAt && pause.resumedAt <= evaluatedAt)
    .reduce((sum, pause) => sum + (pause.resumedAt!.getTime() - pause.pausedAt.getTime()), 0);
  const stillPaused = before
    .filter((pause) => !pause.resumedAt || pause.resumedAt > evaluatedAt)
    .map((pause) => pause.pausedAt.getTime());
  const judgedEnd = new Date((stillPaused.length > 0 ? Math.min(...stillPaused) : evaluatedAt.getTime()) - pausedMs);
  const supplements = before.filter((pause) => pause.reason === 'supplement');
  const lateBySupplements = supplements.length > 1;
  const figures = new Set<BaseFigure>();
  if (dossier.receivedAt < from) figures.add('carriedOver');
  else
    figures.add(
      ({ online: 'receivedOnline', counter: 'receivedCounter', post: 'receivedPost' } as const)[dossier.channel],
    );
  const due = dossier.dueAt;
  if (ended && ended < to) {
    if (lateBySupplements || (due && vietnamDay(judgedEnd) > vietnamDay(due))) figures.add('handledLate');
    else if (due && vietnamDay(judgedEnd) < vietnamDay(due)) figures.add('handledEarly');
    else figures.add('handledOnTime');
    if (dossier.status === 'refused') figures.add('refused');
    if (dossier.status === 'withdrawn') figures.add('withdrawn');
  } else if (lateBySupplements || (due && judgedEnd > due)) figures.add('inProgressLate');
  else figures.add('inProgressOnTime');
  if (supplements.some((pause) => pause.pausedAt >= from)) figures.add('returnedForSupplement');
  const specialists = new Set<string>(SPECIALISTS.map((specialist) => specialist.username));
  const officer =
    dossier.completions
      .filter((completion) => specialists.has(completion.actor) && completion.at < evaluatedAt)
      .sort((a, b) => b.at.getTime() - a.at.getTime())[0]?.actor ?? null;
  return { figures, officer };
}

type Line = Record<BaseFigure, number>;
const zero = (): Line => Object.fromEntries(BASE_FIGURES.map((figure) => [figure, 0])) as Line;

/** The rows of a grouping over the period, by key ('-' for none), and the total, computed here. */
function recompute(
  dossiers: readonly GeneratedDossier[],
  period: { from: string; to: string },
  grouping: StatisticsGrouping,
  interval: StatisticsInterval,
): { rows: Record<string, Line>; total: Line } {
  const rows: Record<string, Line> = {};
  const total = zero();
  const add = (line: Line, figures: Set<BaseFigure>) => {
    for (const figure of figures) line[figure] += 1;
  };
  const whole = periodBounds(period);
  if (grouping === 'agency') for (const branch of [ROOT, DISTRICT_A, DISTRICT_B]) rows[branch.code] = zero();
  const parts =
    grouping === 'period'
      ? subPeriods(period.from, period.to, interval).map((part) => ({
          key: `${part.from}..${part.to}`,
          ...periodBounds(part),
        }))
      : [];
  for (const part of parts) rows[part.key] = zero();
  for (const dossier of dossiers) {
    const judged = judge(dossier, whole.from, whole.to);
    if (judged) add(total, judged.figures);
    if (grouping === 'period') {
      for (const part of parts) {
        const inPart = judge(dossier, part.from, part.to);
        if (inPart) add(rows[part.key]!, inPart.figures);
      }
      continue;
    }
    if (!judged) continue;
    const key = {
      agency: dossier.procedure.branch.code,
      field: dossier.procedure.field,
      procedure: dossier.procedure.code,
      officer: judged.officer ?? '-',
    }[grouping];
    add((rows[key] ??= zero()), judged.figures);
  }
  return { rows, total };
}

let app: FastifyInstance;
const dossiers = generate();

async function seed(db: Db) {
  await ensureAgency(db, ROOT, null);
  await ensureAgency(db, DISTRICT_A, ROOT.code);
  await ensureAgency(db, DISTRICT_B, ROOT.code);
  await ensureAgency(db, COMMUNE, DISTRICT_A.code);
  await ensureAccount(db, { username: LEADER, fullName: 'Nguyễn Văn Lãnh', roles: ['leader'], agencyCode: ROOT.code });
  for (const specialist of SPECIALISTS) {
    await ensureAccount(db, { ...specialist, roles: ['specialist'], agencyCode: DISTRICT_A.code });
  }
  const ids = new Map<string, { id: string; versionId: string; agencyId: string }>();
  for (const procedure of PROCEDURES) {
    const agency = await db.agency.findUniqueOrThrow({ where: { code: procedure.agency.code } });
    const created = await ensureProcedure(db, procedure, agency.id, {
      processKey: 'household_business_registration',
      effectiveFrom: vn(1, 1),
    });
    ids.set(procedure.code, { ...created, agencyId: agency.id });
  }
  if ((await db.dossier.count({ where: { code: dossiers[0]!.code } })) > 0) return;
  for (const dossier of dossiers) {
    const procedure = ids.get(dossier.procedure.code)!;
    const row = await db.dossier.create({
      data: {
        code: dossier.code,
        procedureId: procedure.id,
        procedureVersionId: procedure.versionId,
        legalRegime: 'Nghị định 118/2025/NĐ-CP',
        agencyId: procedure.agencyId,
        applicantName: 'Người nộp đối chiếu',
        applicantIdNumber: '049190009898',
        applicantPhone: '0905000898',
        applicantAddress: 'Thôn Đối Chiếu',
        requestSummary: dossier.procedure.name,
        channel: dossier.channel,
        status: dossier.status,
        receivedAt: dossier.receivedAt,
        dueAt: dossier.dueAt,
        originalDueAt: dossier.dueAt,
        finishedAt: dossier.finishedAt,
        clockPausedAt: dossier.pauses.find((pause) => !pause.resumedAt)?.pausedAt ?? null,
        receivedBy: LEADER,
      },
    });
    await appendEvent(db, {
      dossierId: row.id,
      type: dossier.accepted ? 'received' : 'reception_incomplete',
      actor: LEADER,
      occurredAt: dossier.receivedAt,
    });
    for (const pause of dossier.pauses) {
      await db.clockPause.create({
        data: {
          dossierId: row.id,
          reason: pause.reason,
          items: ['Giấy tờ bổ sung'],
          requestedBy: SPECIALISTS[0].username,
          pausedAt: pause.pausedAt,
          remainingWorkingMinutes: 480,
          resumedAt: pause.resumedAt,
          resumedBy: pause.resumedAt ? 'system' : null,
        },
      });
    }
    for (const [step, completion] of dossier.completions.entries()) {
      await appendEvent(db, {
        dossierId: row.id,
        type: 'task_completed',
        actor: completion.actor,
        occurredAt: completion.at,
        dedupeKey: `step-${step}:complete`,
      });
    }
    if (dossier.resultReadyAt) {
      await appendEvent(db, {
        dossierId: row.id,
        type: 'result_ready',
        actor: 'system',
        occurredAt: dossier.resultReadyAt,
        dedupeKey: 'result-ready',
      });
    }
    if (
      dossier.finishedAt &&
      (dossier.status === 'returned' || dossier.status === 'refused' || dossier.status === 'withdrawn')
    ) {
      await appendEvent(db, {
        dossierId: row.id,
        type: dossier.status,
        actor: 'system',
        occurredAt: dossier.finishedAt,
      });
    }
  }
}

beforeAll(async () => {
  app = await build();
  await seed(app.db);
});
afterAll(async () => {
  await app.close();
});

async function statistics(query: string): Promise<Statistics> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/reports/statistics?agencyCode=${ROOT.code}&${query}`,
    headers: await authHeader(app, LEADER),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Statistics>();
}

function baseOf(figures: Record<string, number>): Line {
  return Object.fromEntries(BASE_FIGURES.map((figure) => [figure, figures[figure]])) as Line;
}

const MONTH = { from: '2026-11-01', to: '2026-11-30' };
const TWO_MONTHS = { from: '2026-10-01', to: '2026-11-30' };

describe('the statistics against figures computed independently', () => {
  it('seeds every status and channel, and reaches every figure in the month', () => {
    expect(new Set(dossiers.map((dossier) => dossier.status))).toEqual(new Set(DOSSIER_STATUSES));
    expect(new Set(dossiers.map((dossier) => dossier.channel))).toEqual(new Set(DOSSIER_CHANNELS));
    const { total } = recompute(dossiers, MONTH, 'agency', 'month');
    for (const figure of BASE_FIGURES) expect(total[figure], figure).toBeGreaterThan(0);
  });

  type Case = { grouping: StatisticsGrouping; interval: StatisticsInterval; period: typeof MONTH };
  const cases = STATISTICS_GROUPINGS.flatMap<Case>((grouping) =>
    grouping === 'period'
      ? STATISTICS_INTERVALS.map((interval) => ({ grouping, interval, period: TWO_MONTHS }))
      : [{ grouping, interval: 'month', period: MONTH }],
  );
  it.each(cases)('count every row and the total alike, grouped by $grouping ($interval)', async (testCase) => {
    const { grouping, interval, period } = testCase;
    const result = await statistics(`from=${period.from}&to=${period.to}&groupBy=${grouping}&interval=${interval}`);
    const expected = recompute(dossiers, period, grouping, interval);
    expect(Object.fromEntries(result.rows.map((row) => [row.key ?? '-', baseOf(row.figures)]))).toEqual(expected.rows);
    expect(baseOf(result.total)).toEqual(expected.total);
  });
});
