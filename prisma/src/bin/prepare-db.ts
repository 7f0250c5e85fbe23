/**
 * Prepares the database named by DATABASE_URL: applies the migrations, then, with `--demo`, seeds the
 * demo agencies, procedure and accounts. Safe to run at every start.
 *
 *   DATABASE_URL=postgresql://… npx tsx prisma/src/bin/prepare-db.ts [--demo]
 */
import { applyMigrations } from '../migrate.js';
import { createDb } from '../client.js';
import { seed } from '../seed.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('prepare-db: DATABASE_URL must name the PostgreSQL database to prepare');
  process.exit(2);
}
const demo = process.argv.slice(2).includes('--demo');

const migrations = await applyMigrations(databaseUrl);
console.log(
  `prepare-db: migrations applied now: ${migrations.applied.join(', ') || 'none'}; ` +
    `already applied: ${migrations.alreadyApplied.length}`,
);
const db = createDb(databaseUrl, { max: 1 });
try {
  const { created, deactivated } = await seed(db, { demo });
  console.log(`prepare-db: ${demo ? 'demo' : 'production'} seed created: ${created.join(', ') || 'nothing'}`);
  if (deactivated.length > 0) {
    console.log(`prepare-db: deactivated, as they still had the demo password: ${deactivated.join(', ')}`);
  }
} finally {
  await db.$disconnect();
}
