/**
 * Dossier codes (mã hồ sơ): `<receiving agency code>-<YYMMDD in Vietnam>-<daily sequence>`, e.g.
 * 000.00.17.H41-261127-0001. The sequence restarts every day for every agency, is at least four digits
 * and keeps growing past 9999.
 */
import { toVietnamDate } from '@motcua/common/calendar';
import type { Prisma } from '../generated/client/client.js';

/** The YYMMDD of the Vietnamese calendar day (UTC+07:00) an instant falls on. */
export function dossierCodeDay(receivedAt: Date): string {
  return toVietnamDate(receivedAt).slice(2).replaceAll('-', '');
}

export function formatDossierCode(agencyCode: string, day: string, sequence: number): string {
  return `${agencyCode}-${day}-${String(sequence).padStart(4, '0')}`;
}

/**
 * Takes the next dossier code of `agency` for the day of `receivedAt`.
 *
 * Call it inside the transaction that creates the dossier: the increment is one atomic upsert whose
 * row lock is held until that transaction ends, so concurrent receptions get distinct numbers, and a
 * transaction that rolls back gives its number back — the sequence has no gaps.
 */
export async function nextDossierCode(
  tx: Prisma.TransactionClient,
  agency: { id: string; code: string },
  receivedAt: Date,
): Promise<string> {
  const day = dossierCodeDay(receivedAt);
  const rows = await tx.$queryRaw<{ lastValue: number }[]>`
    INSERT INTO "DossierSequence" ("agencyId", "day", "lastValue")
    VALUES (${agency.id}::uuid, ${day}, 1)
    ON CONFLICT ("agencyId", "day") DO UPDATE SET "lastValue" = "DossierSequence"."lastValue" + 1
    RETURNING "lastValue"`;
  const sequence = rows[0]?.lastValue;
  if (sequence === undefined) throw new Error(`No sequence value returned for agency ${agency.code} on ${day}`);
  return formatDossierCode(agency.code, day, sequence);
}
