import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One rule, one home (issue 7 C): the applicant's messages were once written in three places with
 * two date formats. Now domain/src/notifications.ts words and queues every message, through the
 * outbox of prisma/src/outbox.ts, the one module that inserts notification rows. This test reads
 * the sources of every workspace that runs in production, so a second writer fails it.
 */
const ROOT = join(import.meta.dirname, '..');
const PRODUCTION_SOURCES = ['common/src', 'prisma/src', 'domain/src', 'workers/src', 'server/src', 'admin-ui/src'];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
    return /\.(ts|tsx|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** The files whose text matches `pattern`, relative to the repository. */
function filesMatching(pattern: RegExp): string[] {
  return PRODUCTION_SOURCES.flatMap(sourceFiles)
    .filter((file) => pattern.test(readFileSync(join(ROOT, file), 'utf8')))
    .map((file) => relative(ROOT, join(ROOT, file)))
    .sort();
}

describe('the applicant messages', () => {
  it('are queued by the domain module alone', () => {
    expect(filesMatching(/\benqueueNotification\(/)).toEqual(['domain/src/notifications.ts', 'prisma/src/outbox.ts']);
  });

  it('are inserted as rows by the outbox alone', () => {
    expect(filesMatching(/\.notification\.(create|createMany|upsert)\(|INSERT\s+INTO\s+"Notification"/i)).toEqual([
      'prisma/src/outbox.ts',
    ]);
  });
});
