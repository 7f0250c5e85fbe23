import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createServer } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../scripts/lib/paths.mjs';
import { compiledRuntime } from '../scripts/lib/prepare.mjs';

/**
 * Our libraries' package.json `exports` (and prisma's `imports`) name two files per entry: the
 * TypeScript source under the custom condition `@motcua/source`, the compiled JavaScript by default.
 * Plain Node.js (production, the Docker image, `npm start`) must get the compiled file; vitest, tsx
 * with `--conditions=@motcua/source` and Vite (the admin UI) the source, so tests and development
 * never run a stale build. The cases come from the package files themselves.
 */
const SOURCE = '@motcua/source';
type Conditional = { [SOURCE]: string; default: string };

interface Entry {
  /** What an import names, e.g. `@motcua/common/engine` or `#generated/client`. */
  specifier: string;
  /** The folder whose package scope the import is made from. */
  from: string;
  source: string;
  compiled: string;
}

const workspaces: string[] = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).workspaces;
const entries: Entry[] = workspaces.flatMap((workspace) => {
  const folder = join(ROOT, workspace);
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  const conditional = (map: Record<string, unknown> | undefined) =>
    Object.entries(map ?? {}).filter(
      (pair): pair is [string, Conditional] => typeof pair[1] === 'object' && !pair[0].includes('*'),
    );
  return [
    ...conditional(manifest.exports).map(([key, target]) => ({
      specifier: manifest.name + key.slice(1),
      from: ROOT,
      source: join(folder, target[SOURCE]),
      compiled: join(folder, target.default),
    })),
    ...conditional(manifest.imports).map(([key, target]) => ({
      specifier: key,
      from: folder,
      source: join(folder, target[SOURCE]),
      compiled: join(folder, target.default),
    })),
  ];
});
const url = (file: string) => pathToFileURL(file).href;

/** What `import.meta.resolve` answers for each entry in a Node.js started with `flags`. */
function resolvedByNode(node: string, flags: string[], entry: Entry): string {
  const result = spawnSync(node, [...flags, '--input-type=module', '-e', `console.log(import.meta.resolve(${JSON.stringify(entry.specifier)}))`], {
    cwd: entry.from,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout.trim();
}

describe('package exports', () => {
  let node: string;
  beforeAll(async () => {
    node = await compiledRuntime();
  }, 600_000);

  it('cover every library the server and the workers import', () => {
    const specifiers = entries.map((entry) => entry.specifier);
    expect(specifiers).toEqual(expect.arrayContaining(['@motcua/common', '@motcua/db', '@motcua/processes', '#generated/client']));
    if (workspaces.includes('domain')) expect(specifiers).toContain('@motcua/domain');
  });

  it.each(entries.map((entry) => [entry.specifier, entry] as const))(
    '%s: plain Node.js loads the compiled JavaScript, which exists once built',
    (_specifier, entry) => {
      expect(resolvedByNode(node, [], entry)).toBe(url(entry.compiled));
      expect(existsSync(entry.compiled)).toBe(true);
    },
    60_000,
  );

  it.each(entries.map((entry) => [entry.specifier, entry] as const))(
    '%s: tsx with the source condition resolves to the TypeScript source',
    (_specifier, entry) => {
      expect(resolvedByNode(node, [`--conditions=${SOURCE}`, '--import', 'tsx'], entry)).toBe(url(entry.source));
    },
    60_000,
  );

  it('lets tsx run the sources of a library with the source condition', () => {
    const result = spawnSync(
      node,
      [`--conditions=${SOURCE}`, '--import', 'tsx', '--input-type=module', '-e', "const { EngineEnvSchema } = await import('@motcua/common/config'); console.log(Object.keys(EngineEnvSchema.shape).join(','))"],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('ENGINE_URL,ENGINE_USER,ENGINE_PASSWORD');
  }, 60_000);
});

/** Every Vite configuration of the repository: each workspace's vitest.config.ts, the root's, the admin UI's. */
const viteConfigs = [ROOT, ...workspaces.map((workspace) => join(ROOT, workspace))].flatMap((folder) =>
  ['vitest.config.ts', 'vite.config.ts'].map((name) => join(folder, name)).filter((file) => existsSync(file)),
);

describe.each(viteConfigs.map((file) => [file.slice(ROOT.length)] as const))('%s', (configFile) => {
  // Tests run in Vite's ssr environment; an app's vite.config.ts also bundles for the browser (client).
  const environments = configFile.endsWith('vite.config.ts') ? (['ssr', 'client'] as const) : (['ssr'] as const);

  it(`resolves our libraries to their TypeScript sources (${environments.join(', ')})`, async () => {
    const root = join(ROOT, configFile, '..');
    const server = await createServer({
      configFile: join(ROOT, configFile),
      root,
      logLevel: 'silent',
      server: { middlewareMode: true, hmr: false, watch: null },
      optimizeDeps: { noDiscovery: true },
    });
    try {
      for (const entry of entries.filter((candidate) => candidate.from === ROOT)) {
        for (const name of environments) {
          const resolved = await server.environments[name]!.pluginContainer.resolveId(entry.specifier, join(root, 'importer.ts'));
          expect(resolved?.id, `${name}: ${entry.specifier}`).toBe(entry.source);
        }
      }
    } finally {
      await server.close();
    }
  }, 60_000);
});
