import {
  CalendarDayRecordSchema as SharedCalendarDayRecordSchema,
  CalendarYearSchema as SharedCalendarYearSchema,
  CreateCalendarDaySchema as SharedCreateCalendarDaySchema,
} from '@motcua/common';

/** The holiday calendar of a year and the admin's edits of its rows (shapes from @motcua/common). */
export { CalendarDateParamsSchema, CalendarYearParamsSchema, type CalendarYear } from '@motcua/common';

export const CalendarDayRecordSchema = SharedCalendarDayRecordSchema.meta({ id: 'CalendarDayRecord' });

export const CalendarYearSchema = SharedCalendarYearSchema.extend({
  days: SharedCalendarYearSchema.shape.days.describe(
    'days that differ from a plain week (holidays, compensatory days, days off, worked weekend days), by date',
  ),
  rows: SharedCalendarYearSchema.shape.rows.describe('the data rows of the year, as entered'),
}).meta({ id: 'CalendarYear' });

export const CreateCalendarDaySchema = SharedCreateCalendarDaySchema.extend({
  legalRef: SharedCreateCalendarDaySchema.shape.legalRef.describe(
    'the announcing document, e.g. "Văn bản 12729/VPCP-KGVX ngày 25/12/2025"',
  ),
}).meta({ id: 'CreateCalendarDay' });
