import { timingSafeEqual } from 'node:crypto';
import {
  PHONE_LAST_DIGITS,
  SATISFACTION_CRITERIA,
  SATISFACTION_LEVELS,
  type RatingReceipt,
  type RatingRequest,
  type SatisfactionFigures,
  type SatisfactionLevel,
  type SatisfactionQuery,
  type SatisfactionReport,
} from '@motcua/common';
import { Prisma, type Db } from '@motcua/db';
import { ConflictError, ForbiddenError, InvalidFieldError, isFinal, NotFoundError } from '@motcua/domain';
import type { AgencyRepository } from '../repositories/agency-repository.js';
import type { AuditRepository } from '../repositories/audit-repository.js';
import type { TokenPayload } from '../schemas/auth.js';
import { periodBounds } from './register-service.js';

/**
 * Citizens' satisfaction ratings (docs/legal.md §7): a finished dossier is rated once, from the public
 * page, with its code and the last four digits of the phone number given at reception; leaders read
 * the results per agency and per officer, and the Decision 766 index reads them per agency through
 * `satisfactionOfAgencies`.
 *
 * The second factor is never revealed: a wrong one is answered exactly as an unknown code (the same
 * 404 and message), and every attempt on a dossier counts against a per-dossier limit until it
 * succeeds, so the 10 000 combinations cannot be walked through even from many addresses (the
 * per-address limit of the public routes covers the rest). Past the limit, even the right digits
 * get that same 404, so the answer says nothing about the dossier's state.
 */

/** Attempts allowed per dossier within ATTEMPT_WINDOW_MS; attempts in progress included. */
export const RATING_ATTEMPTS_PER_DOSSIER = 5;
export const RATING_ATTEMPT_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The one answer for an unknown code, a wrong second factor and an exhausted limit. */
const NOT_FOUND_MESSAGE = 'no dossier with this code and these last digits of the phone number';

/** The rating's agency and officer figures read from SQL: counts per level and sums per criterion. */
interface FigureRow {
  ratings: number;
  very_satisfied: number;
  satisfied: number;
  dissatisfied: number;
  /** Sums per criterion, in SATISFACTION_CRITERIA order. */
  sums: number[];
}

/** Two decimals, as the reports print percentages and means. */
function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The figures of one group of ratings: percentages as count ÷ ratings × 100 (docs/legal.md §7). */
export function figuresOf(row: FigureRow | undefined): SatisfactionFigures {
  const ratings = row?.ratings ?? 0;
  const levels = Object.fromEntries(SATISFACTION_LEVELS.map((level) => [level, row?.[level] ?? 0])) as Record<
    SatisfactionLevel,
    number
  >;
  const share = (count: number) => (ratings === 0 ? 0 : round2((count / ratings) * 100));
  const mean = (sum: number) => (ratings === 0 ? null : round2(sum / ratings));
  const sums = row?.sums ?? SATISFACTION_CRITERIA.map(() => 0);
  return {
    ratings,
    levels,
    percentages: Object.fromEntries(SATISFACTION_LEVELS.map((level) => [level, share(levels[level])])) as Record<
      SatisfactionLevel,
      number
    >,
    satisfiedPercent: ratings === 0 ? null : share(levels.very_satisfied + levels.satisfied),
    criteria: Object.fromEntries(SATISFACTION_CRITERIA.map((criterion, i) => [criterion, mean(sums[i] ?? 0)])) as Record<
      (typeof SATISFACTION_CRITERIA)[number],
      number | null
    >,
    averageTotal: mean(sums.reduce((a, b) => a + b, 0)),
  };
}

/** The SQL that counts a group of ratings `r`: its number, per level, and the sum of each criterion. */
const FIGURE_COLUMNS = Prisma.sql`
  COUNT(*)::int AS ratings,
  COUNT(*) FILTER (WHERE r.level = 'very_satisfied')::int AS very_satisfied,
  COUNT(*) FILTER (WHERE r.level = 'satisfied')::int AS satisfied,
  COUNT(*) FILTER (WHERE r.level = 'dissatisfied')::int AS dissatisfied,
  ARRAY[${Prisma.join(SATISFACTION_CRITERIA.map((_, i) => Prisma.sql`COALESCE(SUM(r.scores[${Prisma.raw(String(i + 1))}]), 0)::int`))}] AS sums`;

/** Satisfaction of one agency (the agency that resolves the dossiers rated) in a period. */
export interface AgencySatisfaction extends SatisfactionFigures {
  agencyId: string;
}

/**
 * The satisfaction figures of each agency named, over the ratings given in [from, to): the one
 * function the Decision 766 index reads (its satisfaction indicator is `satisfiedPercent`, the share
 * of very satisfied and satisfied ratings, per agency only). An agency without ratings gets a row of
 * zeros with `satisfiedPercent: null`: no rating is no figure, never 100 % or 0 %.
 */
export async function satisfactionOfAgencies(
  db: Db,
  agencyIds: readonly string[],
  period: { from: Date; to: Date },
): Promise<AgencySatisfaction[]> {
  if (agencyIds.length === 0) return [];
  const rows = await db.$queryRaw<(FigureRow & { agencyId: string })[]>`
    SELECT r."agencyId"::text AS "agencyId", ${FIGURE_COLUMNS}
    FROM "SatisfactionRating" r
    WHERE r."agencyId"::text = ANY(${[...agencyIds]}) AND r."ratedAt" >= ${period.from} AND r."ratedAt" < ${period.to}
    GROUP BY r."agencyId"`;
  const byAgency = new Map(rows.map((row) => [row.agencyId, row]));
  return agencyIds.map((agencyId) => ({ agencyId, ...figuresOf(byAgency.get(agencyId)) }));
}

/** The last `PHONE_LAST_DIGITS` digits of a phone number as written at reception (spaces, dots, +84 aside). */
function lastDigits(phone: string): string {
  return phone.replace(/\D/g, '').slice(-PHONE_LAST_DIGITS);
}

/** Whether the digits match, in time independent of where they differ. */
function sameDigits(expected: string, given: string): boolean {
  const a = Buffer.from(expected.padStart(PHONE_LAST_DIGITS, '-'));
  const b = Buffer.from(given.padStart(PHONE_LAST_DIGITS, '-'));
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createSatisfactionService(deps: {
  db: Db;
  agencies: AgencyRepository;
  audit: AuditRepository;
  now?: () => Date;
}) {
  const { db, agencies, audit } = deps;
  const now = deps.now ?? (() => new Date());

  /**
   * Counts this attempt on the dossier: it is stored before the digits are compared, and removed
   * only when they match, so parallel attempts cannot slip past the limit. Returns its id, or null
   * when the dossier has used up its attempts (this one is then not kept, so the lock ends when the
   * window does).
   */
  async function beginAttempt(dossierId: string): Promise<bigint | null> {
    const at = now();
    const since = new Date(at.getTime() - RATING_ATTEMPT_WINDOW_MS);
    await db.satisfactionAttempt.deleteMany({ where: { dossierId, at: { lt: since } } });
    const attempt = await db.satisfactionAttempt.create({ data: { dossierId, at }, select: { id: true } });
    const counted = await db.satisfactionAttempt.count({ where: { dossierId, at: { gte: since }, id: { lte: attempt.id } } });
    if (counted <= RATING_ATTEMPTS_PER_DOSSIER) return attempt.id;
    await db.satisfactionAttempt.delete({ where: { id: attempt.id } });
    return null;
  }

  return {
    /** POST /api/public/dossiers/{code}/rating: see the module comment. */
    async rate(code: string, request: RatingRequest): Promise<RatingReceipt> {
      const dossier = await db.dossier.findUnique({
        where: { code },
        select: {
          id: true,
          status: true,
          applicantPhone: true,
          receivedBy: true,
          procedure: { select: { agencyId: true } },
          satisfactionRating: { select: { id: true } },
        },
      });
      if (!dossier) throw new NotFoundError(NOT_FOUND_MESSAGE);
      const attempt = await beginAttempt(dossier.id);
      if (attempt === null || !sameDigits(lastDigits(dossier.applicantPhone), request.phoneLastDigits)) {
        throw new NotFoundError(NOT_FOUND_MESSAGE);
      }
      await db.satisfactionAttempt.delete({ where: { id: attempt } });
      if (!isFinal(dossier.status)) {
        throw new ConflictError('the dossier is not finished yet: it can be rated once it is returned, refused or withdrawn');
      }
      if (dossier.satisfactionRating) throw new ConflictError('the dossier has already been rated');
      let rating;
      try {
        rating = await db.satisfactionRating.create({
          data: {
            dossierId: dossier.id,
            agencyId: dossier.procedure.agencyId,
            officer: dossier.receivedBy,
            scores: SATISFACTION_CRITERIA.map((criterion) => request.scores[criterion]),
            level: request.level,
            ratedAt: now(),
          },
          select: { level: true, ratedAt: true },
        });
      } catch (error) {
        // two ratings at once: the unique dossier lets one in
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
          throw new ConflictError('the dossier has already been rated');
        }
        throw error;
      }
      await audit.record({
        actor: 'citizen',
        action: 'satisfaction.rate',
        entity: 'dossier',
        entityId: code,
        data: { level: rating.level },
      });
      return { code, level: rating.level, ratedAt: rating.ratedAt.toISOString() };
    },

    /** GET /api/reports/satisfaction: per agency of the subtree asked for, and per officer. */
    async report(caller: TokenPayload, query: SatisfactionQuery): Promise<SatisfactionReport> {
      const agencyCode = query.agencyCode ?? caller.agencyCode;
      const agency = await db.agency.findUnique({ where: { code: agencyCode }, select: { id: true, code: true, name: true } });
      if (!agency) {
        throw new InvalidFieldError('querystring/agencyCode', `${agencyCode} is not an agency`, 'unknown_agency');
      }
      const reach = await agencies.subtreeIds(caller.agencyCode);
      if (!reach.includes(agency.id)) {
        throw new ForbiddenError(`${agencyCode} is neither your agency ${caller.agencyCode} nor an agency below it`);
      }
      const ids = await agencies.subtreeIds(agency.code);
      const bounds = periodBounds(query);
      const [perAgency, list, officerRows, total] = await Promise.all([
        satisfactionOfAgencies(db, ids, bounds),
        db.agency.findMany({ where: { id: { in: ids } }, select: { id: true, code: true, name: true } }),
        db.$queryRaw<(FigureRow & { officer: string; agencyId: string; fullName: string | null })[]>`
          SELECT r.officer, d."agencyId"::text AS "agencyId", MAX(acc."fullName") AS "fullName", ${FIGURE_COLUMNS}
          FROM "SatisfactionRating" r
          JOIN "Dossier" d ON d.id = r."dossierId"
          LEFT JOIN "Account" acc ON acc.username = r.officer
          WHERE r."agencyId"::text = ANY(${ids}) AND r."ratedAt" >= ${bounds.from} AND r."ratedAt" < ${bounds.to}
          GROUP BY r.officer, d."agencyId"
          ORDER BY r.officer`,
        db.$queryRaw<FigureRow[]>`
          SELECT ${FIGURE_COLUMNS}
          FROM "SatisfactionRating" r
          WHERE r."agencyId"::text = ANY(${ids}) AND r."ratedAt" >= ${bounds.from} AND r."ratedAt" < ${bounds.to}`,
      ]);
      const refs = new Map(list.map((a) => [a.id, { code: a.code, name: a.name }]));
      // receiving agencies outside the subtree (a partner received it) are named too
      const missing = officerRows.map((row) => row.agencyId).filter((id) => !refs.has(id));
      if (missing.length > 0) {
        const more = await db.agency.findMany({ where: { id: { in: missing } }, select: { id: true, code: true, name: true } });
        for (const a of more) refs.set(a.id, { code: a.code, name: a.name });
      }
      const refOf = (id: string) => refs.get(id) ?? { code: '', name: '' };
      return {
        from: query.from,
        to: query.to,
        agency: { code: agency.code, name: agency.name },
        agencies: perAgency
          .map(({ agencyId, ...figures }) => ({ agency: refOf(agencyId), ...figures }))
          .sort((a, b) => a.agency.code.localeCompare(b.agency.code)),
        officers: officerRows.map((row) => ({
          officer: { username: row.officer, fullName: row.fullName },
          agency: refOf(row.agencyId),
          ...figuresOf(row),
        })),
        total: figuresOf(total[0]),
      };
    },
  };
}
export type SatisfactionService = ReturnType<typeof createSatisfactionService>;
