import { COMMON_PASSWORD_BASES, COMMON_PASSWORDS } from './common-passwords.js';

/**
 * The password policy for officers' accounts, one rule for the server (which enforces it) and the
 * admin UI (which explains it while the officer types). It follows OWASP ASVS 4.0 level 2, V2.1, and
 * NIST SP 800-63B §5.1.1.2 that it draws on:
 * - at least 12 characters (V2.1.1), and up to 128 accepted (V2.1.2: at least 64 must be);
 * - every character allowed, spaces and Vietnamese letters and emoji included (V2.1.4), and no
 *   composition rule such as "a digit and a capital" (V2.1.9);
 * - the password is stored whole: nothing is trimmed, truncated or rewritten (V2.1.3);
 * - refused when it is a common or breached password (V2.1.7), checked against a list kept in the
 *   repository (./common-passwords.ts), or built from the account's own name;
 * - no periodic expiry (V2.1.10); a change is forced only after an admin's reset.
 * Lengths count characters (Unicode code points), not UTF-16 units or bytes.
 */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** Why a password is refused; each is an issue code of the API's error contract. */
export type PasswordProblemCode = 'too_short' | 'too_long' | 'password_too_common' | 'password_contains_username';

export interface PasswordProblem {
  code: PasswordProblemCode;
  message: string;
  params?: Record<string, number>;
}

/** The length as a person counts it: "mậtkhẩu" is 7 characters whatever its encoding. */
export function passwordLength(password: string): number {
  return [...password.normalize('NFC')].length;
}

const COMMON = new Set(COMMON_PASSWORDS);
/** A base word followed by nothing but digits and punctuation, e.g. "password2026!" or "matkhau@123456". */
const DECORATED = new RegExp(
  `^(?:${COMMON_PASSWORD_BASES.map((base) => base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})[\\d\\p{P}\\p{S}]*$`,
  'u',
);

/** One character, or one short group, repeated: "aaaaaaaaaaaa", "abcabcabcabc", "12121212121212". */
function isRepetition(password: string): boolean {
  const characters = [...password];
  for (let size = 1; size <= 4; size += 1) {
    if (characters.length % size !== 0 || characters.length < size * 3) continue;
    const unit = characters.slice(0, size).join('');
    if (unit.repeat(characters.length / size) === password) return true;
  }
  return false;
}

/** Each character one code point above or below the one before: "123456789012" is not, "abcdefghijkl" is. */
function isRun(password: string): boolean {
  const points = [...password].map((character) => character.codePointAt(0) ?? 0);
  const step = (points[1] ?? 0) - (points[0] ?? 0);
  if (Math.abs(step) !== 1) return false;
  return points.every((point, index) => index === 0 || point - (points[index - 1] ?? 0) === step);
}

/** Whether the password is common: listed, a listed word dressed with digits, a repetition or a run. */
export function isCommonPassword(password: string): boolean {
  const folded = password.normalize('NFC').toLowerCase();
  const squeezed = folded.replace(/\s+/g, '');
  return (
    COMMON.has(folded) || COMMON.has(squeezed) || DECORATED.test(squeezed) || isRepetition(squeezed) || isRun(squeezed)
  );
}

/**
 * The first reason the password is refused, or null when it may be used. `username` is the
 * account's: a password that contains it is among the first an attacker tries.
 */
export function passwordProblem(password: string, context: { username?: string } = {}): PasswordProblem | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) {
    return {
      code: 'too_short',
      message: `must have at least ${PASSWORD_MIN_LENGTH} characters`,
      params: { min: PASSWORD_MIN_LENGTH },
    };
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return {
      code: 'too_long',
      message: `must have at most ${PASSWORD_MAX_LENGTH} characters`,
      params: { max: PASSWORD_MAX_LENGTH },
    };
  }
  if (isCommonPassword(password)) {
    return { code: 'password_too_common', message: 'is a common password that attackers try first: choose another' };
  }
  const username = context.username?.toLowerCase();
  if (username && username.length >= 3 && password.normalize('NFC').toLowerCase().includes(username)) {
    return { code: 'password_contains_username', message: 'must not contain the username' };
  }
  return null;
}
