import type { CalendarDayRecord, CreateCalendarDay } from '@motcua/common';
import type { CalendarDayRow } from '@motcua/common/calendar';
import { loadCalendarDays, Prisma, type Db } from '@motcua/db';

/**
 * The data rows of the holiday calendar (`CalendarDay`): the official schedules, swap days and extra
 * days off entered by the admin unit. Every write is one transaction with its AuditLog row.
 */
type CalendarDayEntity = Prisma.CalendarDayGetPayload<object>;

function toRecord(row: CalendarDayEntity): CalendarDayRecord {
  return {
    date: row.date,
    kind: row.kind,
    occasion: (row.occasion ?? null) as CalendarDayRecord['occasion'],
    name: row.name,
    legalRef: row.legalRef,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

function auditData(row: CalendarDayEntity): Prisma.InputJsonObject {
  return { kind: row.kind, occasion: row.occasion, name: row.name, legalRef: row.legalRef };
}

export function createCalendarRepository(db: Db) {
  return {
    /** Every row, for the legal clock. */
    all(): Promise<CalendarDayRow[]> {
      return loadCalendarDays(db);
    },

    /** The rows of one year, by date. */
    async ofYear(year: number): Promise<CalendarDayRecord[]> {
      const rows = await db.calendarDay.findMany({
        where: { date: { gte: `${year}-01-01`, lte: `${year}-12-31` } },
        orderBy: { date: 'asc' },
      });
      return rows.map(toRecord);
    },

    async find(date: string): Promise<CalendarDayRecord | null> {
      const row = await db.calendarDay.findUnique({ where: { date } });
      return row ? toRecord(row) : null;
    },

    /** Adds a row; null when the date already has one (also when a concurrent request added it first). */
    async create(input: CreateCalendarDay, actor: string): Promise<CalendarDayRecord | null> {
      try {
        const row = await db.$transaction(async (tx) => {
          const created = await tx.calendarDay.create({
            data: {
              date: input.date,
              kind: input.kind,
              occasion: input.occasion ?? null,
              name: input.name,
              legalRef: input.legalRef,
              createdBy: actor,
            },
          });
          await tx.auditLog.create({
            data: {
              actor,
              action: 'calendar.day.create',
              entity: 'calendar_day',
              entityId: created.date,
              data: auditData(created),
            },
          });
          return created;
        });
        return toRecord(row);
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return null;
        throw error;
      }
    },

    /** Deletes a row; the deleted row, or null when the date has none. */
    async remove(date: string, actor: string): Promise<CalendarDayRecord | null> {
      try {
        const row = await db.$transaction(async (tx) => {
          const deleted = await tx.calendarDay.delete({ where: { date } });
          await tx.auditLog.create({
            data: {
              actor,
              action: 'calendar.day.delete',
              entity: 'calendar_day',
              entityId: date,
              data: auditData(deleted),
            },
          });
          return deleted;
        });
        return toRecord(row);
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') return null;
        throw error;
      }
    },
  };
}
export type CalendarRepository = ReturnType<typeof createCalendarRepository>;
