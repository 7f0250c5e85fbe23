import type { FastifyBaseLogger } from 'fastify';
import { httpErrors } from '@fastify/sensible';
import { nextDossierCode, type Db } from '@motcua/db';
import type { EngineClient } from '@motcua/common/engine';
import type { TokenPayload } from '../schemas/auth.js';
import type { CreateDossier, Dossier, QueryDossier } from '../schemas/dossiers.js';
import type { PublicDossier } from '../schemas/public-dossiers.js';
import type { AgencyRepository } from '../repositories/agency-repository.js';
import type { DossierRepository } from '../repositories/dossier-repository.js';
import type { ProcedureRepository } from '../repositories/procedure-repository.js';
import { toDossier } from '../repositories/dossier-repository.js';
import { invalidField, unavailable } from '../errors.js';
import { ENGINE_CALL_TRANSACTION } from './transaction-options.js';

/**
 * Receiving dossiers and reading them within the caller's agency subtree.
 *
 * Receiving is all-or-nothing: the dossier code, the dossier row, its 'received' event and the
 * process instance are created inside one database transaction, so when the engine cannot start
 * the process nothing is stored and no code of the daily sequence is consumed.
 */
export function createDossierService(deps: {
  db: Db;
  engine: EngineClient;
  agencies: AgencyRepository;
  procedures: ProcedureRepository;
  dossiers: DossierRepository;
  log: FastifyBaseLogger;
}) {
  const { db, engine, agencies, procedures, dossiers, log } = deps;

  return {
    async receive(caller: TokenPayload, input: CreateDossier): Promise<Dossier> {
      const receivingAgency = await agencies.findByCode(caller.agencyCode);
      if (!receivingAgency) throw httpErrors.forbidden(`your agency ${caller.agencyCode} no longer exists`);
      const scope = await agencies.subtreeIds(caller.agencyCode);
      const procedure = await procedures.findActiveByCode(input.procedureCode, scope);
      if (!procedure) {
        throw invalidField('body/procedureCode', `${input.procedureCode} is not a procedure your agency receives`);
      }

      const receivedAt = new Date();
      const row = await db.$transaction(async (tx) => {
        const code = await nextDossierCode(tx, receivingAgency, receivedAt);
        const dossier = await tx.dossier.create({
          data: {
            code,
            procedureId: procedure.id,
            agencyId: receivingAgency.id,
            applicantName: input.applicant.fullName,
            applicantIdNumber: input.applicant.idNumber,
            applicantPhone: input.applicant.phone,
            applicantAddress: input.applicant.address,
            channel: input.channel,
            receivedAt,
            receivedBy: caller.sub,
          },
        });
        await tx.dossierEvent.create({
          data: {
            dossierId: dossier.id,
            type: 'received',
            actor: caller.sub,
            data: { procedureCode: procedure.code, channel: input.channel },
            occurredAt: receivedAt,
          },
        });
        const instance = await engine
          .startProcess(procedure.processKey, {
            businessKey: code,
            variables: {
              dossierCode: code,
              procedureCode: procedure.code,
              agencyCode: procedure.agency.code,
              receivedAt,
              processingDays: procedure.processingDays,
            },
          })
          .catch((error: unknown) => {
            log.error(
              { err: error, dossierCode: code, processKey: procedure.processKey },
              'starting the process failed',
            );
            throw unavailable('engine unavailable: the dossier was not received, please try again');
          });
        return tx.dossier.update({
          where: { id: dossier.id },
          data: { processInstanceId: instance.id },
          include: { procedure: true, agency: true },
        });
      }, ENGINE_CALL_TRANSACTION);
      return toDossier(row);
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
