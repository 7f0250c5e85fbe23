/**
 * Receives a dossier the way the server does: the Dossier row with a fresh code, pinned to the
 * procedure version in force at receipt, then the process started with the contract's variables and
 * linked to the row.
 */
import { randomUUID } from 'node:crypto';
import { legalRegimeAt, VARIABLES } from '@motcua/common';
import type { EngineClient } from '@motcua/common/engine';
import { DEMO_AGENCIES, DEMO_PROCEDURES, nextDossierCode, type Db, type DemoProcedure } from '@motcua/db';

export type DemoProcedureKey = keyof typeof DEMO_PROCEDURES;

/** The applicant of every test dossier; `email` may be dropped to test SMS-only applicants. */
export const APPLICANT = {
  name: 'Võ Thị Hoa',
  idNumber: '049190000123',
  phone: '0912345678',
  email: 'vo.thi.hoa@example.vn',
  address: 'Thôn Mỹ Hòa, xã Duy Phước, huyện Duy Xuyên',
} as const;

export interface TestDossier {
  id: string;
  code: string;
  processInstanceId: string | null;
}

export interface ReceiveOptions {
  procedure?: DemoProcedureKey;
  /** Reserve this code instead of taking the next one. */
  code?: string;
  processInstanceId?: string;
  email?: string | null;
  resultDelivery?: 'counter' | 'post' | 'online';
}

async function procedureAt(db: Db, procedure: DemoProcedure, receivedAt: Date) {
  const row = await db.procedure.findUniqueOrThrow({ where: { code: procedure.code }, include: { agency: true } });
  const version = await db.procedureVersion.findFirstOrThrow({
    where: { procedureId: row.id, effectiveFrom: { lte: receivedAt } },
    orderBy: { version: 'desc' },
  });
  return { procedure: row, version };
}

/** Takes the next dossier code of the procedure's agency for the day of `receivedAt`. */
export async function reserveDossierCode(
  db: Db,
  receivedAt: Date,
  procedure: DemoProcedureKey = 'houseConstructionPermit',
): Promise<string> {
  const agency = await db.agency.findUniqueOrThrow({ where: { code: DEMO_PROCEDURES[procedure].agencyCode } });
  return db.$transaction((tx) => nextDossierCode(tx, agency, receivedAt));
}

/**
 * Inserts a dossier of a demo procedure (the construction permit by default), under `code` or a
 * fresh one, linked to `processInstanceId` (a placeholder unless given: the workers find a dossier by
 * process instance and code together).
 */
export async function insertDossier(db: Db, receivedAt: Date, options: ReceiveOptions = {}): Promise<TestDossier> {
  const demo = DEMO_PROCEDURES[options.procedure ?? 'houseConstructionPermit'];
  const { procedure, version } = await procedureAt(db, demo, receivedAt);
  return db.$transaction(async (tx) =>
    tx.dossier.create({
      data: {
        code: options.code ?? (await nextDossierCode(tx, procedure.agency, receivedAt)),
        procedureId: procedure.id,
        procedureVersionId: version.id,
        legalRegime: legalRegimeAt(receivedAt).decree,
        agencyId: procedure.agencyId,
        applicantName: APPLICANT.name,
        applicantIdNumber: APPLICANT.idNumber,
        applicantPhone: APPLICANT.phone,
        applicantEmail: options.email === undefined ? APPLICANT.email : options.email,
        applicantAddress: APPLICANT.address,
        requestSummary: version.name,
        resultDelivery: options.resultDelivery ?? 'counter',
        receivedAt,
        receivedBy: 'receptionist',
        processInstanceId: options.processInstanceId ?? `test-process-${randomUUID()}`,
      },
      select: { id: true, code: true, processInstanceId: true },
    }),
  );
}

/** The start variables of the contract (VARIABLES, processes/README.md). */
export function startVariables(
  code: string,
  receivedAt: Date,
  procedure: DemoProcedureKey = 'houseConstructionPermit',
) {
  const demo = DEMO_PROCEDURES[procedure];
  return {
    [VARIABLES.dossierCode]: code,
    [VARIABLES.procedureCode]: demo.code,
    [VARIABLES.agencyCode]: demo.agencyCode,
    [VARIABLES.receivedAt]: receivedAt,
    [VARIABLES.processingDays]: demo.processingDays,
  };
}

/** Starts the procedure's process for `code` and links the dossier row (if any) to it. */
export async function startProcess(
  engine: EngineClient,
  db: Db,
  code: string,
  receivedAt: Date,
  procedure: DemoProcedureKey = 'houseConstructionPermit',
) {
  const instance = await engine.startProcess(DEMO_PROCEDURES[procedure].processKey, {
    businessKey: code,
    variables: startVariables(code, receivedAt, procedure),
  });
  await db.dossier.updateMany({
    where: { code },
    data: { processInstanceId: instance.id, processDefinitionId: instance.definitionId },
  });
  return instance;
}

/** A dossier received now-ish and running on the real process: the row, then the process. */
export async function receive(
  engine: EngineClient,
  db: Db,
  receivedAt: Date,
  options: Omit<ReceiveOptions, 'code' | 'processInstanceId'> = {},
) {
  const dossier = await insertDossier(db, receivedAt, options);
  const instance = await startProcess(engine, db, dossier.code, receivedAt, options.procedure);
  return { ...dossier, processInstanceId: instance.id, instance };
}

/**
 * Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`: generous,
 * because a loaded machine is slow and this is a wait, not a timing assertion.
 */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export { DEMO_AGENCIES, DEMO_PROCEDURES };
