import { z } from 'zod';

/**
 * Instants as the API reads and writes them. The length is checked first and ends the checks, so
 * the ISO pattern never runs on a long text; 40 characters hold any ISO 8601 instant with an
 * offset and nanoseconds (2026-11-27T08:30:00.123456789+07:00 has 35).
 */
const DATE_TIME_MAX_LENGTH = 40;

/** An instant in ISO 8601, UTC, as the API writes every date, e.g. 2026-11-27T01:30:00.000Z. */
export const DateTimeSchema = z
  .string()
  .max(DATE_TIME_MAX_LENGTH, { abort: true })
  .check(z.iso.datetime())
  .meta({ examples: ['2026-11-27T01:30:00.000Z'] });

/** An instant in ISO 8601 with its offset or Z, as a person states it, e.g. 2025-07-01T00:00:00+07:00. */
export const DateTimeWithOffsetSchema = z
  .string()
  .max(DATE_TIME_MAX_LENGTH, { abort: true })
  .check(z.iso.datetime({ offset: true }))
  .meta({ examples: ['2025-07-01T00:00:00+07:00'] });
