/**
 * `npm run verify-trail`: walks the hash chains of DossierEvent and AuditLog (src/trail.ts) and prints
 * one line, Vietnamese then English. Exit code 0 when both are intact, 1 when a link is broken (the
 * line names the table, the row and what differs), 2 when the check could not run.
 * `--json` prints the whole result instead.
 */
import { createDb } from '../client.js';
import { verifyTrail } from '../trail.js';
import { openCommandDatabase } from './database-url.js';

const json = process.argv.slice(2).includes('--json');
let exitCode = 2;
try {
  const database = await openCommandDatabase();
  const db = createDb(database.url, { max: 1 });
  try {
    const result = await verifyTrail(db);
    if (json) console.log(JSON.stringify(result, null, 2));
    else {
      console.log(result.summary);
      for (const table of result.tables) {
        if (table.head) console.log(`  ${table.table}: chainSeq ${table.head.chainSeq}, hash ${table.head.hash}`);
      }
      console.log(`  (${database.description}; ${result.checkedAt})`);
    }
    exitCode = result.ok ? 0 : 1;
  } finally {
    await db.$disconnect();
    await database.close();
  }
} catch (error) {
  console.error(`Không kiểm tra được chuỗi nhật ký / The trail could not be checked: ${(error as Error).message}`);
}
process.exit(exitCode);
