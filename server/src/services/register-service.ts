import { httpErrors } from '@fastify/sensible';
import type { Register, RegisterQuery } from '@motcua/common';
import { parseLocalDate, vietnamInstant } from '@motcua/common/calendar';
import type { TokenPayload } from '../schemas/auth.js';
import type { AgencyRepository } from '../repositories/agency-repository.js';
import type { ReportRepository } from '../repositories/report-repository.js';
import { renderRegister, type RegisterFormData } from '../forms/index.js';
import { invalidField } from '../errors.js';
import { formIssuer } from './forms-service.js';

/**
 * The tracking register (Sổ theo dõi hồ sơ: Mẫu 06 of Circular 01/2018/TT-VPCP, Mẫu 07 of Circular
 * 03/2025/TT-VPCP from 15/09/2025), printed on A4: the dossiers an agency and the agencies below it
 * received, or handle, in a period of Vietnamese calendar days, in the order they were received.
 */

/** The instants [from, to) covering the Vietnamese calendar days `from` to `to`, both included. */
export function periodBounds(period: { from: string; to: string }): { from: Date; to: Date } {
  return {
    from: vietnamInstant(parseLocalDate(period.from), 0),
    to: vietnamInstant(parseLocalDate(period.to) + 1, 0),
  };
}

export function createRegisterService(deps: {
  agencies: AgencyRepository;
  reports: ReportRepository;
  now?: () => Date;
}) {
  const { agencies, reports } = deps;
  const now = deps.now ?? (() => new Date());

  /** The agency asked for (the caller's by default), which must be in the caller's subtree. */
  async function agencyFor(caller: TokenPayload, code: string | undefined) {
    const agencyCode = code ?? caller.agencyCode;
    const agency = await reports.issuerByCode(agencyCode);
    if (!agency) throw invalidField('querystring/agency', `${agencyCode} is not an agency`, 'unknown_agency');
    const callerScope = await agencies.subtreeIds(caller.agencyCode);
    if (!callerScope.includes(agency.id)) {
      throw httpErrors.forbidden(`the register of ${agencyCode} is outside your agency ${caller.agencyCode}`);
    }
    return agency;
  }

  async function build(caller: TokenPayload, query: RegisterQuery) {
    const agency = await agencyFor(caller, query.agency);
    const bounds = periodBounds(query);
    const dossiers = await reports.register(await agencies.subtreeIds(agency.code), bounds.from, bounds.to);
    return { agency, dossiers };
  }

  return {
    async get(caller: TokenPayload, query: RegisterQuery): Promise<Register> {
      const { agency, dossiers } = await build(caller, query);
      return {
        agency: { code: agency.code, name: agency.name },
        from: query.from,
        to: query.to,
        entries: dossiers.map((dossier, index) => ({
          index: index + 1,
          code: dossier.code,
          procedureName: dossier.procedureVersion.name,
          applicantName: dossier.applicantName,
          applicantAddress: dossier.applicantAddress,
          applicantPhone: dossier.applicantPhone,
          resolvingAgencyName: dossier.procedure.agency.name,
          status: dossier.status,
          receivedAt: dossier.receivedAt.toISOString(),
          originalDueAt: dossier.originalDueAt?.toISOString() ?? null,
          dueAt: dossier.dueAt?.toISOString() ?? null,
          finishedAt: dossier.finishedAt?.toISOString() ?? null,
          resultDelivery: dossier.returnedVia ?? dossier.resultDelivery,
        })),
      };
    },

    async pdf(caller: TokenPayload, query: RegisterQuery): Promise<{ fileName: string; content: Buffer }> {
      const { agency, dossiers } = await build(caller, query);
      const data: RegisterFormData = {
        issuer: formIssuer(agency),
        issuedAt: now(),
        period: { from: query.from, to: query.to },
        book: null,
        rows: dossiers.map((dossier) => ({
          dossierCode: dossier.code,
          procedureName: dossier.procedureVersion.name,
          applicantName: dossier.applicantName,
          applicantAddress: dossier.applicantAddress,
          applicantPhone: dossier.applicantPhone,
          resolvingAgencyName: dossier.procedure.agency.name,
          receivedAt: dossier.receivedAt,
          // the appointment now: the one printed on the receipt unless an approved apology moved it
          dueAt: dossier.dueAt ?? dossier.originalDueAt,
          returnedAt: dossier.status === 'returned' ? dossier.finishedAt : null,
          resultDelivery: dossier.returnedVia ?? dossier.resultDelivery,
        })),
      };
      return {
        fileName: `so-theo-doi-${agency.code}-${query.from}-${query.to}.pdf`,
        content: await renderRegister(data),
      };
    },
  };
}
export type RegisterService = ReturnType<typeof createRegisterService>;
