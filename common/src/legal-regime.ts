/**
 * Which national rules govern a dossier (docs/legal.md §0). Each dossier stores the regime it was
 * received under, so its forms and its time counting stay those of that regime after the law changes.
 */
export interface LegalRegime {
  /** The decree, as stored on the dossier (`Dossier.legalRegime`) and printed. */
  decree: string;
  /** The circular that gives its forms and the dossier code. */
  guidance: string;
  /** First instant the regime applies (midnight in Vietnam). */
  from: Date;
}

/**
 * The regimes in force, oldest first.
 *
 * - Decree 61/2018/NĐ-CP of 23/04/2018 (in force 21/06/2018), with Circular 01/2018/TT-VPCP of 23/11/2018.
 * - Decree 118/2025/NĐ-CP of 09/06/2025, Art. 1 and its closing article: replaces Decree 61 from
 *   01/07/2025; forms from Circular 03/2025/TT-VPCP of 15/09/2025.
 */
export const LEGAL_REGIMES: readonly LegalRegime[] = [
  {
    decree: 'Nghị định 61/2018/NĐ-CP',
    guidance: 'Thông tư 01/2018/TT-VPCP',
    from: new Date('2018-06-20T17:00:00Z'),
  },
  {
    decree: 'Nghị định 118/2025/NĐ-CP',
    guidance: 'Thông tư 03/2025/TT-VPCP',
    from: new Date('2025-06-30T17:00:00Z'),
  },
];

/**
 * The regime that applies to a dossier received at `receivedAt`: Decree 61/2018 before 01/07/2025
 * (Vietnam time), Decree 118/2025 from then on. A receipt before 21/06/2018 is counted under
 * Decree 61 as well: the system keeps no older regime.
 */
export function legalRegimeAt(receivedAt: Date): LegalRegime {
  const applying = LEGAL_REGIMES.filter((regime) => regime.from.getTime() <= receivedAt.getTime()).at(-1);
  return applying ?? LEGAL_REGIMES[0]!;
}
