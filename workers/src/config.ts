/**
 * The workers' configuration, read once from the environment at boot and validated: a bad value
 * stops the process with a message naming the variable.
 */
import { hostname } from 'node:os';
import { z } from 'zod';
import { DatabaseEnvSchema, EngineEnvSchema, parseEnv } from '@motcua/common/config';

const dateList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a comma-separated list of YYYY-MM-DD dates')));

const ConfigSchema = z.object({
  ...DatabaseEnvSchema.shape,
  ...EngineEnvSchema.shape,
  /** Unique per process: the engine records which worker holds a task's lock. */
  WORKER_ID: z.string().min(1).default(`motcua-worker-${hostname()}-${process.pid}`),
  /** How long a fetched task stays locked to this worker. */
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1_000).default(60_000),
  /** Long polling: how long the engine holds a fetch open while no task is waiting. */
  WORKER_POLL_TIMEOUT_MS: z.coerce.number().int().min(0).max(1_800_000).default(10_000),
  WORKER_MAX_TASKS: z.coerce.number().int().min(1).default(10),
  /** Attempts of a failing task before it becomes an incident (the first one included). */
  WORKER_RETRIES: z.coerce.number().int().min(1).default(3),
  WORKER_RETRY_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** Days off and worked days announced for the year (swap schedule), until the holiday table exists. */
  CALENDAR_EXTRA_DAYS_OFF: dateList,
  CALENDAR_EXTRA_WORKING_DAYS: dateList,
  /** Dated statutory holidays such as lunar Tết or Giỗ Tổ (they get compensatory days). */
  CALENDAR_EXTRA_HOLIDAYS: dateList,
});

export type WorkerConfig = z.infer<typeof ConfigSchema>;

/** Parses the environment; throws an Error listing every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return parseEnv(ConfigSchema, env);
}
