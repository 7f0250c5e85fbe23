/**
 * The database both work list benchmarks read (work-list-plans.ts, its statements; work-list-api.ts,
 * the route): bench/province-sql.ts's province and open tasks, and officers of the busiest district
 * to sign in as, kept between runs (./kept-database.ts) since seeding 1 000 000 dossiers and 100 000
 * open tasks takes minutes.
 */
import type pg from 'pg';
import { hashPassword } from '../prisma/src/passwords.js';
import { keptDatabase } from './kept-database.js';
import { OPEN_TASKS, SEED } from './province-sql.js';

/** The busiest district: the officers measured work there. */
export const DISTRICT = '000.00.01.H41';
export const PASSWORD = 'Bench-worklist-2026';
/** Who signs in: `specialist` holds some of the seeded tasks (OPEN_TASKS). */
export const OFFICERS = [
  { username: 'specialist', roles: ['specialist'] },
  { username: 'bench.leader', roles: ['leader'] },
  { username: 'bench.specialist.leader', roles: ['specialist', 'leader'] },
] as const;
export type Officer = (typeof OFFICERS)[number]['username'];

/** The URL of the kept database with `dossiers` and `tasks` (seeded now unless it was, or `reseed`). */
export function workListProvince(options: { dossiers: number; tasks: number; reseed: boolean }): Promise<string> {
  return keptDatabase({
    adminUrl: process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    name: 'motcua_bench_worklist',
    sizes: `${options.dossiers} dossiers, ${options.tasks} open tasks`,
    reseed: options.reseed,
    seed: async (client: pg.Client) => {
      await client.query(SEED(options.dossiers));
      await client.query(OPEN_TASKS(options.tasks));
      const hash = await hashPassword(PASSWORD);
      for (const officer of OFFICERS) {
        await client.query(
          `INSERT INTO "Account" (id, username, "passwordHash", "fullName", roles, "agencyId")
           SELECT gen_random_uuid(), $1, $2, $1, $3::"Role"[], id FROM "Agency" WHERE code = $4`,
          [officer.username, hash, officer.roles, DISTRICT],
        );
      }
    },
  });
}
