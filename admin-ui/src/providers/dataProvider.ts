import type {
  CompleteTask,
  CreateDossier,
  DeployedProcess,
  DeployProcess,
  Dossier,
  DossierHistory,
  DossierList,
  Procedure,
  ProcedureList,
  ProcessXml,
  PublicDossier,
  TaskList,
} from '@motcua/common';
import type { DataProvider, GetListParams, RaRecord } from 'react-admin';
import type { ApiClient } from './http.js';
import { byDueDate } from '../tasks/urgency.js';

/** react-admin's data provider plus the one-stop actions that are not CRUD. */
export interface MotcuaDataProvider extends DataProvider {
  claimTask(id: string): Promise<void>;
  unclaimTask(id: string): Promise<void>;
  completeTask(id: string, input: CompleteTask): Promise<void>;
  getDossierHistory(code: string): Promise<DossierHistory>;
  getProcessXml(key: string): Promise<string>;
  deployProcess(xml: string): Promise<DeployedProcess>;
  lookupPublicDossier(code: string): Promise<PublicDossier>;
}

/**
 * react-admin addresses dossiers and procedures by their public codes, as the API does, so a
 * record's `id` is its code (a dossier's database id stays out of the UI).
 */
export type ProcedureRecord = Procedure & { id: string };

function toDossierRecord(dossier: Dossier): Dossier {
  return { ...dossier, id: dossier.code };
}

function toProcedureRecord(procedure: Procedure): ProcedureRecord {
  return { ...procedure, id: procedure.code };
}

function unsupported(resource: string, method: string): Promise<never> {
  return Promise.reject(new Error(`${method} is not available for ${resource}`));
}

function dossierQuery(params: GetListParams): string {
  const query = new URLSearchParams();
  const filter = (params.filter ?? {}) as Record<string, unknown>;
  if (typeof filter.status === 'string' && filter.status !== '') query.set('status', filter.status);
  if (typeof filter.q === 'string' && filter.q.trim() !== '') query.set('q', filter.q.trim());
  query.set('page', String(params.pagination?.page ?? 1));
  query.set('perPage', String(params.pagination?.perPage ?? 25));
  return query.toString();
}

const path = (...segments: string[]): string => `/${segments.map(encodeURIComponent).join('/')}`;

/**
 * Maps react-admin's calls to the Một Cửa API: dossiers (list, show by code, create), tasks and
 * procedures (lists), plus the task, history, process and public lookup actions.
 */
export function createDataProvider(api: ApiClient): MotcuaDataProvider {
  const listProcedures = async (): Promise<ProcedureRecord[]> => {
    const { data } = await api.request<ProcedureList>('/procedures', {
      errorContext: { subject: 'procedure' },
    });
    return data.map(toProcedureRecord);
  };

  return {
    async getList<RecordType extends RaRecord>(resource: string, params: GetListParams) {
      if (resource === 'dossiers') {
        const result = await api.request<DossierList>(`/dossiers?${dossierQuery(params)}`, {
          errorContext: { subject: 'dossier' },
        });
        return { data: result.data.map(toDossierRecord) as unknown as RecordType[], total: result.total };
      }
      if (resource === 'tasks') {
        // The engine returns the caller's whole work list at once; it is short by nature. The most
        // pressing task comes first, whatever sort the list asks for.
        const { data } = await api.request<TaskList>('/tasks', { errorContext: { subject: 'task' } });
        return { data: byDueDate(data) as unknown as RecordType[], total: data.length };
      }
      if (resource === 'procedures') {
        const data = await listProcedures();
        return { data: data as unknown as RecordType[], total: data.length };
      }
      return unsupported(resource, 'getList');
    },

    async getOne<RecordType extends RaRecord>(resource: string, params: { id: RecordType['id'] }) {
      if (resource === 'dossiers') {
        const dossier = await api.request<Dossier>(path('dossiers', String(params.id)), {
          errorContext: { subject: 'dossier', resource: 'dossiers' },
        });
        return { data: toDossierRecord(dossier) as unknown as RecordType };
      }
      if (resource === 'procedures') {
        const procedure = (await listProcedures()).find((candidate) => candidate.id === params.id);
        if (!procedure) return Promise.reject(new Error('procedure not found'));
        return { data: procedure as unknown as RecordType };
      }
      return unsupported(resource, 'getOne');
    },

    async getMany<RecordType extends RaRecord>(resource: string, params: { ids: RecordType['id'][] }) {
      if (resource === 'procedures') {
        const wanted = new Set(params.ids.map(String));
        const data = (await listProcedures()).filter((procedure) => wanted.has(procedure.id));
        return { data: data as unknown as RecordType[] };
      }
      if (resource === 'dossiers') {
        const data = await Promise.all(
          params.ids.map((id) =>
            api.request<Dossier>(path('dossiers', String(id)), { errorContext: { subject: 'dossier' } }),
          ),
        );
        return { data: data.map(toDossierRecord) as unknown as RecordType[] };
      }
      return unsupported(resource, 'getMany');
    },

    async create<
      RecordType extends Omit<RaRecord, 'id'>,
      ResultRecordType extends RaRecord = RecordType & { id: RaRecord['id'] },
    >(resource: string, params: { data: Partial<RecordType> }) {
      if (resource === 'dossiers') {
        const input = params.data as unknown as CreateDossier;
        const body: CreateDossier = {
          procedureCode: input.procedureCode,
          applicant: input.applicant,
          channel: input.channel,
        };
        const dossier = await api.request<Dossier>('/dossiers', {
          method: 'POST',
          body,
          errorContext: { subject: 'dossier', resource: 'dossiers' },
        });
        return { data: toDossierRecord(dossier) as unknown as ResultRecordType };
      }
      return unsupported(resource, 'create');
    },

    getManyReference: (resource) => unsupported(resource, 'getManyReference'),
    update: (resource) => unsupported(resource, 'update'),
    updateMany: (resource) => unsupported(resource, 'updateMany'),
    delete: (resource) => unsupported(resource, 'delete'),
    deleteMany: (resource) => unsupported(resource, 'deleteMany'),

    async claimTask(id) {
      await api.request<void>(`${path('tasks', id)}/claim`, { method: 'POST', errorContext: { subject: 'task' } });
    },

    async unclaimTask(id) {
      await api.request<void>(`${path('tasks', id)}/unclaim`, { method: 'POST', errorContext: { subject: 'task' } });
    },

    async completeTask(id, input) {
      await api.request<void>(`${path('tasks', id)}/complete`, {
        method: 'POST',
        body: input,
        errorContext: { subject: 'task', resource: 'tasks' },
      });
    },

    getDossierHistory: (code) =>
      api.request<DossierHistory>(`${path('dossiers', code)}/history`, { errorContext: { subject: 'dossier' } }),

    async getProcessXml(key) {
      const { xml } = await api.request<ProcessXml>(`${path('processes', key)}/xml`, {
        errorContext: { subject: 'process' },
      });
      return xml;
    },

    deployProcess: (xml) =>
      api.request<DeployedProcess>('/processes', {
        method: 'POST',
        body: { xml } satisfies DeployProcess,
        errorContext: { subject: 'process', resource: 'processes' },
      }),

    lookupPublicDossier: (code) =>
      api.request<PublicDossier>(path('public', 'dossiers', code.trim()), {
        anonymous: true,
        errorContext: { subject: 'public-dossier' },
      }),
  };
}
