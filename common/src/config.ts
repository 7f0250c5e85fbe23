import { z } from 'zod';

/**
 * Environment variables that several processes read, validated the same way everywhere. Each process
 * extends these shapes with its own variables and parses its environment once at boot.
 */
export const DatabaseEnvSchema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// URL' }),
});

export const EngineEnvSchema = z.object({
  ENGINE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s):// URL' })
    .default('http://127.0.0.1:8080/engine-rest'),
  ENGINE_USER: z.string().min(1).default('demo'),
  ENGINE_PASSWORD: z.string().min(1).default('demo'),
});

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
