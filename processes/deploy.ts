/**
 * Deploys every BPMN file of this folder to the engine over REST. Run it with `npm start -w processes`
 * (env ENGINE_URL, ENGINE_USER, ENGINE_PASSWORD); tests and the stack orchestration call
 * `deployProcesses` directly. Deploying unchanged files creates no new version, so it is safe to run on
 * every start.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EngineEnvSchema, parseEnv } from '@motcua/common/config';
import { createEngineClient, type EngineClient, type EngineDeployment } from '@motcua/common/engine';

/**
 * The folder holding the BPMN files: one per process, named after its process key. It is this
 * package's folder, which holds this script and, one level down in dist/, its compiled form.
 */
export const PROCESSES_DIR = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '.' : '..', import.meta.url));

/** The deployment name the engine compares against to skip unchanged files. */
export const DEPLOYMENT_NAME = 'motcua-processes';

/** Deploys all `*.bpmn` files of `dir` in one deployment; returns what the engine answered. */
export async function deployProcesses(engine: EngineClient, dir: string = PROCESSES_DIR): Promise<EngineDeployment> {
  const fileNames = (await readdir(dir)).filter((name) => name.endsWith('.bpmn')).sort();
  if (fileNames.length === 0) throw new Error(`no .bpmn file in ${dir}`);
  const files = await Promise.all(
    fileNames.map(async (fileName) => ({ fileName, content: await readFile(path.join(dir, fileName), 'utf8') })),
  );
  return engine.deploy({ name: DEPLOYMENT_NAME, source: 'processes/deploy.ts', files });
}

/** One line per process definition the deployment created, or a note that nothing changed. */
export function describeDeployment(deployment: EngineDeployment): string[] {
  const definitions = Object.values(deployment.deployedProcessDefinitions ?? {});
  if (definitions.length === 0) return [`deployment ${deployment.id}: no process changed, nothing new deployed`];
  return definitions.map((definition) => `deployed ${definition.key} version ${definition.version} (${definition.id})`);
}

async function main(): Promise<void> {
  const env = parseEnv(EngineEnvSchema, process.env);
  const engine = createEngineClient({ baseUrl: env.ENGINE_URL, user: env.ENGINE_USER, password: env.ENGINE_PASSWORD });
  const deployment = await deployProcesses(engine);
  for (const line of describeDeployment(deployment)) console.log(line);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
