import type { Register, RegisterQuery } from '@motcua/common';
import { parseLocalDate, vietnamInstant } from '@motcua/common/calendar';
import { ForbiddenError, InvalidFieldError, type DossierAccess } from '@motcua/domain';
import type { TokenPayload } from '../schemas/auth.js';
import type { AgencyRepository } from '../repositories/agency-repository.js';
import type { ReportRepository } from '../repositories/report-repository.js';
import { renderRegister, type RegisterFormData } from '../forms/index.js';
import { formIssuer } from './forms-service.js';

/**
 * The tracking register (Sổ theo dõi hồ sơ: Mẫu 06 of Circular 01/2018/TT-VPCP, Mẫu 07 of Circular
 * 03/2025/TT-VPCP from 15/09/2025), printed on A4: the dossiers an agency and the agencies below it
 * received, or handle, in a period of Vietnamese calendar days, in the order they were received.
 *
 * It lists applicants, so it follows the domain's access rule for dossiers: an officer reads the
 * register of an agency whose dossiers they see — their own, and for the oversight roles (leader,
 * auditor, admin) the agencies below it — with the dossiers of the agencies below it that they see.
 * The agency is named in the query, so the check runs after validation: 403 outside that reach.
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
  /** What the caller may read of the dossiers (the domain's access rule). */
  accessOf: (caller: TokenPayload) => Promise<DossierAccess>;
  now?: () => Date;
}) {
  const { agencies, reports } = deps;
  const now = deps.now ?? (() => new Date());

  /** The agency asked for (the caller's by default), which must be one whose dossiers the caller sees. */
  async function agencyFor(caller: TokenPayload, code: string | undefined, access: DossierAccess) {
    const agencyCode = code ?? caller.agencyCode;
    const agency = await reports.issuerByCode(agencyCode);
    if (!agency) throw new InvalidFieldError('querystring/agency', `${agencyCode} is not an agency`, 'unknown_agency');
    if (!access.agencyIds.includes(agency.id)) {
      throw new ForbiddenError(
        `the register of ${agencyCode} lists dossiers you may not see: it is neither your agency ` +
          `${caller.agencyCode} nor, for a leader, auditor or admin, an agency below it`,
      );
    }
    return agency;
  }

  /** The agency asked for and the dossier access the register of its subtree lists. */
  async function scope(caller: TokenPayload, query: RegisterQuery) {
    const access = await deps.accessOf(caller);
    const agency = await agencyFor(caller, query.agency, access);
    const seen = new Set(access.agencyIds);
    const listed = (await agencies.subtreeIds(agency.code)).filter((id) => seen.has(id));
    // The register of the agencies listed, partner transfers aside. When they are every agency the
    // caller sees, and the caller sees every agency, the access rule is no condition at all.
    const registerAccess: DossierAccess = {
      agencyIds: listed,
      ...(access.seesEveryAgency && listed.length === seen.size ? { seesEveryAgency: true } : {}),
    };
    return { agency, access: registerAccess, bounds: periodBounds(query) };
  }

  async function build(caller: TokenPayload, query: RegisterQuery) {
    const { agency, access, bounds } = await scope(caller, query);
    return { agency, dossiers: await reports.register(access, bounds.from, bounds.to) };
  }

  return {
    /**
     * The register as the UTF-8 JSON of a `Register`, its entries written by PostgreSQL: a province's
     * month is about 40 000 of them, 17 MB, which the server took over a second of CPU to map and
     * serialize (bench/register-month.ts). The same properties in the same order as the route's
     * serializer writes them (server/test/repositories/register-read.test.ts compares the two). A
     * Buffer, encoded once: a string would be scanned for its length and encoded again on sending.
     */
    async json(caller: TokenPayload, query: RegisterQuery): Promise<Buffer> {
      const { agency, access, bounds } = await scope(caller, query);
      const entries = await reports.registerEntriesJson(access, bounds.from, bounds.to);
      const head: Omit<Register, 'entries'> = {
        agency: { code: agency.code, name: agency.name },
        from: query.from,
        to: query.to,
      };
      return Buffer.from(`${JSON.stringify(head).slice(0, -1)},"entries":${entries}}`);
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
          procedureName: dossier.procedureName,
          applicantName: dossier.applicantName,
          applicantAddress: dossier.applicantAddress,
          applicantPhone: dossier.applicantPhone,
          resolvingAgencyName: dossier.resolvingAgencyName,
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
