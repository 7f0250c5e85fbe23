import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * Docker cannot run on the build machines, so the production-like deployment is checked statically:
 * the services it must have, how they are wired, and that no secret is written into it.
 */
const root = join(import.meta.dirname, '..');
const composeText = readFileSync(join(root, 'docker-compose.yml'), 'utf8');

interface Service {
  build?: string;
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  healthcheck?: { test: string[] };
}
const compose = parse(composeText, { merge: true }) as { services: Record<string, Service> };
const services = compose.services;

/** The TypeScript file a compiled script comes from: its workspace's tsconfig.build.json says where. */
function compiledFrom(script: string): string {
  const workspace = join(root, script.split('/')[0]!);
  const configFile = join(workspace, 'tsconfig.build.json');
  const { options } = ts.parseJsonConfigFileContent(ts.readConfigFile(configFile, ts.sys.readFile).config, ts.sys, workspace);
  return join(options.rootDir!, relative(options.outDir!, join(root, script)).replace(/\.js$/, '.ts'));
}

describe('docker-compose.yml', () => {
  it('has PostgreSQL, two engine nodes, the server and the workers', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['postgres', 'engine-1', 'engine-2', 'server', 'workers']));
  });

  it('runs both engine nodes on the same PostgreSQL database', () => {
    const urls = ['engine-1', 'engine-2'].map((name) => services[name]?.environment?.ENGINE_DB_URL);
    expect(urls[0]).toMatch(/^jdbc:postgresql:\/\/postgres:5432\/\w+$/);
    expect(urls[1]).toBe(urls[0]);
  });

  it('points the server and the workers at our database and at the engine REST API', () => {
    for (const name of ['server', 'workers']) {
      const env = services[name]?.environment ?? {};
      expect(env.DATABASE_URL, name).toMatch(/^postgresql:\/\/[^@]+@postgres:5432\/motcua$/);
      expect(env.ENGINE_URL, name).toMatch(/\/engine-rest$/);
    }
  });

  it('gives the server and the workers the same legal clock and citizen page address', () => {
    const keys = ['LEGAL_CLOCK_AFTERNOON_CUTOFF', 'LEGAL_CLOCK_RECEIPT_DAY_COUNTS', 'APOLOGY_LEAD_TIME', 'APOLOGY_LIMIT', 'PUBLIC_BASE_URL'];
    for (const key of keys) {
      expect(services.server?.environment?.[key], key).toBeDefined();
      expect(services.workers?.environment?.[key], key).toBe(services.server?.environment?.[key]);
    }
  });

  it('keeps the notification log of the workers on a volume', () => {
    const log = services.workers?.environment?.NOTIFICATION_LOG ?? '';
    const mounts = (services.workers as { volumes?: string[] } | undefined)?.volumes ?? [];
    expect(mounts.some((mount) => log.startsWith(`${mount.split(':')[1]}/`))).toBe(true);
  });

  it('starts the server only after migrations and process deployment succeeded', () => {
    expect(services.server?.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    expect(services.server?.depends_on?.['deploy-processes']?.condition).toBe('service_completed_successfully');
    expect(services['engine-1']?.depends_on?.postgres?.condition).toBe('service_healthy');
  });

  it('runs compiled JavaScript on plain node, each script compiled from a source in the repository', () => {
    const nodeServices = Object.entries(services).filter(([, service]) => service.build === '.');
    expect(nodeServices.map(([name]) => name)).toEqual(expect.arrayContaining(['server', 'workers', 'migrate']));
    for (const [name, service] of nodeServices) {
      const [command, script, ...rest] = service.command ?? [];
      expect(command, name).toBe('node');
      expect(script, name).toMatch(/^[\w-]+\/dist\/[\w/-]+\.js$/);
      expect(rest.join(' '), name).not.toMatch(/tsx|--import|--conditions/);
      expect(existsSync(compiledFrom(script!)), `${name}: ${script} is compiled from ${compiledFrom(script!)}`).toBe(true);
    }
  });

  it('runs PostgreSQL without JIT compilation, which cost the engine’s job acquisition 656 ms (docs/benchmarks.md)', () => {
    expect(services.postgres?.command?.join(' ')).toMatch(/^postgres .*-c jit=off/);
  });

  it('builds from folders that have a Dockerfile', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build) expect(existsSync(join(root, service.build, 'Dockerfile')), name).toBe(true);
    }
    expect(existsSync(join(root, 'deploy', 'postgres-init.sql'))).toBe(true);
    expect(existsSync(join(root, 'deploy', 'engine-lb.conf'))).toBe(true);
  });

  it('has no default engine account: both engine nodes and every Node.js service require the same one', () => {
    const account = ['ENGINE_USER', 'ENGINE_PASSWORD', 'ENGINE_ADMIN_USER', 'ENGINE_ADMIN_PASSWORD'];
    const given = Object.entries(services).flatMap(([name, service]) =>
      Object.entries(service.environment ?? {})
        .filter(([key]) => account.includes(key))
        .map(([key, value]) => ({ where: `${name}.${key}`, value })),
    );
    expect(given.length).toBeGreaterThanOrEqual(8);
    for (const { where, value } of given) expect(value, where).toMatch(/^\$\{ENGINE_(USER|PASSWORD):\?[^}]+\}$/);
    expect(services['engine-1']?.environment?.ENGINE_ADMIN_PASSWORD).toBe(services.server?.environment?.ENGINE_PASSWORD);
    expect(composeText).not.toMatch(/\$\{ENGINE_(USER|PASSWORD):?-/);
  });

  it('takes every password and secret from the environment, never from the file', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/PASSWORD|SECRET/.test(key)) expect(value, `${name}.${key}`).toMatch(/^\$\{[A-Z_]+:\?/);
        if (key.endsWith('_URL')) expect(value, `${name}.${key}`).not.toMatch(/:\/\/[^:/@]+:(?!\$\{)[^@]+@/);
      }
    }
  });

  it('publishes ports on the loopback interface only', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const port of service.ports ?? []) expect(port, name).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it('health-checks the database and the engine nodes', () => {
    for (const name of ['postgres', 'engine-1', 'engine-2']) expect(services[name]?.healthcheck?.test, name).toBeDefined();
  });
});
