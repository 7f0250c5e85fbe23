import { z } from 'zod';
import { BUDGET_PATTERN } from './calendar/working-time.js';

/**
 * Environment variables that several processes read, validated the same way everywhere. Each process
 * extends these shapes with its own variables and parses its environment once at boot.
 */
export const DatabaseEnvSchema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// URL' }),
});

/**
 * The engine's REST address and service account. The account has no default: a password anyone could
 * read here would open the engine to them (`npm start` generates one in data/engine.env).
 */
export const EngineEnvSchema = z.object({
  ENGINE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s):// URL' })
    .default('http://127.0.0.1:8080/engine-rest'),
  ENGINE_USER: z.string().min(1),
  ENGINE_PASSWORD: z.string().min(1),
});

/**
 * The reconciler's grace period (domain/src/reconciliation.ts), for the workers' periodic pass and the
 * admins' pass on demand alike: a process younger than this is never judged an orphan, because its
 * reception may still be storing the dossier (10 s for the engine's answer, 20 s for its transaction).
 */
export const ReconcileEnvSchema = z.object({
  RECONCILE_GRACE_MS: z.coerce.number().int().min(30_000).default(120_000),
});

const budget = z.string().trim().regex(BUDGET_PATTERN, 'must be working days or hours, e.g. 1d, 0.5d, 4h');

/**
 * The legal clock's settings (docs/legal.md §3 and §6; what the sources leave unconfirmed is
 * configurable). Turn them into a clock with `legalClockFromEnv` of '@motcua/common/calendar'. Values
 * already parsed pass through again unchanged.
 */
export const LegalClockEnvSchema = z.object({
  /** `HH:MM` after which a dossier counts from the next working day, or `none`. */
  LEGAL_CLOCK_AFTERNOON_CUTOFF: z
    .union([
      z.null(),
      z
        .string()
        .trim()
        .regex(/^(none|([01]\d|2[0-3]):[0-5]\d)$/, 'must be a clock time HH:MM or "none"')
        .transform((value) => (value === 'none' ? null : value)),
    ])
    .default('15:00'),
  /** Whether the receipt day counts as day 1 of the processing time (unconfirmed in the sources). */
  LEGAL_CLOCK_RECEIPT_DAY_COUNTS: z
    .union([
      z.boolean(),
      z.enum(['true', 'false'], { error: 'must be true or false' }).transform((value) => value === 'true'),
    ])
    .default(false),
  /** An open dossier with at most this much working time left is nearly due. */
  LEGAL_CLOCK_NEARLY_DUE: budget.default('1d'),
  /** How long before the appointment an at-risk dossier is flagged for an apology (docs/legal.md §6: 1 day). */
  APOLOGY_LEAD_TIME: budget.default('1d'),
  /** Approved apologies (new appointments) allowed per dossier: Decree 61/2018 "không quá một lần". */
  APOLOGY_LIMIT: z.coerce.number().int().min(1).default(1),
});
export type LegalClockEnv = z.infer<typeof LegalClockEnvSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses an environment with a schema. An empty variable (e.g. `JWT_SECRET=` copied from an
 * example file) counts as unset. Throws one ConfigError naming every bad variable.
 */
export function parseEnv<T extends z.ZodType>(schema: T, env: Record<string, string | undefined>): z.infer<T> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(present, {
    error: (issue) => (issue.input === undefined ? 'is required' : undefined),
  });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  return result.data;
}
