import { decodeToken, isExpired } from '../providers/token.js';
import { readToken } from '../providers/session.js';

/** The path of the page where an officer with a temporary password must choose their own. */
export const CHANGE_PASSWORD_PATH = '/doi-mat-khau';

/** Whether the signed-in officer still has a temporary password (the token's claim; the server enforces it). */
export function mustChangePassword(): boolean {
  const token = readToken();
  const claims = token ? decodeToken(token) : null;
  return claims !== null && !isExpired(claims) && claims.mustChangePassword === true;
}
