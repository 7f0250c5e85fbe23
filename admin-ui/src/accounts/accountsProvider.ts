import type {
  Account,
  AccountList,
  Agency,
  ChangePassword,
  CreateAccount,
  CreateAgency,
  TemporaryPassword,
  TokenResponse,
  UpdateAccount,
  UpdateAgency,
} from '@motcua/common';
import type { CreateParams, DataProvider, GetListParams, GetOneParams, RaRecord, UpdateParams } from 'react-admin';
import type { ApiClient } from '../providers/http.js';

/**
 * The account and agency administration over the API (/api/accounts, POST and PATCH /api/agencies)
 * and the officer's own password change, added to the app's data provider. Accounts are react-admin
 * records whose id is the username; agencies, whose id is the current code.
 */

/** An account as a record: `agencyCode` is what the form edits. */
export type AccountRecord = Account & { id: string; agencyCode: string };
/** A created account, or one whose password was reset: the temporary password is in the answer, once. */
export type AccountWithPassword = AccountRecord & { temporaryPassword: string };

export interface AccountAdministration {
  resetAccountPassword(username: string): Promise<TemporaryPassword>;
  /** The officer's own change; answers the new token, which replaces every earlier one. */
  changeOwnPassword(input: ChangePassword): Promise<string>;
}

const toAccountRecord = (account: Account): AccountRecord => ({
  ...account,
  id: account.username,
  agencyCode: account.agency.code,
});
const accountPath = (username: string) => `/accounts/${encodeURIComponent(username)}`;

/** The list query of GET /api/accounts from react-admin's list parameters. */
export function accountQuery(params: Pick<GetListParams, 'filter' | 'pagination'>): string {
  const query = new URLSearchParams();
  const { filter = {}, pagination } = params;
  if (typeof filter.q === 'string' && filter.q.trim() !== '') query.set('q', filter.q.trim());
  if (typeof filter.agencyCode === 'string' && filter.agencyCode !== '') query.set('agencyCode', filter.agencyCode);
  if (filter.active === true || filter.active === false) query.set('active', String(filter.active));
  if (pagination) {
    query.set('page', String(pagination.page));
    query.set('perPage', String(pagination.perPage));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** Only the fields the API accepts, and only those that changed: a PATCH says what the admin did. */
export function accountChanges(data: Partial<Account & { agencyCode: string }>, previous: Partial<AccountRecord>): UpdateAccount {
  const change: UpdateAccount = {};
  if (data.fullName !== undefined && data.fullName !== previous.fullName) change.fullName = data.fullName;
  if (data.roles && [...data.roles].sort().join() !== [...(previous.roles ?? [])].sort().join()) change.roles = data.roles;
  if (data.agencyCode !== undefined && data.agencyCode !== previous.agency?.code) change.agencyCode = data.agencyCode;
  if (data.active !== undefined && data.active !== previous.active) change.active = data.active;
  return change;
}

export function withAccountAdministration<P extends DataProvider>(base: P, api: ApiClient): P & AccountAdministration {
  const accountContext = { errorContext: { subject: 'other' as const, resource: 'accounts' } };
  const agencyContext = { errorContext: { subject: 'other' as const, resource: 'agencies' } };
  return {
    ...base,
    async getList<RecordType extends RaRecord>(resource: string, params: GetListParams) {
      if (resource !== 'accounts') return base.getList<RecordType>(resource, params);
      const { data, total } = await api.request<AccountList>(`/accounts${accountQuery(params)}`, accountContext);
      return { data: data.map(toAccountRecord) as unknown as RecordType[], total };
    },

    async getOne<RecordType extends RaRecord>(resource: string, params: GetOneParams<RecordType>) {
      if (resource === 'accounts') {
        const account = await api.request<Account>(accountPath(String(params.id)), accountContext);
        return { data: toAccountRecord(account) as unknown as RecordType };
      }
      if (resource === 'agencies') {
        const { data } = await base.getList<RecordType>('agencies', {
          pagination: { page: 1, perPage: 10_000 },
          sort: { field: 'code', order: 'ASC' },
          filter: {},
        });
        const found = data.find((agency) => agency.id === params.id) as unknown as Agency | undefined;
        // the form edits the successor by its code
        if (found) return { data: { ...found, successorCode: found.successor?.code ?? '' } as unknown as RecordType };
      }
      return base.getOne<RecordType>(resource, params);
    },

    async create<RecordType extends Omit<RaRecord, 'id'>, ResultRecordType extends RaRecord = RecordType & { id: RaRecord['id'] }>(
      resource: string,
      params: CreateParams<RecordType>,
    ) {
      if (resource === 'accounts') {
        const data = params.data as unknown as CreateAccount;
        const body: CreateAccount = {
          username: data.username,
          fullName: data.fullName,
          roles: data.roles,
          agencyCode: data.agencyCode,
        };
        const created = await api.request<TemporaryPassword>('/accounts', { ...accountContext, method: 'POST', body });
        const record: AccountWithPassword = { ...toAccountRecord(created.account), temporaryPassword: created.temporaryPassword };
        return { data: record as unknown as ResultRecordType };
      }
      if (resource === 'agencies') {
        const data = params.data as unknown as CreateAgency;
        const body = Object.fromEntries(
          Object.entries({ code: data.code, name: data.name, parentCode: data.parentCode, legalRef: data.legalRef }).filter(
            ([, value]) => value !== undefined && value !== '',
          ),
        );
        const agency = await api.request<Agency>('/agencies', { ...agencyContext, method: 'POST', body });
        return { data: { ...agency, id: agency.code } as unknown as ResultRecordType };
      }
      return base.create<RecordType, ResultRecordType>(resource, params);
    },

    async update<RecordType extends RaRecord>(resource: string, params: UpdateParams<RecordType>) {
      if (resource === 'accounts') {
        const body = accountChanges(params.data as Partial<Account & { agencyCode: string }>, params.previousData as unknown as AccountRecord);
        const account =
          Object.keys(body).length === 0
            ? await api.request<Account>(accountPath(String(params.id)), accountContext)
            : await api.request<Account>(accountPath(String(params.id)), { ...accountContext, method: 'PATCH', body });
        return { data: toAccountRecord(account) as unknown as RecordType };
      }
      if (resource === 'agencies') {
        const data = params.data as Partial<Agency & UpdateAgency>;
        const previous = params.previousData as unknown as Partial<Agency>;
        const body: UpdateAgency = {};
        if (data.name !== undefined && data.name !== previous.name) body.name = data.name;
        if (data.code !== undefined && data.code !== previous.code) body.code = data.code;
        if (data.parentCode && data.parentCode !== previous.parentCode) body.parentCode = data.parentCode;
        const successor = data.successorCode === '' ? null : data.successorCode;
        if (successor !== undefined && successor !== (previous.successor?.code ?? null)) body.successorCode = successor;
        if (data.legalRef) body.legalRef = data.legalRef;
        const agency = await api.request<Agency>(`/agencies/${encodeURIComponent(String(params.id))}`, {
          ...agencyContext,
          method: 'PATCH',
          body,
        });
        return { data: { ...agency, id: agency.code } as unknown as RecordType };
      }
      return base.update<RecordType>(resource, params);
    },

    async resetAccountPassword(username: string) {
      return api.request<TemporaryPassword>(`${accountPath(username)}/reset-password`, { ...accountContext, method: 'POST' });
    },

    async changeOwnPassword(input: ChangePassword) {
      const { token } = await api.request<TokenResponse>('/auth/change-password', {
        errorContext: { subject: 'other', resource: 'password' },
        method: 'POST',
        body: input,
      });
      return token;
    },
  };
}
