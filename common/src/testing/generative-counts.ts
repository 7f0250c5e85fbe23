import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The size of a generative test (cells of the authorization matrix, fuzzed requests, walked paths,
 * policy cases), reported to `npm test`'s closing summary. scripts/test.mjs names a folder in
 * MOTCUA_GENERATIVE_COUNTS; each suite writes one small file there. Outside `npm test` nothing is
 * written.
 */
export function recordGenerativeCount(name: string, count: number, unit: string): void {
  const folder = process.env.MOTCUA_GENERATIVE_COUNTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `${name.replace(/[^a-z0-9-]+/gi, '-')}.json`), JSON.stringify({ name, count, unit }));
}
