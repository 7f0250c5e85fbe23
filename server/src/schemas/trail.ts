import { z } from 'zod';
import { DateTimeSchema } from '@motcua/common';
import { TRAIL_TABLES } from '@motcua/db/trail';

/** The answer of the trail's verification (prisma/src/trail.ts), as GET /api/audit/trail/verify gives it. */

const TrailBreakSchema = z
  .object({
    problem: z
      .enum(['content_changed', 'rows_missing', 'link_broken'])
      .describe(
        'content_changed: the row no longer matches its hash (edited); rows_missing: places of the chain ' +
          'before the row are empty (deleted); link_broken: the row does not follow the one before it ' +
          '(slipped in, or that row replaced together with its hash)',
      ),
    rowId: z.string().describe('the id of the row where the walk found the break'),
    chainSeq: z.string().describe('its place in the chain'),
    expected: z.string().describe('what the chain says the row should hold (a hash, or a place)'),
    found: z.string().describe('what the row holds'),
    message: z.string().describe('one line, Vietnamese then English'),
  })
  .meta({ id: 'TrailBreak' });

const TrailTableSchema = z
  .object({
    table: z.enum(TRAIL_TABLES),
    ok: z.boolean(),
    rowsChecked: z.number().int(),
    head: z
      .object({ rowId: z.string(), chainSeq: z.string(), hash: z.string() })
      .nullable()
      .describe('the last intact row; kept outside the database, it also shows a rewrite of the whole chain'),
    break: TrailBreakSchema.nullable().describe('the first broken link; null when the chain is intact'),
  })
  .meta({ id: 'TrailTable' });

export const TrailVerificationSchema = z
  .object({
    ok: z.boolean().describe('true when every chain is intact'),
    checkedAt: DateTimeSchema,
    tables: z.array(TrailTableSchema),
    summary: z.string().describe('one line, Vietnamese then English'),
  })
  .meta({ id: 'TrailVerification' });
