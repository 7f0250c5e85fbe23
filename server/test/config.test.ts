import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const VALID = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/motcua',
  JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters',
  ENGINE_USER: 'motcuatest',
  ENGINE_PASSWORD: 'a-password-for-the-engine',
};

describe('loadConfig', () => {
  it('applies the documented defaults to a minimal environment', () => {
    // given only the required variables
    // when the configuration is loaded
    const config = loadConfig(VALID);
    // then everything else has its default
    expect(config).toMatchObject({
      HOST: '127.0.0.1',
      PORT: 3000,
      ENGINE_URL: 'http://127.0.0.1:8080/engine-rest',
      TOKEN_TTL: '30m',
      TRUST_PROXY: false,
      LOG_LEVEL: 'info',
      DATABASE_POOL_SIZE: 20,
      RATE_LIMIT_LOGIN_PER_MINUTE: 10,
      RATE_LIMIT_LOGIN_FAILURES_PER_MINUTE: 30,
      RATE_LIMIT_PUBLIC_PER_MINUTE: 60,
    });
    expect(config.ADMIN_UI_DIST).toMatch(/admin-ui[/\\]dist$/);
  });

  it('rejects a JWT secret shorter than 32 characters, naming the variable', () => {
    expect(() => loadConfig({ ...VALID, JWT_SECRET: 'short' })).toThrow(
      new ConfigError('invalid configuration: JWT_SECRET must have at least 32 characters'),
    );
  });

  it.each(['13h', '1d', '30s', '0m'])('refuses a token lifetime of %s: tokens live between 1m and 12h', (ttl) => {
    expect(() => loadConfig({ ...VALID, TOKEN_TTL: ttl })).toThrow(
      /TOKEN_TTL must (be between 1m and 12h|be a duration)/,
    );
  });

  it('refuses to start without the engine account, naming both variables: there is no default', () => {
    expect(() => loadConfig({ ...VALID, ENGINE_USER: undefined, ENGINE_PASSWORD: '' })).toThrow(
      new ConfigError('invalid configuration: ENGINE_USER is required; ENGINE_PASSWORD is required'),
    );
  });

  it('treats an empty variable as unset, so a copied .env.example still names what is missing', () => {
    expect(() => loadConfig({ ...VALID, JWT_SECRET: '' })).toThrow(/JWT_SECRET is required/);
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ ...VALID, DATABASE_URL: 'mysql://x', PORT: 'eighty', TOKEN_TTL: 'soon' })).toThrow(
      new ConfigError(
        'invalid configuration: PORT must be a port number; DATABASE_URL must be a postgresql:// URL; ' +
          'TOKEN_TTL must be a duration such as 30m or 8h',
      ),
    );
  });

  it.each([
    ['true', true],
    ['false', false],
    ['127.0.0.1', ['127.0.0.1']],
    ['10.0.0.0/8, 192.168.1.1,fd00::/8', ['10.0.0.0/8', '192.168.1.1', 'fd00::/8']],
    ['loopback,::1', ['loopback', '::1']],
  ] as const)('reads TRUST_PROXY=%s', (value, expected) => {
    expect(loadConfig({ ...VALID, TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });

  it.each(['yes', '10.0.0.0/33', '10.0.0.300', '127.0.0.1,,10.0.0.1', 'proxy.example.org'])(
    'rejects TRUST_PROXY=%s, naming the variable and what it accepts',
    (value) => {
      expect(() => loadConfig({ ...VALID, TRUST_PROXY: value })).toThrow(
        new ConfigError(
          'invalid configuration: TRUST_PROXY must be true, false, or a comma-separated list of IP addresses ' +
            'or CIDR ranges, e.g. 10.0.0.0/8',
        ),
      );
    },
  );

  it('rejects a number of proxy hops for TRUST_PROXY, which Fastify would silently ignore', () => {
    expect(() => loadConfig({ ...VALID, TRUST_PROXY: '2' })).toThrow(
      /TRUST_PROXY cannot be a number of proxy hops \(Fastify ignores them\); list the proxy addresses instead/,
    );
  });

  it('computes a quarter of the pool’s heavy reports at once by default, at least 1', () => {
    expect(loadConfig(VALID).HEAVY_REPORTS_AT_ONCE).toBe(5);
    expect(loadConfig({ ...VALID, DATABASE_POOL_SIZE: '5' }).HEAVY_REPORTS_AT_ONCE).toBe(1);
    expect(loadConfig({ ...VALID, DATABASE_POOL_SIZE: '2' }).HEAVY_REPORTS_AT_ONCE).toBe(1);
    expect(loadConfig({ ...VALID, HEAVY_REPORTS_AT_ONCE: '8' }).HEAVY_REPORTS_AT_ONCE).toBe(8);
  });

  it('refuses more heavy reports at once than the pool has connections: they would take them all', () => {
    expect(() => loadConfig({ ...VALID, DATABASE_POOL_SIZE: '10', HEAVY_REPORTS_AT_ONCE: '11' })).toThrow(
      new ConfigError('invalid configuration: HEAVY_REPORTS_AT_ONCE must be at most DATABASE_POOL_SIZE (10)'),
    );
  });

  const COUNTS = [
    'DATABASE_POOL_SIZE',
    'RATE_LIMIT_LOGIN_PER_MINUTE',
    'RATE_LIMIT_LOGIN_FAILURES_PER_MINUTE',
    'RATE_LIMIT_PUBLIC_PER_MINUTE',
  ] as const;

  it.each(COUNTS)('reads %s as a whole number, so a benchmark can lift it', (name) => {
    expect(loadConfig({ ...VALID, [name]: '500' })[name]).toBe(500);
  });

  it.each(
    [...COUNTS, 'HEAVY_REPORTS_AT_ONCE'].flatMap((name) =>
      ['0', '-1', '2.5', 'many'].map((value) => [name, value] as const),
    ),
  )('rejects %s=%s, naming the variable', (name, value) => {
    expect(() => loadConfig({ ...VALID, [name]: value })).toThrow(
      new RegExp(`^invalid configuration: ${name} must be (a whole number|at least 1)$`),
    );
  });
});
