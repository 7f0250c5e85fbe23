import {
  type Account,
  type AccountList,
  type CreateAccount,
  type QueryAccount,
  type TemporaryPassword,
  type UpdateAccount,
} from '@motcua/common';
import { hashPassword } from '@motcua/db';
import { ConflictError, InvalidFieldError, NotFoundError } from '@motcua/domain';
import type { TokenPayload } from '../schemas/auth.js';
import type { AccountRepository, AccountRow } from '../repositories/account-repository.js';
import type { AgencyRepository } from '../repositories/agency-repository.js';
import type { AuditEntry } from '../repositories/audit-repository.js';
import { temporaryPassword } from './temporary-password.js';

/**
 * Officers' accounts as the admin unit manages them (regulation Art. 9.1), within the admin's own
 * agency and the agencies below it: an account of any other agency does not exist for them (404,
 * decided by `authorize`, the routes' guard, before the body is read), and an agency outside that
 * subtree named in a body is unknown (400 unknown_agency).
 *
 * The admin never sets an officer's password: creating an account and resetting its password give a
 * temporary password, returned once and stored only as its hash, which the officer must change at
 * the next sign-in (the account service). Every write goes to the audit log with the account,
 * in the same transaction; a change of roles, agency or `active` and a reset revoke the account's
 * tokens at once (the database trigger raises its token version; this server forgets its cached
 * token check).
 */

/** An account the caller may manage, as the guard hands it to the handlers. */
export type ManagedAccount = AccountRow;

function accountOf(row: AccountRow): Account {
  return {
    username: row.username,
    fullName: row.fullName,
    roles: row.roles,
    agency: { code: row.agency.code, name: row.agency.name },
    active: row.active,
    mustChangePassword: row.mustChangePassword,
    passwordChangedAt: row.passwordChangedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function createAccountAdminService(deps: {
  accounts: AccountRepository;
  agencies: AgencyRepository;
  /** Forgets the cached token check of an account this service changed (the account service's). */
  forgetTokenState: (username: string) => void;
}) {
  const { accounts, agencies } = deps;

  /** The id of an agency of the caller's subtree named in the body, or 400 unknown_agency on that field. */
  async function agencyInScope(caller: TokenPayload, code: string, path: string): Promise<string> {
    const [agency, scope] = await Promise.all([agencies.findByCode(code), agencies.subtreeIds(caller.agencyCode)]);
    if (!agency || !scope.includes(agency.id)) {
      throw new InvalidFieldError(path, `names no agency of yours or below it: ${code}`, 'unknown_agency');
    }
    return agency.id;
  }

  function audited(caller: TokenPayload, action: string, username: string, data: AuditEntry['data']): AuditEntry {
    return { actor: caller.sub, action, entity: 'account', entityId: username, ...(data ? { data } : {}) };
  }

  return {
    /** The guard: the account, when it belongs to the caller's agency or one below it; 404 otherwise. */
    async authorize(caller: TokenPayload, username: string): Promise<ManagedAccount> {
      const [account, scope] = await Promise.all([
        accounts.findByUsername(username),
        agencies.subtreeIds(caller.agencyCode),
      ]);
      if (!account || !scope.includes(account.agencyId)) throw new NotFoundError(`no account ${username}`);
      return account;
    },

    show: (account: ManagedAccount): Account => accountOf(account),

    /** One page of the accounts of the caller's subtree (or of one agency in it), by username. */
    async list(caller: TokenPayload, query: QueryAccount): Promise<AccountList> {
      const scope = await agencies.subtreeIds(caller.agencyCode);
      const agencyIds = query.agencyCode ? [await agencyInScope(caller, query.agencyCode, 'querystring/agencyCode')] : scope;
      const { rows, total } = await accounts.list({
        agencyIds,
        q: query.q || undefined,
        active: query.active === undefined ? undefined : query.active === 'true',
        skip: (query.page - 1) * query.perPage,
        take: query.perPage,
      });
      return { data: rows.map(accountOf), total };
    },

    /** A new account in the caller's subtree, with a temporary password to hand to the officer. */
    async create(caller: TokenPayload, input: CreateAccount): Promise<TemporaryPassword> {
      const agencyId = await agencyInScope(caller, input.agencyCode, 'body/agencyCode');
      const password = temporaryPassword();
      const created = await accounts.create(
        {
          username: input.username,
          fullName: input.fullName,
          roles: input.roles,
          agencyId,
          passwordHash: await hashPassword(password),
          mustChangePassword: true,
        },
        audited(caller, 'account.create', input.username, {
          fullName: input.fullName,
          roles: input.roles,
          agencyCode: input.agencyCode,
        }),
      );
      if (!created) {
        throw new ConflictError(`the username ${input.username} is taken`, {
          path: 'body/username',
          code: 'username_taken',
        });
      }
      return { account: accountOf(created), temporaryPassword: password };
    },

    /** Changes name, roles, agency or active flag; an admin may not deactivate themselves or drop their own admin role. */
    async update(caller: TokenPayload, account: ManagedAccount, input: UpdateAccount): Promise<Account> {
      const own = account.username === caller.sub;
      if (own && input.active === false) {
        throw new ConflictError('you may not deactivate your own account', { path: 'body/active', code: 'own_account' });
      }
      if (own && input.roles && !input.roles.includes('admin')) {
        throw new ConflictError('you may not take your own admin role', { path: 'body/roles', code: 'own_account' });
      }
      const agencyId = input.agencyCode ? await agencyInScope(caller, input.agencyCode, 'body/agencyCode') : undefined;
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (input.fullName !== undefined && input.fullName !== account.fullName) {
        changes.fullName = { from: account.fullName, to: input.fullName };
      }
      if (input.roles && [...input.roles].sort().join() !== [...account.roles].sort().join()) {
        changes.roles = { from: account.roles, to: input.roles };
      }
      if (agencyId !== undefined && agencyId !== account.agencyId) {
        changes.agencyCode = { from: account.agency.code, to: input.agencyCode };
      }
      if (input.active !== undefined && input.active !== account.active) {
        changes.active = { from: account.active, to: input.active };
      }
      if (Object.keys(changes).length === 0) return accountOf(account);
      const updated = await accounts.update(
        account.username,
        {
          ...(changes.fullName ? { fullName: input.fullName } : {}),
          ...(changes.roles ? { roles: input.roles } : {}),
          ...(changes.agencyCode ? { agencyId } : {}),
          ...(changes.active ? { active: input.active } : {}),
        },
        audited(caller, changes.active ? (input.active ? 'account.reactivate' : 'account.deactivate') : 'account.update', account.username, {
          changes: changes as never,
        }),
      );
      deps.forgetTokenState(account.username);
      return accountOf(updated);
    },

    /** A new temporary password, shown once; the account's tokens die and its next sign-in must change it. */
    async resetPassword(caller: TokenPayload, account: ManagedAccount): Promise<TemporaryPassword> {
      const password = temporaryPassword();
      const updated = await accounts.update(
        account.username,
        { passwordHash: await hashPassword(password), mustChangePassword: true },
        audited(caller, 'account.reset_password', account.username, undefined),
      );
      deps.forgetTokenState(account.username);
      return { account: accountOf(updated), temporaryPassword: password };
    },
  };
}
export type AccountAdminService = ReturnType<typeof createAccountAdminService>;
