import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateDossierSchema } from '@motcua/common';
import { createLegalClock, createWorkingCalendar } from '@motcua/common/calendar';
import { EngineError, type EngineClient } from '@motcua/common/engine';
import { UnavailableError } from '@motcua/domain';
import { createAgencyRepository } from '../../src/repositories/agency-repository.js';
import { createDossierRepository } from '../../src/repositories/dossier-repository.js';
import { createProcedureRepository } from '../../src/repositories/procedure-repository.js';
import { createDossierService, timelinessSource } from '../../src/services/dossier-service.js';
import { build } from '../helpers/build.js';
import { engineGet, testEngine } from '../helpers/engine.js';
import { DISTRICT_CODE, dossierBody, receiveDossier } from '../helpers/requests.js';

/**
 * Receiving a dossier when the engine started its process but the answer never arrived: the real
 * engine starts the process, and the client in between then reports the call as failed, as a
 * timeout does.
 */
let app: FastifyInstance;
beforeAll(async () => {
  app = await build();
});
afterAll(async () => {
  await app.close();
});

const RECEPTIONIST = {
  sub: 'receptionist',
  roles: ['receptionist' as const],
  agencyCode: DISTRICT_CODE,
  fullName: 'Trần Thị Bình',
  ver: 0,
};

/** The real engine client, except that startProcess loses the engine's answer after the start. */
function engineLosingStartAnswers(): { engine: EngineClient; started: string[] } {
  const real = testEngine();
  const started: string[] = [];
  return {
    started,
    engine: {
      ...real,
      async startProcess(...args: Parameters<EngineClient['startProcess']>) {
        const instance = await real.startProcess(...args);
        started.push(instance.id);
        throw new EngineError('engine unreachable: The operation was aborted due to timeout', 503);
      },
    },
  };
}

describe('receiving a dossier when the answer of the engine is lost', () => {
  it('deletes the process the engine started, answers 503, and consumes no code', async () => {
    // given a dossier service whose engine starts processes but whose answers are lost
    const { engine, started } = engineLosingStartAnswers();
    const service = createDossierService({
      engine,
      agencies: createAgencyRepository(app.db),
      procedures: createProcedureRepository(app.db),
      dossiers: createDossierRepository(app.db),
      timeliness: timelinessSource(async () => createLegalClock({ calendar: createWorkingCalendar() })),
      log: app.log,
    });
    const before = await receiveDossier(app);
    // when a dossier is received through it
    const error: unknown = await service
      .receive(RECEPTIONIST, CreateDossierSchema.parse(dossierBody()))
      .catch((failure: unknown) => failure);
    // then the reception fails as "engine unavailable"
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ message: 'engine unavailable: the dossier was not received, please try again' });
    // and the process that was started, under the id the dossier would have had, no longer runs
    expect(started).toHaveLength(1);
    const instance = await engineGet<{ id: string; state: string; businessKey: string }>(
      `/history/process-instance/${started[0]}`,
    );
    expect(instance.state).toBe('EXTERNALLY_TERMINATED');
    expect(await app.db.dossier.count({ where: { id: instance.businessKey } })).toBe(0);
    // and no code was taken: the next dossier gets the very next number
    const after = await receiveDossier(app);
    expect(Number(after.code.split('-').at(-1))).toBe(Number(before.code.split('-').at(-1)) + 1);
  });
});

/** The SQL text of every statement the pg clients of this test process send, while `recording`. */
const statements: string[] = [];
let recording = false;
const sendQuery = pg.Client.prototype.query;
beforeAll(() => {
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (recording) {
      const [query] = args as [string | { text: string }];
      statements.push(typeof query === 'string' ? query : query.text);
    }
    return (sendQuery as (...params: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
});
afterAll(() => {
  pg.Client.prototype.query = sendQuery;
});

/** A dossier service on the real engine whose process starts go through `startProcess`. */
function serviceWith(startProcess: EngineClient['startProcess']) {
  return createDossierService({
    engine: { ...testEngine(), startProcess },
    agencies: createAgencyRepository(app.db),
    procedures: createProcedureRepository(app.db),
    dossiers: createDossierRepository(app.db),
    timeliness: timelinessSource(async () => createLegalClock({ calendar: createWorkingCalendar() })),
    log: app.log,
  });
}

const sequenceOf = (code: string) => Number(code.split('-').at(-1));

describe('receiving a complete dossier while the engine starts its process', () => {
  it('holds no database lock meanwhile: another reception of the agency is stored during the engine call', async () => {
    // given a reception whose engine call waits until a second reception of the same agency is done
    const engine = testEngine();
    let second: Promise<{ code: string; processInstanceId: string | null }> | undefined;
    const service = serviceWith(async (...args) => {
      if (!second) {
        second = service.receive(RECEPTIONIST, CreateDossierSchema.parse(dossierBody()));
        await second;
      }
      return engine.startProcess(...args);
    });
    // when the first reception is made
    const first = await service.receive(RECEPTIONIST, CreateDossierSchema.parse(dossierBody()));
    // then the second one was stored while the first waited on the engine, and took the code before it
    const stored = await second!;
    expect(sequenceOf(first.code)).toBe(sequenceOf(stored.code) + 1);
    expect(first.processInstanceId).not.toBe(stored.processInstanceId);
  });

  it('reads only before the engine call, and writes in one transaction after it: the code, the dossier, its event', async () => {
    // given a service that notes the statements sent before and after the engine starts the process
    const engine = testEngine();
    let beforeStart: string[] = [];
    const service = serviceWith(async (...args) => {
      beforeStart = statements.splice(0);
      return engine.startProcess(...args);
    });
    // when a complete dossier is received
    statements.length = 0;
    recording = true;
    const dossier = await service.receive(RECEPTIONIST, CreateDossierSchema.parse(dossierBody())).finally(() => {
      recording = false;
    });
    // then nothing before the engine call opened a transaction or wrote
    expect(beforeStart.length).toBeGreaterThan(0);
    expect(beforeStart.filter((sql) => !/^\s*SELECT|^\s*WITH RECURSIVE/i.test(sql))).toEqual([]);
    // and after it, one transaction took the code and stored the dossier with its process and event,
    // answering from what it wrote (nothing is read back)
    expect(statements).toEqual([
      expect.stringMatching(/^\s*BEGIN/i),
      expect.stringMatching(/INSERT INTO "DossierSequence"/),
      expect.stringMatching(/^INSERT INTO "public"\."Dossier" /),
      expect.stringMatching(/^INSERT INTO "public"\."DossierEvent" /),
      expect.stringMatching(/^\s*COMMIT/i),
    ]);
    const row = await app.db.dossier.findUniqueOrThrow({ where: { code: dossier.code } });
    expect(row.processInstanceId).toBe(dossier.processInstanceId);
  });
});
