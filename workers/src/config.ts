/**
 * The workers' configuration, read once from the environment at boot and validated: a bad value
 * stops the process with a message naming the variable.
 */
import { hostname } from 'node:os';
import { z } from 'zod';
import {
  DatabaseEnvSchema,
  EngineEnvSchema,
  LegalClockEnvSchema,
  parseEnv,
  ReconcileEnvSchema,
} from '@motcua/common/config';

const milliseconds = (min: number) => z.coerce.number().int().min(min);

const ConfigSchema = z
  .object({
    ...DatabaseEnvSchema.shape,
    ...EngineEnvSchema.shape,
    /** Afternoon cut-off, receipt day, nearly-due and apology lead time, apology limit. */
    ...LegalClockEnvSchema.shape,
    /** The reconciler's grace period. */
    ...ReconcileEnvSchema.shape,
    /**
     * Who holds a task's lock in the engine, and an outbox message's claim. It must differ between
     * worker processes running at once, and stay the same when one is restarted: the restarted
     * process releases at once what its id still holds (src/predecessor.ts). The default, one per
     * host (a container's hostname is its own), suits one workers process per host; give a second one
     * its own id.
     */
    WORKER_ID: z.string().min(1).default(`motcua-worker-${hostname()}`),
    /** How long a fetched task stays locked to this worker. */
    WORKER_LOCK_DURATION_MS: milliseconds(1_000).default(60_000),
    /** Long polling: how long the engine holds a fetch open while no task is waiting. */
    WORKER_POLL_TIMEOUT_MS: milliseconds(0).max(1_800_000).default(10_000),
    WORKER_MAX_TASKS: z.coerce.number().int().min(1).default(10),
    /** Attempts of a failing task before it becomes an incident (the first one included). */
    WORKER_RETRIES: z.coerce.number().int().min(1).default(3),
    WORKER_RETRY_TIMEOUT_MS: milliseconds(0).default(10_000),
    /** How often the holiday rows (CalendarDay) are read again, so an administrator's edit takes effect. */
    CALENDAR_REFRESH_MS: milliseconds(1_000).default(300_000),
    /** Where the default SMS and e-mail providers write; relative to the working directory. */
    NOTIFICATION_LOG: z.string().min(1).default('data/notifications.log'),
    /** Pause between two polls of the outbox while it is empty. */
    NOTIFICATION_POLL_MS: milliseconds(100).default(5_000),
    NOTIFICATION_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(20),
    /** How long a claimed message stays reserved to one dispatcher; a send must end within half of it. */
    NOTIFICATION_LOCK_MS: milliseconds(1_000).default(120_000),
    /** Attempts in all before a message is given up (status failed). */
    NOTIFICATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(8),
    /** Wait after the first failure; doubled after each further one, up to NOTIFICATION_MAX_BACKOFF_MS. */
    NOTIFICATION_BACKOFF_MS: milliseconds(0).default(30_000),
    NOTIFICATION_MAX_BACKOFF_MS: milliseconds(0).default(3_600_000),
    /** How often open dossiers are checked for an appointment within APOLOGY_LEAD_TIME. */
    AT_RISK_SCAN_INTERVAL_MS: milliseconds(1_000).default(300_000),
    /** How often the reconciler compares the engine's processes with our dossiers (src/scans/reconcile.ts). */
    RECONCILE_INTERVAL_MS: milliseconds(1_000).default(600_000),
    /** How often the work list's projection reads the tasks the engine created and ended (src/scans/open-tasks.ts). */
    OPEN_TASKS_POLL_MS: milliseconds(100).default(1_000),
    /** How often the projection is swept whole against the engine's open tasks, repairing any drift. */
    OPEN_TASKS_SWEEP_MS: milliseconds(1_000).default(300_000),
    /** Base of the public status page, for the lookup link in messages (e.g. https://motcua.example.vn). */
    PUBLIC_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).optional(),
  })
  .refine((config) => config.NOTIFICATION_MAX_BACKOFF_MS >= config.NOTIFICATION_BACKOFF_MS, {
    path: ['NOTIFICATION_MAX_BACKOFF_MS'],
    message: 'must be at least NOTIFICATION_BACKOFF_MS',
  });

export type WorkerConfig = z.infer<typeof ConfigSchema>;

/** Parses the environment; throws an Error listing every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return parseEnv(ConfigSchema, env);
}
