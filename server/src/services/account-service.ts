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

/**
 * How long a token check is remembered per account. Every authenticated request checks its token;
 * remembering the answer briefly keeps that check off the database under load. A change made by
 * this server (issue 10's account management) forgets at once; one made elsewhere (another server
 * node, an operator in the database) takes effect within this time.
 */
export const TOKEN_CHECK_CACHE_MS = 2_000;

export function createAccountService(deps: {
  accounts: AccountRepository;
  audit: AuditRepository;
  cacheMs?: number;
  now?: () => number;
}) {
  const { accounts, audit } = deps;
  const cacheMs = deps.cacheMs ?? TOKEN_CHECK_CACHE_MS;
  const now = deps.now ?? Date.now;
  const tokenStates = new Map<string, { state: Promise<{ active: boolean; tokenVersion: number } | null>; until: number }>();

  function tokenState(username: string) {
    const cached = tokenStates.get(username);
    if (cached && cached.until > now()) return cached.state;
    const state = accounts.tokenState(username);
    // a failed read is not remembered
    state.catch(() => tokenStates.delete(username));
    tokenStates.set(username, { state, until: now() + cacheMs });
    return state;
  }
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
        ver: account.tokenVersion,
      };
    },

    /**
     * Whether a token may still be used (checked on every authenticated request): its account is
     * active and has not changed password, roles, agency or active flag since the token was issued.
     */
    async tokenIsCurrent(token: TokenPayload): Promise<boolean> {
      const state = await tokenState(token.sub);
      return state !== null && state.active && state.tokenVersion === token.ver;
    },

    /** Forgets what is remembered of an account's tokens, after this server changed the account. */
    forgetTokenState(username: string): void {
      tokenStates.delete(username);
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
