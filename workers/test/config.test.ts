import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('fills the defaults and gives each process its own worker id', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/motcua' });

    expect(config.ENGINE_URL).toBe('http://127.0.0.1:8080/engine-rest');
    expect(config.ENGINE_USER).toBe('demo');
    expect(config.WORKER_ID).toBe(`motcua-worker-${hostname()}-${process.pid}`);
    expect(config.WORKER_RETRIES).toBe(3);
    expect(config.CALENDAR_EXTRA_DAYS_OFF).toEqual([]);
  });

  it('reads numbers and date lists from strings', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://db/motcua',
      WORKER_RETRY_TIMEOUT_MS: '1000',
      CALENDAR_EXTRA_DAYS_OFF: '2026-01-02, 2026-02-16',
    });

    expect(config.WORKER_RETRY_TIMEOUT_MS).toBe(1000);
    expect(config.CALENDAR_EXTRA_DAYS_OFF).toEqual(['2026-01-02', '2026-02-16']);
  });

  it('names every invalid variable', () => {
    expect(() => loadConfig({ ENGINE_URL: 'not a url', WORKER_LOCK_DURATION_MS: '10' })).toThrow(
      /DATABASE_URL[\s\S]*ENGINE_URL[\s\S]*WORKER_LOCK_DURATION_MS/,
    );
  });
});
