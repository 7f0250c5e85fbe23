import { randomBytes } from 'node:crypto';
import { passwordProblem } from '@motcua/common';
import { hashPassword, verifyPassword } from '@motcua/db';
import { InvalidFieldError, UnauthenticatedError } from '@motcua/domain';
import type { TokenPayload } from '../schemas/auth.js';
import type { Me } from '../schemas/me.js';
import type { AccountRepository } from '../repositories/account-repository.js';
import type { AuditRepository } from '../repositories/audit-repository.js';
import { createFailedLoginLimit } from './failed-login-limit.js';

/**
 * Signing in and describing the signed-in officer. Unknown, inactive and wrong-password logins
 * take the same path (one account read, one password hash, one audit row) and get the same 401
 * message, so neither the answer nor its timing tells which usernames exist. Every login attempt
 * that is not throttled is written to the audit log; the limits on logins per address and
 * username (the route's) and on failures per address (here) bound the rows. The audit row holds
 * the address, never the password, and names the account only when it exists: officers sometimes
 * type their password into the username field.
 */
const INVALID_LOGIN = 'invalid username or password';

/**
 * How long a token check is remembered per account. Every authenticated request checks its token;
 * remembering the answer briefly keeps that check off the database under load. A change made by
 * this server (issue 10's account management) forgets at once; one made elsewhere (another server
 * node, an operator in the database) takes effect within this time.
 */
export const TOKEN_CHECK_CACHE_MS = 2_000;

/** The window of the limit on failed logins per client address. */
const FAILED_LOGIN_WINDOW_MS = 60_000;

/** The account service the app decorates as `accounts` (see the module comment). */
export function createAccountService(deps: {
  accounts: AccountRepository;
  audit: AuditRepository;
  /** Failed logins allowed per client address and minute, whatever the usernames. */
  loginFailuresPerMinute: number;
  /** How a password is checked against a stored hash; tests pass a recording wrapper of the real one. */
  verifyPassword?: typeof verifyPassword;
  cacheMs?: number;
  now?: () => number;
}) {
  const { accounts, audit } = deps;
  const verify = deps.verifyPassword ?? verifyPassword;
  const cacheMs = deps.cacheMs ?? TOKEN_CHECK_CACHE_MS;
  const now = deps.now ?? Date.now;
  const failedLogins = createFailedLoginLimit({
    maxFailures: deps.loginFailuresPerMinute,
    windowMs: FAILED_LOGIN_WINDOW_MS,
    now,
  });
  const tokenStates = new Map<
    string,
    { state: Promise<{ active: boolean; tokenVersion: number; mustChangePassword: boolean } | null>; until: number }
  >();

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
    /**
     * The token claims for valid credentials; 401 otherwise, and 429 when the client address has
     * used up its failed logins (then nothing is read, hashed or written).
     */
    async login(username: string, password: string, ip: string): Promise<TokenPayload> {
      const settle = failedLogins.begin(ip);
      // a fault of the database is no wrong password: only checked credentials settle as failed
      let failed = false;
      try {
        const account = await accounts.findByUsername(username);
        const usable = account?.active === true;
        const matches = await verify(password, usable ? account.passwordHash : await decoyHash);
        const valid = usable && matches;
        failed = !valid;
        await audit.record({
          actor: valid ? username : 'anonymous',
          action: valid ? 'login.succeeded' : 'login.failed',
          entity: 'account',
          entityId: account ? account.username : null,
          data: { ip },
        });
        if (!account || !valid) throw new UnauthenticatedError(INVALID_LOGIN);
        return {
          sub: account.username,
          roles: account.roles,
          agencyCode: account.agency.code,
          fullName: account.fullName,
          ver: account.tokenVersion,
          ...(account.mustChangePassword ? { mustChangePassword: true } : {}),
        };
      } finally {
        settle(failed);
      }
    },

    /**
     * Whether a token may still be used (checked on every authenticated request): its account is
     * active and has not changed password, roles, agency or active flag since the token was issued.
     */
    async tokenIsCurrent(token: TokenPayload): Promise<boolean> {
      const state = await tokenState(token.sub);
      return state !== null && state.active && state.tokenVersion === token.ver;
    },

    /**
     * Whether the token's account must change its temporary password before anything else (the
     * auth hook then admits the password change only). Read with the token check, so a reset takes
     * effect with it.
     */
    async mustChangePassword(token: TokenPayload): Promise<boolean> {
      return (await tokenState(token.sub))?.mustChangePassword === true;
    },

    /**
     * The officer's own password change: the current password, then the new one under the policy
     * (common/src/password/policy.ts) and different from the current one. The change clears a
     * temporary password's restriction and revokes every token of the account (the trigger), so
     * the answer carries the claims of a fresh token. Audited without either password.
     */
    async changePassword(
      caller: TokenPayload,
      input: { currentPassword: string; newPassword: string },
      ip: string,
    ): Promise<TokenPayload> {
      const account = await accounts.findByUsername(caller.sub);
      if (!account?.active) throw new UnauthenticatedError('this account is no longer active');
      if (!(await verify(input.currentPassword, account.passwordHash))) {
        await audit.record({
          actor: caller.sub,
          action: 'password.change_failed',
          entity: 'account',
          entityId: caller.sub,
          data: { ip },
        });
        throw new InvalidFieldError('body/currentPassword', 'is not your current password', 'wrong_password');
      }
      const problem = passwordProblem(input.newPassword, { username: account.username });
      if (problem) throw new InvalidFieldError('body/newPassword', problem.message, problem.code, problem.params);
      if (input.newPassword === input.currentPassword) {
        throw new InvalidFieldError('body/newPassword', 'must differ from the current password', 'password_unchanged');
      }
      const updated = await accounts.changePassword(account.username, await hashPassword(input.newPassword), {
        actor: caller.sub,
        action: 'password.changed',
        entity: 'account',
        entityId: caller.sub,
        data: { ip, wasTemporary: account.mustChangePassword },
      });
      tokenStates.delete(account.username);
      return {
        sub: updated.username,
        roles: updated.roles,
        agencyCode: updated.agency.code,
        fullName: updated.fullName,
        ver: updated.tokenVersion,
      };
    },

    /** Forgets what is remembered of every account's tokens, after a change to many (an agency's new code). */
    forgetAllTokenStates(): void {
      tokenStates.clear();
    },

    /** Forgets what is remembered of an account's tokens, after this server changed the account. */
    forgetTokenState(username: string): void {
      tokenStates.delete(username);
    },

    async me(caller: TokenPayload): Promise<Me> {
      const account = await accounts.findByUsername(caller.sub);
      if (!account?.active) throw new UnauthenticatedError('this account is no longer active');
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
