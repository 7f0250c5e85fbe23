import { randomUUID } from 'node:crypto';
import { legalRegimeAt, type DossierStatus } from '@motcua/common';
import { DEMO_PROCEDURES, nextDossierCode, type Db } from '@motcua/db';

/** The applicant of every test dossier. */
export const APPLICANT = {
  name: 'Võ Thị Hoa',
  phone: '0912345678',
  email: 'vo.thi.hoa@example.vn',
} as const;

export interface InsertedDossier {
  id: string;
  code: string;
  status: DossierStatus;
  agencyId: string;
  applicantName: string;
  applicantPhone: string;
  applicantEmail: string | null;
  requestSummary: string;
}

/**
 * Inserts a dossier of a demo procedure (the construction permit by default) with the status given,
 * received by the procedure's agency now, under the agency's next code.
 */
export async function insertDossier(
  db: Db,
  options: { status?: DossierStatus; procedure?: keyof typeof DEMO_PROCEDURES; email?: string | null } = {},
): Promise<InsertedDossier> {
  const demo = DEMO_PROCEDURES[options.procedure ?? 'houseConstructionPermit'];
  const receivedAt = new Date();
  const procedure = await db.procedure.findUniqueOrThrow({ where: { code: demo.code }, include: { agency: true } });
  const version = await db.procedureVersion.findFirstOrThrow({
    where: { procedureId: procedure.id },
    orderBy: { version: 'desc' },
  });
  return db.$transaction(async (tx) =>
    tx.dossier.create({
      data: {
        code: await nextDossierCode(tx, procedure.agency, receivedAt),
        procedureId: procedure.id,
        procedureVersionId: version.id,
        legalRegime: legalRegimeAt(receivedAt).decree,
        agencyId: procedure.agencyId,
        applicantName: APPLICANT.name,
        applicantIdNumber: '049190000123',
        applicantPhone: APPLICANT.phone,
        applicantEmail: options.email === undefined ? APPLICANT.email : options.email,
        applicantAddress: 'Thôn Mỹ Hòa, xã Duy Phước',
        requestSummary: version.name,
        status: options.status ?? 'in_progress',
        receivedAt,
        receivedBy: 'receptionist',
        processInstanceId: `test-process-${randomUUID()}`,
      },
      select: {
        id: true,
        code: true,
        status: true,
        agencyId: true,
        applicantName: true,
        applicantPhone: true,
        applicantEmail: true,
        requestSummary: true,
      },
    }),
  );
}
