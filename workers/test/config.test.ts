import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

/** The variables without a default: the database and the engine's service account. */
const REQUIRED = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/motcua',
  ENGINE_USER: 'motcuatest',
  ENGINE_PASSWORD: 'a-password-for-the-engine',
};

describe('loadConfig', () => {
  it('fills the defaults, with a worker id that a restart on the same host keeps', () => {
    const config = loadConfig(REQUIRED);

    expect(config.ENGINE_URL).toBe('http://127.0.0.1:8080/engine-rest');
    expect(config.WORKER_ID).toBe(`motcua-worker-${hostname()}`);
    expect(config.RECONCILE_GRACE_MS).toBe(120_000);
    expect(config.WORKER_RETRIES).toBe(3);
    expect(config.NOTIFICATION_LOG).toBe('data/notifications.log');
    expect(config.LEGAL_CLOCK_AFTERNOON_CUTOFF).toBe('15:00');
    expect(config.APOLOGY_LEAD_TIME).toBe('1d');
    expect(config.CALENDAR_REFRESH_MS).toBe(300_000);
  });

  it('refuses to start without the engine account, naming both variables: there is no default', () => {
    expect(() => loadConfig({ DATABASE_URL: REQUIRED.DATABASE_URL })).toThrow(
      'invalid configuration: ENGINE_USER is required; ENGINE_PASSWORD is required',
    );
  });

  it('reads numbers, budgets and switches from strings', () => {
    const config = loadConfig({
      ...REQUIRED,
      WORKER_RETRY_TIMEOUT_MS: '1000',
      APOLOGY_LEAD_TIME: '4h',
      LEGAL_CLOCK_AFTERNOON_CUTOFF: 'none',
      LEGAL_CLOCK_RECEIPT_DAY_COUNTS: 'true',
      PUBLIC_BASE_URL: 'https://motcua.example.vn',
    });

    expect(config.WORKER_RETRY_TIMEOUT_MS).toBe(1000);
    expect(config.APOLOGY_LEAD_TIME).toBe('4h');
    expect(config.LEGAL_CLOCK_AFTERNOON_CUTOFF).toBeNull();
    expect(config.LEGAL_CLOCK_RECEIPT_DAY_COUNTS).toBe(true);
    expect(config.PUBLIC_BASE_URL).toBe('https://motcua.example.vn');
  });

  it('names every invalid variable', () => {
    expect(() =>
      loadConfig({ ENGINE_URL: 'not a url', WORKER_LOCK_DURATION_MS: '10', APOLOGY_LEAD_TIME: 'tomorrow' }),
    ).toThrow(/DATABASE_URL[\s\S]*ENGINE_URL[\s\S]*APOLOGY_LEAD_TIME[\s\S]*WORKER_LOCK_DURATION_MS/);
  });

  it('refuses a longest backoff shorter than the first one', () => {
    expect(() =>
      loadConfig({
        ...REQUIRED,
        NOTIFICATION_BACKOFF_MS: '60000',
        NOTIFICATION_MAX_BACKOFF_MS: '1000',
      }),
    ).toThrow(/NOTIFICATION_MAX_BACKOFF_MS must be at least NOTIFICATION_BACKOFF_MS/);
  });
});
