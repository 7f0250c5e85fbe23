import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateDossierSchema } from '@motcua/common';
import { createLegalClock, createWorkingCalendar } from '@motcua/common/calendar';
import { EngineError, type EngineClient } from '@motcua/common/engine';
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
    expect(error).toMatchObject({
      statusCode: 503,
      message: 'engine unavailable: the dossier was not received, please try again',
    });
    // and the process that was started no longer runs
    expect(started).toHaveLength(1);
    const instance = await engineGet<{ id: string; state: string; businessKey: string }>(
      `/history/process-instance/${started[0]}`,
    );
    expect(instance.state).toBe('EXTERNALLY_TERMINATED');
    // and its code goes to the next dossier
    const after = await receiveDossier(app);
    expect(after.code).toBe(instance.businessKey);
    expect(Number(after.code.split('-').at(-1))).toBe(Number(before.code.split('-').at(-1)) + 1);
  });
});
