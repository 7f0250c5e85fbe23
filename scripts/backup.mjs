/**
 * `npm run backup -- <dir>`: our database and the engine's into a new folder (scripts/lib/backup.mjs
 * says how each kind of database is kept). Reads DATABASE_URL, ENGINE_DB_URL / ENGINE_DB_USER /
 * ENGINE_DB_PASSWORD, MOTCUA_DATA_DIR and ENGINE_DATA_DIR as `npm start` does.
 */
import { backup } from './lib/backup.mjs';

const dir = process.argv[2];
if (!dir) {
  console.error('Cách dùng / usage: npm run backup -- <thư mục mới / new folder>');
  process.exit(2);
}
try {
  for (const line of backup(dir)) console.log(`• ${line}`);
  console.log(`Đã sao lưu / Backed up into ${dir}`);
} catch (error) {
  console.error(`Sao lưu thất bại / Backup failed: ${error.message}`);
  process.exit(1);
}
