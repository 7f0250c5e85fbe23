import type { FastifyBaseLogger } from 'fastify';
import { httpErrors } from '@fastify/sensible';
import { EngineError, type EngineClient } from '@motcua/common/engine';
import type { TokenPayload } from '../schemas/auth.js';
import type { CreateDossier, Dossier, QueryDossier } from '../schemas/dossiers.js';
import type { PublicDossier } from '../schemas/public-dossiers.js';
import type { AgencyRepository } from '../repositories/agency-repository.js';
import type { DossierRepository } from '../repositories/dossier-repository.js';
import type { ProcedureRepository } from '../repositories/procedure-repository.js';
import { toDossier } from '../repositories/dossier-repository.js';
import { badGateway, invalidField, unavailable } from '../errors.js';

/**
 * Receiving dossiers and reading them within the caller's agency subtree.
 *
 * Receiving is all-or-nothing. The dossier code is taken, the process started and the dossier
 * stored in one database transaction, so when the engine cannot start the process nothing is
 * stored and no code of the daily sequence is consumed. The reverse case, a process the engine
 * started for a dossier that was then not stored (the call timed out, the insert or the commit
 * failed), is undone here: the process is deleted before the error is reported, so no orphan
 * process runs under a code that the next reception will receive again.
 */
const NOT_RECEIVED = 'the dossier was not received';

export function createDossierService(deps: {
  engine: EngineClient;
  agencies: AgencyRepository;
  procedures: ProcedureRepository;
  dossiers: DossierRepository;
  log: FastifyBaseLogger;
}) {
  const { engine, agencies, procedures, dossiers, log } = deps;

  /** Deletes the instances of a process running under a code; a failure is logged, for an operator to finish. */
  async function discardProcessesOf(processKey: string, code: string): Promise<void> {
    try {
      const instances = await engine.processInstances({ businessKey: code, processDefinitionKey: processKey });
      await Promise.all(instances.map((instance) => engine.deleteProcessInstance(instance.id)));
      if (instances.length > 0) log.warn({ dossierCode: code, instances: instances.length }, 'deleted orphan process');
    } catch (error) {
      log.error({ err: error, dossierCode: code }, 'could not delete the processes of a dossier that was not stored');
    }
  }

  /**
   * Deletes a process whose dossier was not stored. The lookup first guards the one case where the
   * commit did happen although it reported a failure: that dossier keeps its process.
   */
  async function discardProcess(instanceId: string, code: string): Promise<void> {
    try {
      if (await dossiers.findByProcessInstanceId(instanceId)) return;
      await engine.deleteProcessInstance(instanceId);
      log.warn({ dossierCode: code, processInstanceId: instanceId }, 'deleted orphan process');
    } catch (error) {
      log.error(
        { err: error, dossierCode: code, processInstanceId: instanceId },
        'could not delete the process of a dossier that was not stored',
      );
    }
  }

  /** The answer for a reception the engine made fail; other failures stay as they are (500). */
  function receptionError(error: unknown, processKey: string): unknown {
    if (!(error instanceof EngineError)) return error;
    if (error.status === 503) return unavailable(`engine unavailable: ${NOT_RECEIVED}, please try again`);
    if (error.status === 404) {
      return httpErrors.conflict(
        `the process ${processKey} of this procedure is not deployed in the engine; ${NOT_RECEIVED}`,
      );
    }
    return badGateway(`the process engine could not start the process ${processKey}; ${NOT_RECEIVED}`);
  }

  return {
    async receive(caller: TokenPayload, input: CreateDossier): Promise<Dossier> {
      const receivingAgency = await agencies.findByCode(caller.agencyCode);
      if (!receivingAgency) throw httpErrors.forbidden(`your agency ${caller.agencyCode} no longer exists`);
      const scope = await agencies.subtreeIds(caller.agencyCode);
      const procedure = await procedures.findActiveByCode(input.procedureCode, scope);
      if (!procedure) {
        throw invalidField(
          'body/procedureCode',
          `${input.procedureCode} is not a procedure your agency receives`,
          'unknown_procedure',
        );
      }

      const receivedAt = new Date();
      let code: string | undefined;
      let started: string | undefined;
      try {
        const row = await dossiers.receive(
          {
            procedure,
            agency: receivingAgency,
            applicant: input.applicant,
            channel: input.channel,
            receivedAt,
            receivedBy: caller.sub,
          },
          async (takenCode) => {
            code = takenCode;
            try {
              const instance = await engine.startProcess(procedure.processKey, {
                businessKey: takenCode,
                variables: {
                  dossierCode: takenCode,
                  procedureCode: procedure.code,
                  agencyCode: procedure.agency.code,
                  receivedAt,
                  processingDays: procedure.processingDays,
                },
              });
              started = instance.id;
              return instance.id;
            } catch (error) {
              // The engine may have started the process before the call failed (a timeout, a lost
              // answer). Delete whatever runs under the code now, while this transaction still holds it.
              await discardProcessesOf(procedure.processKey, takenCode);
              throw error;
            }
          },
        );
        return toDossier(row);
      } catch (error) {
        log.error({ err: error, dossierCode: code, processKey: procedure.processKey }, 'receiving a dossier failed');
        // the process started but the dossier was not stored (the insert or the commit failed)
        if (started !== undefined && code !== undefined) await discardProcess(started, code);
        throw receptionError(error, procedure.processKey);
      }
    },

    async list(caller: TokenPayload, query: QueryDossier) {
      return dossiers.list(await agencies.subtreeIds(caller.agencyCode), query);
    },

    async get(caller: TokenPayload, code: string): Promise<Dossier> {
      const row = await dossiers.findByCode(code, await agencies.subtreeIds(caller.agencyCode));
      if (!row) throw httpErrors.notFound(`dossier ${code} does not exist`);
      return toDossier(row);
    },

    /** The citizen lookup; answers from our database only. */
    async getPublic(code: string): Promise<PublicDossier> {
      const dossier = await dossiers.findPublic(code);
      if (!dossier) throw httpErrors.notFound(`dossier ${code} does not exist`);
      return dossier;
    },
  };
}
export type DossierService = ReturnType<typeof createDossierService>;
