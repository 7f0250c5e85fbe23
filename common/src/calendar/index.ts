/**
 * The legal clock and its working-day calendar: which days are worked (statutory holidays by rule,
 * lunar ones computed, plus the yearly official schedules as data), working time in minutes, the
 * appointment date, step deadlines, pause and resume, and timeliness. Import from
 * '@motcua/common/calendar'.
 */
export * from './vietnam-time.js';
export * from './lunar.js';
export * from './holidays.js';
export * from './official-schedules.js';
export * from './working-calendar.js';
export {
  BUDGET_PATTERN,
  addWorkingMinutes,
  formatBudget,
  nextWorkingDay,
  parseBudget,
  previousWorkingDay,
  workingMinutesBetween,
} from './working-time.js';
export * from './legal-clock.js';
export * from './timeliness.js';
export * from './appointment.js';
export * from './from-env.js';
