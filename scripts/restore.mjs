/**
 * `npm run restore -- <dir>`: puts back what `npm run backup` wrote into `<dir>`, into the databases the
 * environment names (scripts/lib/backup.mjs), then checks the restored trail (`npm run verify-trail`)
 * and exits with its code: 0 intact, 1 broken.
 */
import { spawnSync } from 'node:child_process';
import { restore } from './lib/backup.mjs';
import { ROOT } from './lib/paths.mjs';

const dir = process.argv[2];
if (!dir) {
  console.error('Cách dùng / usage: npm run restore -- <thư mục sao lưu / backup folder>');
  process.exit(2);
}
try {
  for (const line of restore(dir)) console.log(`• ${line}`);
  console.log(`Đã khôi phục / Restored from ${dir}`);
} catch (error) {
  console.error(`Khôi phục thất bại / Restore failed: ${error.message}`);
  process.exit(1);
}
const verified = spawnSync(
  process.execPath,
  ['--conditions=@motcua/source', '--import', 'tsx', 'prisma/src/bin/verify-trail.ts'],
  { cwd: ROOT, stdio: 'inherit' },
);
process.exit(verified.status ?? 1);
