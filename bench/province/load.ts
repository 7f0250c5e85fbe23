/**
 * A small closed-loop load generator: a fixed number of clients, each with one request in flight at a
 * time over its own keep-alive connection, for a fixed time (or number of requests). Every request's
 * latency is kept, so the percentiles are exact, not estimated from buckets.
 */
import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface HttpAnswer {
  status: number;
  body: string;
}

/** One HTTP request on `agent`; the whole body is read (a keep-alive connection is reused only then). */
export function send(
  agent: Agent,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(120_000, () => req.destroy(new Error(`${init.method ?? 'GET'} ${url}: no answer in 120 s`)));
    req.on('error', reject);
    req.end(init.body);
  });
}

/**
 * A request the server declined on purpose, with 503 and Retry-After: over the limit of heavy reports
 * computed at once (server/src/services/heavy-report-limit.ts). Counted apart from the failures, and
 * out of the latencies, since it did not do the work.
 */
export class Refused extends Error {}

export interface LoadResult {
  requests: number;
  errors: number;
  /** Requests answered 503 (Refused). */
  refused: number;
  /** The first failure's description, to tell what failed. */
  firstError: string | null;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length * p) / 100) - 1)]!;
}

/**
 * Runs `operation` from `clients` loops for `seconds` (and at most `maxRequests` in all), after
 * `warmup` unmeasured operations per client. `operation(client, agent, index)` performs one
 * measured unit of work (one request, or a request and what it waits for) and throws on failure.
 */
export async function runLoad(options: {
  clients: number;
  seconds: number;
  maxRequests?: number;
  warmup?: number;
  operation: (client: number, agent: Agent, index: number) => Promise<void>;
  /** Called when the measured phase begins (after the warm-up) and when it ends, e.g. to read CPU times. */
  onMeasuredPhase?: { begin(): Promise<void>; end(): Promise<void> };
}): Promise<LoadResult> {
  const agents = Array.from({ length: options.clients }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
  try {
    const warmup = options.warmup ?? 2;
    let index = 0;
    await Promise.all(
      agents.map(async (agent, client) => {
        // a failed warm-up request is not counted either: the measured ones will show any failure
        for (let i = 0; i < warmup; i += 1) await options.operation(client, agent, index++).catch(() => undefined);
      }),
    );
    const latencies: number[] = [];
    let errors = 0;
    let refused = 0;
    let firstError: string | null = null;
    const maxRequests = options.maxRequests ?? Number.POSITIVE_INFINITY;
    await options.onMeasuredPhase?.begin();
    const began = performance.now();
    const deadline = began + options.seconds * 1000;
    let issued = 0;
    await Promise.all(
      agents.map(async (agent, client) => {
        while (performance.now() < deadline && issued < maxRequests) {
          issued += 1;
          const start = performance.now();
          try {
            await options.operation(client, agent, index++);
            latencies.push(performance.now() - start);
          } catch (error) {
            if (error instanceof Refused) {
              refused += 1;
              continue;
            }
            errors += 1;
            firstError ??= error instanceof Error ? error.message : String(error);
          }
        }
      }),
    );
    const seconds = (performance.now() - began) / 1000;
    await options.onMeasuredPhase?.end();
    latencies.sort((a, b) => a - b);
    return {
      requests: latencies.length,
      errors,
      refused,
      firstError,
      seconds,
      perSecond: latencies.length / seconds,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? Number.NaN,
    };
  } finally {
    for (const agent of agents) agent.destroy();
  }
}
