import { httpErrors } from '@fastify/sensible';
import { randomBytes } from 'node:crypto';
import { hashPassword, verifyPassword } from '@motcua/db';
import type { TokenPayload } from '../schemas/auth.js';
import type { Me } from '../schemas/me.js';
import type { AccountRepository } from '../repositories/account-repository.js';
import type { AuditRepository } from '../repositories/audit-repository.js';

/**
 * Signing in and describing the signed-in officer. Unknown, inactive and wrong-password logins
 * get the same 401 message, so the answer does not tell which usernames exist. Every login
 * attempt is written to the audit log (login is rate-limited, which bounds the rows).
 */
const INVALID_LOGIN = 'invalid username or password';

export function createAccountService(deps: { accounts: AccountRepository; audit: AuditRepository }) {
  const { accounts, audit } = deps;
  // unknown and inactive usernames cost a hash comparison too, so response times do not tell them apart
  const decoyHash = hashPassword(randomBytes(16).toString('base64url'));

  return {
    /** The token claims for valid credentials; 401 otherwise. */
    async login(username: string, password: string, ip: string): Promise<TokenPayload> {
      const account = await accounts.findByUsername(username);
      const usable = account?.active === true;
      const matches = await verifyPassword(password, usable ? account.passwordHash : await decoyHash);
      const valid = usable && matches;
      await audit.record({
        actor: valid ? username : 'anonymous',
        action: valid ? 'login.succeeded' : 'login.failed',
        entity: 'account',
        entityId: username,
        data: { ip },
      });
      if (!account || !valid) throw httpErrors.unauthorized(INVALID_LOGIN);
      return {
        sub: account.username,
        roles: account.roles,
        agencyCode: account.agency.code,
        fullName: account.fullName,
      };
    },

    /** Whether a token's account may still use the API (checked on every authenticated request). */
    isActive(username: string): Promise<boolean> {
      return accounts.isActive(username);
    },

    async me(caller: TokenPayload): Promise<Me> {
      const account = await accounts.findByUsername(caller.sub);
      if (!account?.active) throw httpErrors.unauthorized('this account is no longer active');
      return {
        username: account.username,
        fullName: account.fullName,
        roles: account.roles,
        agency: { code: account.agency.code, name: account.agency.name },
      };
    },
  };
}
export type AccountService = ReturnType<typeof createAccountService>;
