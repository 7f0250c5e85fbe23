import { describe, expect, it } from 'vitest';
import { decodeToken, isExpired } from '../src/providers/token.js';

function base64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function jwtWith(payload: unknown): string {
  return `${base64Url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64Url(JSON.stringify(payload))}.signature`;
}

describe('decodeToken', () => {
  it('reads the username, Vietnamese full name, roles, agency, token version and expiry from the payload', () => {
    // given a token issued for a leader with a Vietnamese name
    const token = jwtWith({
      sub: 'leader',
      fullName: 'Trần Thị Bình',
      roles: ['leader'],
      agencyCode: '000.00.17.H41',
      ver: 3,
      iat: 1_899_998_200,
      exp: 1_900_000_000,
    });
    // when decoding it
    const claims = decodeToken(token);
    // then the diacritics survive and the claims are those the server signs, plus the expiry
    expect(claims).toEqual({
      sub: 'leader',
      fullName: 'Trần Thị Bình',
      roles: ['leader'],
      agencyCode: '000.00.17.H41',
      ver: 3,
      exp: 1_900_000_000,
    });
  });

  it('rejects a payload that is not what the server signs', () => {
    const valid = { sub: 'x', fullName: 'X', roles: ['admin'], agencyCode: '000.00.00.H41', ver: 0, exp: 1_900_000_000 };
    expect(decodeToken(jwtWith(valid))).not.toBeNull();
    expect(decodeToken(jwtWith({ ...valid, roles: ['admin', 'superuser'] }))).toBeNull();
    expect(decodeToken(jwtWith({ ...valid, fullName: undefined }))).toBeNull();
    expect(decodeToken(jwtWith({ ...valid, exp: undefined }))).toBeNull();
    expect(decodeToken(jwtWith({ ...valid, sub: '' }))).toBeNull();
    expect(decodeToken(jwtWith({ ...valid, ver: undefined }))).toBeNull();
  });

  it('rejects strings that are not JWTs', () => {
    expect(decodeToken('not-a-token')).toBeNull();
    expect(decodeToken('a.%%%.c')).toBeNull();
    expect(decodeToken(jwtWith('just a string'))).toBeNull();
  });
});

describe('isExpired', () => {
  it('treats a token as expired from its exp instant on', () => {
    const claims = decodeToken(jwtWith({ sub: 'a', fullName: 'A', roles: [], agencyCode: '000.00.17.H41', ver: 0, exp: 1000 }));
    expect(claims).not.toBeNull();
    expect(isExpired(claims!, 999_999)).toBe(false);
    expect(isExpired(claims!, 1_000_000)).toBe(true);
  });
});
