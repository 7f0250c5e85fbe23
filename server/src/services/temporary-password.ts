import { randomInt } from 'node:crypto';
import { passwordProblem } from '@motcua/common';

/**
 * Temporary passwords, given by an admin to an officer on paper or by phone: 16 characters from an
 * alphabet without look-alikes (no 0/o, 1/l/i), in four groups, about 80 bits from the system's
 * random source, so it passes the password policy and survives being read aloud.
 */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function temporaryPassword(): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () =>
      Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
    );
    const password = groups.join('-');
    // a random draw that happens to spell a listed password is drawn again
    if (passwordProblem(password) === null) return password;
  }
}
