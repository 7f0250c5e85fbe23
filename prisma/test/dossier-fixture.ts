import type { Db } from '../src/client.js';

/** A dossier of the demo construction permit (seeded), for tests that need events to hang on one. */
export async function createTestDossier(
  db: Db,
  code: string,
  receivedAt = new Date('2026-11-27T02:00:00Z'),
): Promise<string> {
  const procedure = await db.procedure.findUniqueOrThrow({ where: { code: '1.009994' }, include: { versions: true } });
  const dossier = await db.dossier.create({
    data: {
      code,
      procedureId: procedure.id,
      procedureVersionId: procedure.versions[0]!.id,
      legalRegime: 'Nghị định 118/2025/NĐ-CP',
      requestSummary: procedure.versions[0]!.name,
      agencyId: procedure.agencyId,
      applicantName: 'Võ Thị Hoa',
      applicantIdNumber: '049190000001',
      applicantPhone: '0912345678',
      applicantAddress: 'Thôn Mỹ Phước, xã Duy Hòa',
      receivedAt,
      receivedBy: 'receptionist',
    },
  });
  return dossier.id;
}
