import { IssuedTokenSchema, type IssuedToken } from '@motcua/common';

function decodeBase64Url(segment: string): string {
  const base64 = segment
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  // Full names are Vietnamese: the payload is UTF-8, which atob alone would garble.
  return new TextDecoder().decode(bytes);
}

/**
 * Reads the claims of a JWT without verifying it: the server verifies every request, the UI only
 * needs the identity and roles to choose what to show. Returns null for anything that is not a JWT
 * whose payload has the shape the server signs.
 */
export function decodeToken(token: string): IssuedToken | null {
  const payloadSegment = token.split('.')[1];
  if (!payloadSegment) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(decodeBase64Url(payloadSegment));
  } catch {
    return null;
  }
  const claims = IssuedTokenSchema.safeParse(payload);
  return claims.success ? claims.data : null;
}

/** True from the token's expiry instant on. */
export function isExpired(claims: IssuedToken, now: number = Date.now()): boolean {
  return claims.exp * 1000 <= now;
}
