/** Receives a dossier the way the server does: the Dossier row with a fresh code, then the process. */
import { randomUUID } from 'node:crypto';
import { PROCESS_KEYS } from '@motcua/common';
import type { EngineClient } from '@motcua/common/engine';
import { DEMO_AGENCIES, DEMO_PROCEDURE, nextDossierCode, type Db } from '@motcua/db';

/** Takes the next dossier code of the demo district for the day of `receivedAt`. */
export async function reserveDossierCode(db: Db, receivedAt: Date): Promise<string> {
  const agency = await db.agency.findUniqueOrThrow({ where: { code: DEMO_AGENCIES.district.code } });
  return db.$transaction((tx) => nextDossierCode(tx, agency, receivedAt));
}

/**
 * Inserts a dossier of the demo procedure, under `code` or a fresh one, linked to its process
 * instance (the workers find a dossier by process instance and code together).
 */
export async function insertDossier(
  db: Db,
  receivedAt: Date,
  link: { code?: string; processInstanceId?: string } = {},
): Promise<{ id: string; code: string; processInstanceId: string | null }> {
  const { code, processInstanceId = `test-process-${randomUUID()}` } = link;
  const procedure = await db.procedure.findUniqueOrThrow({ where: { code: DEMO_PROCEDURE.code } });
  const agency = await db.agency.findUniqueOrThrow({ where: { code: DEMO_AGENCIES.district.code } });
  return db.$transaction(async (tx) => {
    return tx.dossier.create({
      data: {
        code: code ?? (await nextDossierCode(tx, agency, receivedAt)),
        procedureId: procedure.id,
        agencyId: agency.id,
        applicantName: 'Võ Thị Hoa',
        applicantIdNumber: '049190000123',
        applicantPhone: '0912345678',
        applicantAddress: 'Thôn Mỹ Hòa, xã Duy Phước, huyện Duy Xuyên',
        receivedAt,
        receivedBy: 'receptionist',
        processInstanceId,
      },
      select: { id: true, code: true, processInstanceId: true },
    });
  });
}

/** The start variables of the contract (see the brief and processes/README.md). */
export function startVariables(code: string, receivedAt: Date) {
  return {
    dossierCode: code,
    procedureCode: DEMO_PROCEDURE.code,
    agencyCode: DEMO_AGENCIES.district.code,
    receivedAt,
    processingDays: DEMO_PROCEDURE.processingDays,
  };
}

export async function startProcess(engine: EngineClient, db: Db, code: string, receivedAt: Date) {
  const instance = await engine.startProcess(PROCESS_KEYS.houseConstructionPermit, {
    businessKey: code,
    variables: startVariables(code, receivedAt),
  });
  await db.dossier.updateMany({ where: { code }, data: { processInstanceId: instance.id } });
  return instance;
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
