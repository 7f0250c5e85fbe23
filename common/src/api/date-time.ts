import { z } from 'zod';

/** An instant in ISO 8601, UTC, as the API writes every date, e.g. 2026-11-27T01:30:00.000Z. */
export const DateTimeSchema = z.iso.datetime();
