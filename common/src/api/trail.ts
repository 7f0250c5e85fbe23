import { z } from 'zod';
import { DateTimeSchema } from './date-time.js';

/**
 * The answer of the tamper-evident trail's check (GET /api/audit/trail/verify, `npm run verify-trail`):
 * one result per chained table, and the first broken link of each. The verifier that computes it is
 * prisma/src/trail.ts; the server documents and the auditor's page reads this shape.
 */

/** The chained tables, in the order they are checked. */
export const TRAIL_TABLES = ['DossierEvent', 'AuditLog'] as const;
export type TrailTable = (typeof TRAIL_TABLES)[number];

/**
 * What is wrong with the first broken link:
 * - `content_changed`: the row's stored hash is not the hash of its content (a column was edited);
 * - `rows_missing`: places of the sequence before this row are empty (rows were deleted);
 * - `link_broken`: the row's `prevHash` is not the hash of the row before it (a row slipped in, or the
 *   one before was replaced together with its hash).
 */
export const TRAIL_PROBLEMS = ['content_changed', 'rows_missing', 'link_broken'] as const;
export type TrailProblem = (typeof TRAIL_PROBLEMS)[number];

export const TrailBreakSchema = z
  .object({
    problem: z
      .enum(TRAIL_PROBLEMS)
      .describe(
        'content_changed: the row no longer matches its hash (edited); rows_missing: places of the chain ' +
          'before the row are empty (deleted); link_broken: the row does not follow the one before it ' +
          '(slipped in, or that row replaced together with its hash)',
      ),
    rowId: z.string().describe('the id of the row where the walk found the break'),
    chainSeq: z.string().describe('its place in the chain'),
    occurredAt: DateTimeSchema.describe('when the row says it was written (its occurredAt, as the row now holds it)'),
    expected: z.string().describe('what the chain says the row should hold (a hash, or a place)'),
    found: z.string().describe('what the row holds'),
    message: z.string().describe('one line, Vietnamese then English'),
  })
  .meta({ id: 'TrailBreak' });
export type TrailBreak = z.infer<typeof TrailBreakSchema>;

export const TrailTableResultSchema = z
  .object({
    table: z.enum(TRAIL_TABLES),
    ok: z.boolean(),
    rowsChecked: z.number().int().describe('rows walked, up to and including the broken one'),
    head: z
      .object({ rowId: z.string(), chainSeq: z.string(), hash: z.string() })
      .nullable()
      .describe('the last intact row; kept outside the database, it also shows a rewrite of the whole chain'),
    break: TrailBreakSchema.nullable().describe('the first broken link; null when the chain is intact'),
  })
  .meta({ id: 'TrailTable' });
export type TrailTableResult = z.infer<typeof TrailTableResultSchema>;

export const TrailVerificationSchema = z.object({
  ok: z.boolean().describe('true when every chain is intact'),
  checkedAt: DateTimeSchema,
  tables: z.array(TrailTableResultSchema),
  summary: z.string().describe('one line, Vietnamese then English'),
});
export type TrailVerification = z.infer<typeof TrailVerificationSchema>;
