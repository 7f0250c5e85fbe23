import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  ConfigError,
  DatabaseEnvSchema,
  EngineEnvSchema,
  LegalClockEnvSchema,
  parseEnv,
  ReconcileEnvSchema,
} from '@motcua/common/config';

/**
 * The server's configuration: read from the environment once at boot, validated, typed.
 * A missing or malformed variable stops the boot with a message naming it.
 */
/** Names proxy-addr (Fastify's trustProxy) gives to address ranges. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An IP address, a CIDR range such as 10.0.0.0/8 or fd00::/8, or a named range. */
function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry) || isIP(entry) !== 0) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0 || bits === undefined || !/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (version === 4 ? 32 : 128);
}

/**
 * Which peers may tell the client's address in X-Forwarded-For (Fastify's trustProxy): `false`
 * (nobody: the peer is the client), `true` (any peer), or a comma-separated list of proxy
 * addresses and CIDR ranges. A number of proxy hops is refused with a message: Fastify 5 ignores
 * hop counts (it trusts nobody then), because a count cannot tell a proxy from a client that
 * reaches the server directly; a chain of proxies is given by listing their addresses.
 */
const TrustProxySchema = z
  .string()
  .trim()
  .default('false')
  .transform((value, context): boolean | string[] => {
    if (value === 'false') return false;
    if (value === 'true') return true;
    if (/^\d+$/.test(value)) {
      context.addIssue({
        code: 'custom',
        message: 'cannot be a number of proxy hops (Fastify ignores them); list the proxy addresses instead',
      });
      return z.NEVER;
    }
    const entries = value.split(',').map((entry) => entry.trim());
    if (entries.every(isAddressOrRange)) return entries;
    context.addIssue({
      code: 'custom',
      message: 'must be true, false, or a comma-separated list of IP addresses or CIDR ranges, e.g. 10.0.0.0/8',
    });
    return z.NEVER;
  });

/** The longest a token may live: a working day, so a token issued at 7:30 is dead by night. */
const MAX_TOKEN_TTL_SECONDS = 12 * 3600;

function ttlSeconds(ttl: string): number {
  const unit = { s: 1, m: 60, h: 3600 }[ttl.slice(-1)] ?? 0;
  return Number(ttl.slice(0, -1)) * unit;
}

/** A positive whole number of requests (or connections) read from the environment. */
function wholeCount(max: number) {
  return z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(max, `must be at most ${max}`);
}

function count(defaultValue: number, max: number) {
  return wholeCount(max).default(defaultValue);
}

const ConfigSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65_535).default(3000),
  ...DatabaseEnvSchema.shape,
  /**
   * Connections the server's pool may open. Every authenticated request reads its account (cached
   * briefly), so a pool much smaller than the concurrent requests makes them queue. 20 suits a
   * PostgreSQL with its default of 100 connections shared with the workers and the engine; `npm start`
   * lowers it for the embedded database, which serves one statement at a time anyway.
   */
  DATABASE_POOL_SIZE: count(20, 1000),
  /**
   * Heavy reports (statistics, register, dossiers at risk) computed at once; beyond it a report waits
   * briefly for a slot, then answers 503 with Retry-After (services/heavy-report-limit.ts). A quarter
   * of the pool by default, at least 1, so the reports never hold the connections the officers'
   * everyday requests need; at most the pool.
   */
  HEAVY_REPORTS_AT_ONCE: wholeCount(1000).optional(),
  /** Login attempts per minute from one client address for one username, successful or not. */
  RATE_LIMIT_LOGIN_PER_MINUTE: count(10, 1_000_000),
  /**
   * Failed logins per minute from one client address, whatever the usernames: guessing one password
   * across many accounts is slowed down. Only failures count, because the officers of one office share
   * one public address and all sign in at 7:30.
   */
  RATE_LIMIT_LOGIN_FAILURES_PER_MINUTE: count(30, 1_000_000),
  /** Requests per minute from one client address to each public route (dossier lookup, catalogue). */
  RATE_LIMIT_PUBLIC_PER_MINUTE: count(60, 1_000_000),
  ...EngineEnvSchema.shape,
  /** The legal clock: afternoon cut-off, whether the receipt day counts, nearly-due and apology lead times. */
  ...LegalClockEnvSchema.shape,
  /** The grace period of a reconciliation an admin runs (POST /api/reconciliation). */
  ...ReconcileEnvSchema.shape,
  JWT_SECRET: z.string().min(32, 'must have at least 32 characters'),
  /** How long a token is valid: short, so a stolen token is soon useless; at most one working day. */
  TOKEN_TTL: z
    .string()
    .regex(/^\d{1,6}[smh]$/, { message: 'must be a duration such as 30m or 8h', abort: true })
    .refine((ttl) => ttlSeconds(ttl) >= 60 && ttlSeconds(ttl) <= MAX_TOKEN_TTL_SECONDS, {
      message: 'must be between 1m and 12h',
    })
    .default('30m'),
  ADMIN_UI_DIST: z
    .string()
    .min(1)
    .default(fileURLToPath(new URL('../../admin-ui/dist', import.meta.url))),
  TRUST_PROXY: TrustProxySchema,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Whether every answer is checked against its route's zod response schema before the compiled
   * serializer writes it (response-serializer.ts). fast-json-stringify coerces silently (a number in
   * a string field becomes text, null becomes ""), so a service answering the wrong shape would go
   * unseen; with the check it fails with a 500 naming the route and the fields. The tests turn it on;
   * off by default, as it costs a zod parse of every answer.
   */
  CHECK_RESPONSES: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((value) => value === 'true')
    .default(false),
  /** Origin of the citizen pages; the QR code on every form opens `<PUBLIC_BASE_URL>/#/tra-cuu?code=<code>`. */
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default('http://127.0.0.1:3000'),
});

/** The configuration with the defaults that depend on other variables filled in. */
const ResolvedConfigSchema = ConfigSchema.transform((config, context) => {
  const heavyReportsAtOnce = config.HEAVY_REPORTS_AT_ONCE ?? Math.max(1, Math.floor(config.DATABASE_POOL_SIZE / 4));
  if (heavyReportsAtOnce > config.DATABASE_POOL_SIZE) {
    context.addIssue({
      code: 'custom',
      path: ['HEAVY_REPORTS_AT_ONCE'],
      message: `must be at most DATABASE_POOL_SIZE (${config.DATABASE_POOL_SIZE})`,
    });
    return z.NEVER;
  }
  return { ...config, HEAVY_REPORTS_AT_ONCE: heavyReportsAtOnce };
});

export type Config = z.infer<typeof ResolvedConfigSchema>;

export { ConfigError };

/** Parses the environment; throws a ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return parseEnv(ResolvedConfigSchema, env);
}
