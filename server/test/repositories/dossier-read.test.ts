import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDb, DEMO_AGENCIES, poolOf, Prisma, type Db } from '@motcua/db';
import { DOSSIER_INCLUDE, type DossierRow } from '../../src/repositories/dossier-repository.js';
import { readDossiers } from '../../src/repositories/dossier-read.js';
import { build } from '../helpers/build.js';
import { claimTask, taskAction, waitForDossier, workTask } from '../helpers/dossier-journey.js';
import { receiveDossier } from '../helpers/requests.js';
import { startTestWorkers } from '../helpers/workers.js';

/**
 * The officer's read in one statement (src/repositories/dossier-read.ts) gives exactly what
 * Prisma's include (DOSSIER_INCLUDE, eight statements) gives: for dossiers with each relation
 * filled — found incomplete at reception (its supplement request event), paused for a supplement
 * during processing, transferred to a partner agency and back — and then for every dossier the
 * test database holds, whichever test files ran before.
 */
let app: FastifyInstance;
let workers: { stop(): Promise<void> };
let db: Db;
const codes: string[] = [];

beforeAll(async () => {
  app = await build();
  workers = startTestWorkers();
  db = createDb(inject('databaseUrl'), { max: 2 });
  const applicant = (fullName: string) => ({
    fullName,
    idNumber: '049190005555',
    phone: '0905555666',
    address: 'Thôn Phú Nhuận, xã Duy Phước, huyện Duy Xuyên',
  });
  // found incomplete at reception: its latest supplement request is the event the read carries
  const incomplete = await receiveDossier(app, {
    applicant: applicant('Hồ Thị Lan'),
    outcome: 'incomplete',
    missingItems: ['Bản vẽ mặt bằng công trình'],
    documents: [],
  });
  // paused for a supplement during processing
  const paused = await receiveDossier(app, { applicant: applicant('Lý Văn Tài') });
  await workTask(app, 'specialist', paused.code, 'appraisal', {
    outcome: 'request_supplement',
    supplementItems: ['Ảnh chụp hiện trạng khu đất'],
  });
  await waitForDossier(app, paused.code, (dossier) => dossier.status === 'awaiting_supplement');
  // transferred to the partner agency, which gave its opinion back
  const transferred = await receiveDossier(app, { applicant: applicant('Mai Thị Thu') });
  const appraisal = await claimTask(app, 'specialist', transferred.code, 'appraisal');
  await taskAction(app, 'specialist', appraisal.id, 'complete', {
    outcome: 'transfer',
    partnerAgencyCode: DEMO_AGENCIES.partner.code,
  });
  await workTask(app, 'partner.specialist', transferred.code, 'partner-review', { comment: 'Thống nhất' });
  await waitForDossier(app, transferred.code, (dossier) => dossier.transfers.some((t) => t.returnedAt !== null));
  codes.push(incomplete.code, paused.code, transferred.code);
}, 240_000);
afterAll(async () => {
  await workers.stop();
  await db.$disconnect();
  await app.close();
});

async function bothWays(where: Prisma.DossierWhereInput, sql: Prisma.Sql) {
  const [prisma, oneStatement] = await Promise.all([
    db.dossier.findMany({ where, include: DOSSIER_INCLUDE, orderBy: { id: 'asc' } }),
    readDossiers<DossierRow>(db, sql),
  ]);
  return { prisma, oneStatement: oneStatement.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
}

describe('the dossier read in one statement', () => {
  it('gives what the include gives for dossiers with a reception supplement request, a pause and a transfer', async () => {
    const { prisma, oneStatement } = await bothWays({ code: { in: codes } }, Prisma.sql`d.code = ANY(${codes})`);
    expect(prisma.map((row) => row.code).sort()).toEqual([...codes].sort());
    expect(prisma.some((row) => row.events.length === 1)).toBe(true);
    expect(prisma.some((row) => row.pauses.length > 0)).toBe(true);
    expect(prisma.some((row) => row.transfers.length > 0 && row.transfers[0]!.returnedAt !== null)).toBe(true);
    expect(oneStatement).toEqual(prisma);
  });

  it('gives what the include gives for every dossier of the database', async () => {
    const { prisma, oneStatement } = await bothWays({}, Prisma.sql`TRUE`);
    expect(prisma.length).toBeGreaterThanOrEqual(codes.length);
    expect(oneStatement).toEqual(prisma);
  });

  it("reads on the client's node-postgres pool what it reads through Prisma, and uses Prisma in a transaction", async () => {
    const client = createDb(inject('databaseUrl'), { max: 2 });
    const where = Prisma.sql`d.code = ANY(${codes})`;
    try {
      // before Prisma has connected, the pool has no error listener yet: the read goes through Prisma
      expect(poolOf(client)).toBeUndefined();
      const throughPrisma = await readDossiers<DossierRow>(client, where);
      expect(poolOf(client)).toBeDefined();
      const onThePool = await readDossiers<DossierRow>(client, where);
      const inTransaction = await client.$transaction(async (transaction) => {
        expect(poolOf(transaction as unknown as Db)).toBeUndefined();
        return readDossiers<DossierRow>(transaction as unknown as Db, where);
      });
      const byCode = (rows: DossierRow[]) => [...rows].sort((a, b) => a.code.localeCompare(b.code));
      expect(byCode(onThePool)).toHaveLength(codes.length);
      expect(byCode(onThePool)).toEqual(byCode(throughPrisma));
      expect(byCode(inTransaction)).toEqual(byCode(throughPrisma));
    } finally {
      await client.$disconnect();
    }
    // disconnected: its pool is ended, and a later read goes through Prisma, which connects again
    expect(poolOf(client)).toBeUndefined();
    expect(await readDossiers<DossierRow>(client, where)).toHaveLength(codes.length);
    await client.$disconnect();
  });
});
