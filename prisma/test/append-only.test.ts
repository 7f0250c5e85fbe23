import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/client.js';
import { applyMigrations } from '../src/migrate.js';
import { seed } from '../src/seed.js';
import { createTestDatabase, query, type TestDatabase } from './database.js';
import { createTestDossier } from './dossier-fixture.js';

let database: TestDatabase;
let db: Db;
let dossierId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await applyMigrations(database.url);
  db = createDb(database.url, { max: 2 });
  await seed(db, { demo: true });
  dossierId = await createTestDossier(db, '000.00.17.H41-261127-0001');
});
afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});

describe('DossierEvent is append-only', () => {
  it('accepts new events', async () => {
    const event = await db.dossierEvent.create({ data: { dossierId, type: 'received', actor: 'receptionist' } });
    expect(event.id).toBeTypeOf('bigint');
  });

  it('rejects updating an event', async () => {
    // Given a recorded event
    const event = await db.dossierEvent.create({ data: { dossierId, type: 'task_claimed', actor: 'specialist' } });
    // When anyone tries to rewrite it, through Prisma or plain SQL
    await expect(db.dossierEvent.update({ where: { id: event.id }, data: { actor: 'leader' } })).rejects.toThrow(
      /DossierEvent is append-only: UPDATE is not allowed/,
    );
    await expect(query(database.url, 'UPDATE "DossierEvent" SET "note" = \'x\'')).rejects.toThrow(/append-only/);
    // Then it is unchanged
    expect(await db.dossierEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({
      actor: 'specialist',
      note: null,
    });
  });

  it('rejects deleting or truncating events', async () => {
    const event = await db.dossierEvent.create({ data: { dossierId, type: 'task_unclaimed', actor: 'specialist' } });
    await expect(db.dossierEvent.delete({ where: { id: event.id } })).rejects.toThrow(
      /DossierEvent is append-only: DELETE is not allowed/,
    );
    await expect(db.dossierEvent.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(query(database.url, 'TRUNCATE "DossierEvent" CASCADE')).rejects.toThrow(
      /DossierEvent is append-only: TRUNCATE/,
    );
    expect(await db.dossierEvent.count({ where: { id: event.id } })).toBe(1);
  });

  it('writes an event with a dedupe key once, however often a retried worker writes it', async () => {
    // When a worker records the same step twice (a retried external task)
    const event = { dossierId, type: 'appointment_computed', actor: 'system', dedupeKey: 'compute-appointment:act-1' };
    const first = await db.dossierEvent.createMany({ data: [event], skipDuplicates: true });
    const second = await db.dossierEvent.createMany({ data: [event], skipDuplicates: true });
    // Then one event exists
    expect([first.count, second.count]).toEqual([1, 0]);
    expect(await db.dossierEvent.count({ where: { dossierId, dedupeKey: event.dedupeKey } })).toBe(1);
  });
});

describe('AuditLog is append-only', () => {
  it('accepts entries and rejects updating, deleting or truncating them', async () => {
    const entry = await db.auditLog.create({
      data: { actor: 'admin', action: 'deploy', entity: 'process', entityId: 'house-construction-permit' },
    });
    await expect(db.auditLog.update({ where: { id: entry.id }, data: { actor: 'someone' } })).rejects.toThrow(
      /AuditLog is append-only: UPDATE/,
    );
    await expect(db.auditLog.delete({ where: { id: entry.id } })).rejects.toThrow(/AuditLog is append-only: DELETE/);
    await expect(query(database.url, 'TRUNCATE "AuditLog"')).rejects.toThrow(/AuditLog is append-only: TRUNCATE/);
    expect(await db.auditLog.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({ actor: 'admin' });
  });
});
