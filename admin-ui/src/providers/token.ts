import { ROLES, type Role } from '@motcua/common';

/** What the UI reads from the server's JWT: who is signed in, their roles and when the token expires. */
export interface TokenClaims {
  username: string;
  fullName: string;
  roles: Role[];
  agencyCode: string | null;
  /** Expiry in milliseconds since the epoch, or null when the token has no `exp`. */
  expiresAt: number | null;
}

function decodeBase64Url(segment: string): string {
  const base64 = segment
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  // Full names are Vietnamese: the payload is UTF-8, which atob alone would garble.
  return new TextDecoder().decode(bytes);
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Reads the claims of a JWT without verifying it: the server verifies every request, the UI only
 * needs the identity and roles to choose what to show. Returns null for anything that is not a
 * JWT with a string `sub`.
 */
export function decodeToken(token: string): TokenClaims | null {
  const payloadSegment = token.split('.')[1];
  if (!payloadSegment) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(decodeBase64Url(payloadSegment));
  } catch {
    return null;
  }
  if (typeof payload !== 'object' || payload === null) return null;
  const claims = payload as Record<string, unknown>;
  if (typeof claims.sub !== 'string' || claims.sub === '') return null;
  return {
    username: claims.sub,
    fullName: typeof claims.fullName === 'string' && claims.fullName !== '' ? claims.fullName : claims.sub,
    roles: Array.isArray(claims.roles) ? claims.roles.filter(isRole) : [],
    agencyCode: typeof claims.agencyCode === 'string' ? claims.agencyCode : null,
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : null,
  };
}

/** True when the token's expiry has passed (a token without `exp` never expires on the client). */
export function isExpired(claims: TokenClaims, now: number = Date.now()): boolean {
  return claims.expiresAt !== null && claims.expiresAt <= now;
}
