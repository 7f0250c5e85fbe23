/**
 * Dossier codes (mã hồ sơ): `<receiving agency code>-<YYMMDD in Vietnam>-<daily sequence>`, e.g.
 * 000.00.17.H41-261127-0001 (Circular 01/2018/TT-VPCP, from 06/01/2019; Circular 03/2025/TT-VPCP
 * Art. 13 from 01/07/2025). The sequence restarts every day for every agency and has no gaps.
 *
 * Past 9999 (policy): the sequence is written with at least four digits and simply grows, 9999 →
 * 10000 → 10001, never wrapping and never reusing a code. Legal basis: Circular 04/2025/TT-VPCP
 * Art. 23(2), adding clause 3 to Art. 13 of Circular 03/2025, in force from 25/01/2026: the daily
 * sequence has "at least 4 digits", longer as volume requires (docs/legal.md §2). The same rule is
 * applied to dossiers of every date, since the 2018 text sets no behaviour past 9999. Codes of
 * different lengths still sort correctly within a day only by their number: order by
 * `DossierSequence` value or `receivedAt`, not by the code's text.
 */
import { toVietnamDate } from '@motcua/common/calendar';
import type { Prisma } from '#generated/client';

/** The YYMMDD of the Vietnamese calendar day (UTC+07:00) an instant falls on. */
export function dossierCodeDay(receivedAt: Date): string {
  return toVietnamDate(receivedAt).slice(2).replaceAll('-', '');
}

/** Circular 04/2025/TT-VPCP Art. 23(2) (from 25/01/2026): the daily sequence has at least 4 digits. */
export const DOSSIER_SEQUENCE_MIN_DIGITS = 4;

export function formatDossierCode(agencyCode: string, day: string, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`dossier sequence must be 1 or more, got ${sequence}`);
  return `${agencyCode}-${day}-${String(sequence).padStart(DOSSIER_SEQUENCE_MIN_DIGITS, '0')}`;
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
