import { describe, expect, it } from 'vitest';
import {
  COMMON_PASSWORDS,
  COMMON_PASSWORD_BASES,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordLength,
  passwordProblem,
} from '../src/index.js';

/** The password policy (OWASP ASVS 4.0 L2 V2.1), one rule for the server and the admin UI. */
describe('the password policy', () => {
  it('refuses fewer than 12 characters and accepts 12, counting characters rather than bytes', () => {
    // given passwords just around the minimum, Vietnamese letters among them (2 UTF-8 bytes each)
    expect(passwordProblem('dưới mười 1')).toMatchObject({ code: 'too_short', params: { min: 12 } });
    expect(passwordLength('đường về quê')).toBe(12);
    // then twelve characters pass, whatever their bytes
    expect(passwordProblem('đường về quê')).toBeNull();
  });

  it('accepts up to 128 characters, any of them, and refuses more, without truncating', () => {
    // given long passphrases of every kind of character
    const long = 'Sông Thu chảy qua Duy Xuyên 🌊 '.repeat(10).slice(0, 200);
    const atMost = [...long].slice(0, PASSWORD_MAX_LENGTH).join('');
    // then 128 characters pass (ASVS V2.1.2 asks for at least 64) and 129 are refused, never cut
    expect(passwordLength(atMost)).toBe(PASSWORD_MAX_LENGTH);
    expect(passwordProblem(atMost)).toBeNull();
    expect(passwordProblem(`${atMost}x`)).toMatchObject({ code: 'too_long', params: { max: 128 } });
  });

  it('asks for no composition: lower-case words with spaces are a good password', () => {
    expect(passwordProblem('ngựa vằn uống trà chiều')).toBeNull();
    expect(passwordProblem('correct staple horse battery')).toBeNull();
  });

  it('refuses every listed common password long enough to reach the list, in any case', () => {
    // given the repository's list, when each long entry is tried as is and in capitals
    const long = COMMON_PASSWORDS.filter((password) => passwordLength(password) >= PASSWORD_MIN_LENGTH);
    expect(long.length).toBeGreaterThan(20);
    for (const password of long) {
      expect(passwordProblem(password)?.code, password).toBe('password_too_common');
      expect(passwordProblem(password.toUpperCase())?.code, password).toBe('password_too_common');
    }
  });

  it('refuses each common word dressed up with digits and punctuation', () => {
    for (const base of COMMON_PASSWORD_BASES) {
      const dressed = `${base}${'2026!@'.repeat(3)}`.slice(0, Math.max(PASSWORD_MIN_LENGTH, base.length + 4));
      const padded = passwordLength(dressed) >= PASSWORD_MIN_LENGTH ? dressed : `${dressed}123456789012`;
      expect(passwordProblem(padded)?.code, padded).toBe('password_too_common');
    }
    // but a common word inside a longer phrase is no common password
    expect(passwordProblem('password of the Duy Xuyên counter')).toBeNull();
  });

  it('refuses repetitions and runs of characters', () => {
    for (const password of ['zzzzzzzzzzzz', 'abcabcabcabc', '1212 1212 1212', 'abcdefghijklm', 'zyxwvutsrqpo', '3456789:;<=>']) {
      expect(passwordProblem(password)?.code, password).toBe('password_too_common');
    }
  });

  it('refuses a password that contains the username', () => {
    expect(passwordProblem('xa.specialist-2026-tháng12', { username: 'xa.specialist' })).toMatchObject({
      code: 'password_contains_username',
    });
    expect(passwordProblem('XA.SPECIALIST và mùa mưa', { username: 'xa.specialist' })?.code).toBe(
      'password_contains_username',
    );
    expect(passwordProblem('mùa mưa ở Duy Trung', { username: 'xa.specialist' })).toBeNull();
  });
});
