import type { FastifyContextConfig } from 'fastify';
import type { Config } from '../../../config.js';

/**
 * The rate limit of every public route (dossier lookup, catalogue): RATE_LIMIT_PUBLIC_PER_MINUTE
 * requests per minute from one client address, counted per route. A benchmark lifts it by
 * configuration.
 */
export function publicRateLimit(config: Config): FastifyContextConfig {
  return { rateLimit: { max: config.RATE_LIMIT_PUBLIC_PER_MINUTE, timeWindow: '1 minute' } };
}
