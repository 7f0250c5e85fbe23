/**
 * The working-day calendar of Vietnamese public administration: which days are worked, and the
 * appointment date of a dossier. Import from '@motcua/common/calendar'.
 */
export * from './vietnam-time.js';
export * from './working-calendar.js';
export * from './appointment.js';
