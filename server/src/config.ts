import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The server's configuration: read from the environment once at boot, validated, typed.
 * A missing or malformed variable stops the boot with a message naming it.
 */
const ConfigSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65_535).default(3000),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// URL' }),
  ENGINE_URL: z.url().default('http://127.0.0.1:8080/engine-rest'),
  ENGINE_USER: z.string().min(1).default('demo'),
  ENGINE_PASSWORD: z.string().min(1).default('demo'),
  JWT_SECRET: z.string().min(32, 'must have at least 32 characters'),
  TOKEN_TTL: z
    .string()
    .regex(/^\d+[smhd]$/, 'must be a duration such as 30m, 8h or 1d')
    .default('30m'),
  ADMIN_UI_DIST: z
    .string()
    .min(1)
    .default(fileURLToPath(new URL('../../admin-ui/dist', import.meta.url))),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable (e.g. `JWT_SECRET=` copied from .env.example) means "not set".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = ConfigSchema.safeParse(present, {
    error: (issue) => (issue.input === undefined ? 'is required' : undefined),
  });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  return result.data;
}
