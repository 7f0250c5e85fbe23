import { formattedString } from './api/errors.js';

/**
 * Agency codes (mã định danh điện tử của cơ quan): the official electronic identifier that prefixes
 * every dossier code. One place decides what an agency code looks like (docs/legal.md §2).
 *
 * Legal basis: Decision 20/2020/QĐ-TTg of 22/07/2020, Art. 4, as amended by Decision 09/2025/QĐ-TTg
 * of 14/04/2025: at most 35 characters among `0-9`, `A-Z` and `.`; dot-separated groups read left to
 * right; the first group is the level-1 code `MX1X2` (M a letter A–Y, X1X2 digits, e.g. `H35`), each
 * further group names the next level down (e.g. `H35.15.12`).
 * The codes issued under Circular 10/2016/TT-BTTTT before it are written right to left, the level-1
 * code last (`000.00.17.H41`), and survive in legacy data and on dossiers received under them, so
 * both forms are accepted.
 */

/** Decision 20/2020/QĐ-TTg Art. 4(1): the longest agency code. */
export const AGENCY_CODE_MAX_LENGTH = 35;

/** Which way a code is written. */
export type AgencyCodeForm =
  /** Decision 20/2020/QĐ-TTg: level-1 code first, e.g. H35.15.12. */
  | 'left_to_right'
  /** Circular 10/2016/TT-BTTTT: four groups, level-1 code last, e.g. 000.00.17.H41. */
  | 'legacy_right_to_left';

/** Decision 20/2020 Art. 4(1)–(2): level-1 code `MX1X2`, then groups of digits and capital letters. */
const LEFT_TO_RIGHT = /^[A-Y]\d{2}(\.[0-9A-Z]+)*$/;
/** Circular 10/2016/TT-BTTTT: `XXX.YY.ZZ.MNN`, level 4 to level 1. */
const LEGACY_RIGHT_TO_LEFT = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

/** The form of a valid agency code, or null when the text is no agency code. */
export function agencyCodeForm(code: string): AgencyCodeForm | null {
  if (code.length === 0 || code.length > AGENCY_CODE_MAX_LENGTH) return null;
  if (LEFT_TO_RIGHT.test(code)) return 'left_to_right';
  if (LEGACY_RIGHT_TO_LEFT.test(code)) return 'legacy_right_to_left';
  return null;
}

export function isAgencyCode(code: string): boolean {
  return agencyCodeForm(code) !== null;
}

/**
 * Why a text is not an agency code, as a sentence following the field's name, or null when it is
 * one. The most specific reason first: length, then characters, then the layout of the groups.
 */
export function agencyCodeProblem(code: string): string | null {
  if (code.length === 0) return 'must not be empty';
  if (code.length > AGENCY_CODE_MAX_LENGTH) return `must have at most ${AGENCY_CODE_MAX_LENGTH} characters`;
  if (!/^[0-9A-Z.]+$/.test(code)) return 'may contain only the digits 0-9, the capital letters A-Z and dots';
  if (agencyCodeForm(code) === null) {
    return 'must start with a level-1 code such as H35 (H35.15.12) or be a legacy code such as 000.00.17.H41';
  }
  return null;
}

/** The general shape every agency code has (length and characters), for patterns that embed one. */
export const AGENCY_CODE_CHARACTERS = /^[0-9A-Z.]{1,35}$/;

/** An agency code in a request: either form, trimmed; its issue carries the code `invalid_agency_code`. */
export const AgencyCodeSchema = formattedString(
  'agency_code',
  AGENCY_CODE_MAX_LENGTH,
  new RegExp(`(${LEFT_TO_RIGHT.source})|(${LEGACY_RIGHT_TO_LEFT.source})`),
  'is not an agency code such as H35.15.12 or 000.00.17.H41 (Decision 20/2020/QĐ-TTg)',
).meta({ examples: ['000.00.17.H41', 'H35.15.12'] });
