/**
 * The holiday calendar's data rows (`CalendarDay`) as the legal clock of @motcua/common/calendar reads
 * them (`CalendarDayRow`). The table holds the Prime Minister's yearly schedules, swap days and extra
 * days off, edited by administrators; the clock computes everything else (docs/legal.md §4).
 */
import type { CalendarDayRow } from '@motcua/common/calendar';
import type { Prisma } from '#generated/client';
import type { Db } from './client.js';

/** Dates are `YYYY-MM-DD`, so text order is date order. */
export interface CalendarDayRange {
  /** First date included. */
  from?: string;
  /** Last date included. */
  to?: string;
}

/** The calendar rows, by date, optionally within a range of dates, without their audit columns. */
export async function loadCalendarDays(
  db: Db | Prisma.TransactionClient,
  range: CalendarDayRange = {},
): Promise<CalendarDayRow[]> {
  const rows = await db.calendarDay.findMany({
    where: { date: { gte: range.from, lte: range.to } },
    orderBy: { date: 'asc' },
    select: { date: true, kind: true, occasion: true, name: true, legalRef: true },
  });
  return rows;
}

/**
 * Inserts `rows` that have no row for their date yet, recorded as written by `createdBy`; existing
 * dates are left as they are (an administrator's edit wins). Returns how many rows were inserted.
 */
export async function insertMissingCalendarDays(
  db: Db | Prisma.TransactionClient,
  rows: readonly CalendarDayRow[],
  createdBy: string,
): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db.calendarDay.createMany({
    data: rows.map((row) => ({
      date: row.date,
      kind: row.kind,
      occasion: row.occasion ?? null,
      name: row.name,
      legalRef: row.legalRef,
      createdBy,
    })),
    skipDuplicates: true,
  });
  return result.count;
}
