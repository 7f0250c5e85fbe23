import { describe, expect, it } from 'vitest';
import { decodeToken, isExpired } from '../src/providers/token.js';

function base64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function jwtWith(payload: unknown): string {
  return `${base64Url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64Url(JSON.stringify(payload))}.signature`;
}

describe('decodeToken', () => {
  it('reads the username, Vietnamese full name, roles and agency from the payload', () => {
    // given a token issued for a leader with a Vietnamese name
    const token = jwtWith({
      sub: 'leader',
      fullName: 'Trần Thị Bình',
      roles: ['leader'],
      agencyCode: '000.00.17.H41',
      exp: 1_900_000_000,
    });
    // when decoding it
    const claims = decodeToken(token);
    // then the diacritics survive and the expiry is in milliseconds
    expect(claims).toEqual({
      username: 'leader',
      fullName: 'Trần Thị Bình',
      roles: ['leader'],
      agencyCode: '000.00.17.H41',
      expiresAt: 1_900_000_000_000,
    });
  });

  it('drops roles the UI does not know and falls back to the username for a missing name', () => {
    const claims = decodeToken(jwtWith({ sub: 'x', roles: ['admin', 'superuser', 42] }));
    expect(claims).toMatchObject({ username: 'x', fullName: 'x', roles: ['admin'], agencyCode: null, expiresAt: null });
  });

  it('rejects strings that are not JWTs or have no subject', () => {
    expect(decodeToken('not-a-token')).toBeNull();
    expect(decodeToken('a.%%%.c')).toBeNull();
    expect(decodeToken(jwtWith({ roles: ['admin'] }))).toBeNull();
    expect(decodeToken(jwtWith('just a string'))).toBeNull();
  });
});

describe('isExpired', () => {
  it('treats a token as expired from its exp instant on', () => {
    const claims = decodeToken(jwtWith({ sub: 'a', exp: 1000 }));
    expect(claims).not.toBeNull();
    expect(isExpired(claims!, 999_999)).toBe(false);
    expect(isExpired(claims!, 1_000_000)).toBe(true);
  });
});
