import { DOSSIER_LIST_TOTAL_CAP, TASK_LIST_TOTAL_CAP } from '@motcua/common';
import type {
  AcceptDossierInput,
  Agency,
  AgencyList,
  Apology,
  ApologyList,
  ApologyReport,
  ApproveApology,
  AtRiskDossier,
  AtRiskList,
  CalendarDayRecord,
  CalendarYear,
  CompleteTask,
  CreateApology,
  DossierApologies,
  CreateCalendarDay,
  CreateDossierInput,
  CreateProcedure,
  DeployedProcess,
  DeployProcess,
  Dossier,
  DossierHistory,
  DossierReplay,
  DossierList,
  FormTemplate,
  PeriodQuery,
  Procedure,
  ProcedureDetail,
  ProcedureList,
  ProcedureVersionInput,
  ProcessDraftAnswer,
  ProcessVersions,
  MigrateDossiers,
  MigrationPreview,
  MigrationPreviewRequest,
  MigrationResult,
  ProcessVersionXml,
  ProcessXml,
  SaveProcessDraft,
  PublicDossier,
  PublicProcedure,
  PublicProcedureList,
  RegisterQuery,
  SatisfactionQuery,
  SatisfactionReport,
  TrailVerification,
  Statistics,
  StatisticsDossierPage,
  StatisticsDossiersQuery,
  StatisticsQuery,
  Index766,
  Index766Query,
  Dashboard,
  DashboardQuery,
  RejectApology,
  StatusOverride,
  TaskList,
  TaskListProblem,
  UploadFormTemplate,
  FindingList,
  ReconciliationRun,
} from '@motcua/common';
import type { DataProvider, GetListParams, RaRecord } from 'react-admin';
import type { ApiClient } from './http.js';
import { taskListQuery } from '../tasks/query.js';

/** The standard forms of a dossier the API renders as PDF (Mẫu 01–05). */
export const DOSSIER_FORMS = ['receipt', 'supplement-request', 'refusal', 'apology', 'control-sheet'] as const;
export type DossierForm = (typeof DOSSIER_FORMS)[number];

/** react-admin's data provider plus the one-stop actions that are not CRUD. */
/** What a page of the work list carries besides its rows (react-admin's list `meta`). */
export interface TaskListMeta {
  /** The process definitions of this page whose steps could not be read (GET /api/tasks `problems`). */
  problems: TaskListProblem[];
}

export interface MotcuaDataProvider extends DataProvider {
  claimTask(id: string): Promise<void>;
  unclaimTask(id: string): Promise<void>;
  completeTask(id: string, input: CompleteTask): Promise<void>;
  getDossierHistory(code: string): Promise<DossierHistory>;
  /** The dossier's path on the diagram of the process version it runs on. */
  getDossierReplay(code: string): Promise<DossierReplay>;
  acceptDossier(code: string, input: AcceptDossierInput): Promise<Dossier>;
  overrideDossierStatus(code: string, input: StatusOverride): Promise<Dossier>;
  /** A standard form of the dossier as a PDF file. */
  getDossierForm(code: string, form: DossierForm): Promise<Blob>;
  listDossierApologies(code: string): Promise<DossierApologies>;
  draftApology(code: string, input: CreateApology): Promise<Apology>;
  approveApology(id: string, input: ApproveApology): Promise<Apology>;
  rejectApology(id: string, input: RejectApology): Promise<Apology>;
  getApologyReport(period: PeriodQuery): Promise<ApologyReport>;
  getAtRiskDossiers(): Promise<AtRiskDossier[]>;
  /** The tracking register (Mẫu 06) of the caller's agency for a period, as PDF. */
  getRegisterPdf(query: RegisterQuery): Promise<Blob>;
  /** The processing statistics (Biểu 06) of an agency's subtree, and the dossiers one figure counts. */
  getStatistics(query: StatisticsQuery): Promise<Statistics>;
  getStatisticsDossiers(query: StatisticsDossiersQuery): Promise<StatisticsDossierPage>;
  /** The same statistics as a spreadsheet or an A4 PDF. */
  getStatisticsFile(query: StatisticsQuery, format: 'xlsx' | 'pdf'): Promise<Blob>;
  getIndex766(query: Index766Query): Promise<Index766>;
  /** The leader's dashboard: dossiers on hand, nearly due and overdue, workload per officer, trend. */
  getDashboard(query: Partial<DashboardQuery>): Promise<Dashboard>;
  /** Citizens' satisfaction ratings per agency of a subtree and per officer (docs/legal.md §7). */
  getSatisfaction(query: SatisfactionQuery): Promise<SatisfactionReport>;
  /** The check of the hash chains of the dossier events and the audit log, with the first broken link. */
  verifyTrail(): Promise<TrailVerification>;
  listAgencies(): Promise<Agency[]>;
  getCalendarYear(year: number): Promise<CalendarYear>;
  setProcedureActive(code: string, active: boolean): Promise<ProcedureDetail>;
  uploadFormTemplate(code: string, version: number, input: UploadFormTemplate): Promise<FormTemplate>;
  /** A form template file, by the URL the catalogue gives for it. */
  getFormTemplate(template: FormTemplate): Promise<Blob>;
  getProcessXml(key: string): Promise<string>;
  deployProcess(xml: string, comment?: string): Promise<DeployedProcess>;
  /** The designer's draft of a process key, or null (GET /api/processes/{key}/draft). */
  getProcessDraft(key: string): Promise<ProcessDraftAnswer['draft']>;
  saveProcessDraft(key: string, draft: SaveProcessDraft): Promise<ProcessDraftAnswer>;
  listProcessVersions(key: string): Promise<ProcessVersions>;
  getProcessVersionXml(key: string, version: number): Promise<string>;
  /** Which running dossiers of an older version can move to a newer one, and why the others cannot. */
  previewProcessMigration(key: string, request: MigrationPreviewRequest): Promise<MigrationPreview>;
  /** Moves the confirmed dossiers to the newer version. */
  migrateProcessDossiers(key: string, request: MigrateDossiers): Promise<MigrationResult>;
  /** A reconciliation pass now (POST /api/reconciliation): what it deleted and the findings left open. */
  runReconciliation(): Promise<ReconciliationRun>;
  lookupPublicDossier(code: string): Promise<PublicDossier>;
  listPublicProcedures(): Promise<PublicProcedure[]>;
}

/** A query string of the values that are set (undefined ones left out). */
function queryString(query: object): string {
  const entries = Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== '');
  return new URLSearchParams(entries.map(([name, value]) => [name, String(value)])).toString();
}

/**
 * react-admin addresses dossiers and procedures by their public codes, as the API does, so a
 * record's `id` is its code (a dossier's database id stays out of the UI). Calendar rows are
 * addressed by their date.
 */
export type ProcedureRecord = Procedure & { id: string };
export type ProcedureDetailRecord = ProcedureDetail & { id: string };
export type CalendarRowRecord = CalendarDayRecord & { id: string };

function toDossierRecord(dossier: Dossier): Dossier {
  return { ...dossier, id: dossier.code };
}

function toProcedureRecord<T extends Procedure>(procedure: T): T & { id: string } {
  return { ...procedure, id: procedure.code };
}

function unsupported(resource: string, method: string): Promise<never> {
  return Promise.reject(new Error(`${method} is not available for ${resource}`));
}

/** A filter value worth sending: a non-blank string. */
function filterText(filter: Record<string, unknown>, key: string): string | undefined {
  const value = filter[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function dossierQuery(params: GetListParams): string {
  const query = new URLSearchParams();
  const filter = (params.filter ?? {}) as Record<string, unknown>;
  for (const key of ['status', 'timeliness', 'q']) {
    const value = filterText(filter, key);
    if (value) query.set(key, value);
  }
  query.set('page', String(params.pagination?.page ?? 1));
  query.set('perPage', String(params.pagination?.perPage ?? 25));
  return query.toString();
}

/** The fields of a reception the API accepts, without the form's own helpers or blanks. */
const RECEPTION_FIELDS = [
  'procedureCode',
  'applicant',
  'channel',
  'outcome',
  'requestSummary',
  'documents',
  'setCount',
  'resultDelivery',
  'deliveryAddress',
  'missingItems',
  'refusalReason',
  'backEntry',
] as const satisfies readonly (keyof CreateDossierInput)[];

function receptionBody(data: Record<string, unknown>): CreateDossierInput {
  const body: Record<string, unknown> = {};
  for (const field of RECEPTION_FIELDS) if (data[field] !== undefined) body[field] = data[field];
  return body as unknown as CreateDossierInput;
}

/** The legal content of a procedure version, as the version endpoint takes it. */
const VERSION_FIELDS = [
  'name',
  'field',
  'level',
  'processingDays',
  'fees',
  'requiredDocuments',
  'legalBasis',
  'processKey',
  'effectiveFrom',
] as const satisfies readonly (keyof ProcedureVersionInput)[];

function pick<T>(data: Record<string, unknown>, fields: readonly string[]): T {
  return Object.fromEntries(
    fields.filter((field) => data[field] !== undefined).map((field) => [field, data[field]]),
  ) as T;
}

const path = (...segments: (string | number)[]): string =>
  `/${segments.map((segment) => encodeURIComponent(String(segment))).join('/')}`;

/**
 * Maps react-admin's calls to the Một Cửa API: dossiers (list, show by code, receive), tasks,
 * procedures (catalogue, new procedure, new version), apologies, the holiday calendar and agencies,
 * plus the task, form, apology, report, history, process and public actions.
 */
export function createDataProvider(api: ApiClient): MotcuaDataProvider {
  const listProcedures = async (includeInactive = false): Promise<ProcedureRecord[]> => {
    const query = includeInactive ? '?includeInactive=true' : '';
    const { data } = await api.request<ProcedureList>(`/procedures${query}`, {
      errorContext: { subject: 'procedure' },
    });
    return data.map(toProcedureRecord);
  };
  const getProcedure = async (code: string): Promise<ProcedureDetailRecord> =>
    toProcedureRecord(
      await api.request<ProcedureDetail>(path('procedures', code), {
        errorContext: { subject: 'procedure', resource: 'procedures' },
      }),
    );
  const getDossier = async (code: string): Promise<Dossier> =>
    toDossierRecord(
      await api.request<Dossier>(path('dossiers', code), {
        errorContext: { subject: 'dossier', resource: 'dossiers' },
      }),
    );

  return {
    async getList<RecordType extends RaRecord>(resource: string, params: GetListParams) {
      const filter = (params.filter ?? {}) as Record<string, unknown>;
      if (resource === 'dossiers') {
        const result = await api.request<DossierList>(`/dossiers?${dossierQuery(params)}`, {
          errorContext: { subject: 'dossier' },
        });
        const data = result.data.map(toDossierRecord) as unknown as RecordType[];
        // beyond the counted maximum the API says "more": the pager shows "of more than …", not a made-up total
        if (result.total > DOSSIER_LIST_TOTAL_CAP) {
          const { page, perPage } = params.pagination ?? { page: 1, perPage: data.length };
          return {
            data,
            pageInfo: { hasPreviousPage: page > 1, hasNextPage: page * perPage < DOSSIER_LIST_TOTAL_CAP },
          };
        }
        return { data, total: result.total };
      }
      if (resource === 'tasks') {
        const result = await api.request<TaskList>(`/tasks?${taskListQuery(params)}`, {
          errorContext: { subject: 'task' },
        });
        // the definitions whose steps could not be read travel with the page, for the list to say so
        const meta = { problems: result.problems } satisfies TaskListMeta;
        const data = result.data as unknown as RecordType[];
        // beyond the counted maximum the API says "more": the pager shows "of more than …", and the
        // pages go on as long as they are full
        if (result.total > TASK_LIST_TOTAL_CAP) {
          const { page, perPage } = params.pagination ?? { page: 1, perPage: data.length };
          return { data, pageInfo: { hasPreviousPage: page > 1, hasNextPage: data.length === perPage }, meta };
        }
        return { data, total: result.total, meta };
      }
      if (resource === 'procedures') {
        const data = await listProcedures(filter.includeInactive === true);
        return { data: data as unknown as RecordType[], total: data.length };
      }
      if (resource === 'apologies') {
        const status = filterText(filter, 'status');
        const { data } = await api.request<ApologyList>(`/apologies${status ? `?status=${status}` : ''}`, {
          errorContext: { subject: 'apology' },
        });
        return { data: data as unknown as RecordType[], total: data.length };
      }
      if (resource === 'agencies') {
        const { data } = await api.request<AgencyList>('/agencies', { errorContext: { subject: 'other' } });
        const records = data.map((agency) => ({ ...agency, id: agency.code }));
        return { data: records as unknown as RecordType[], total: records.length };
      }
      if (resource === 'reconciliation') {
        const state = filterText(filter, 'state') ?? 'open';
        const { data } = await api.request<FindingList>(`/reconciliation?state=${encodeURIComponent(state)}`, {
          errorContext: { subject: 'other' },
        });
        return { data: data as unknown as RecordType[], total: data.length };
      }
      return unsupported(resource, 'getList');
    },

    async getOne<RecordType extends RaRecord>(resource: string, params: { id: RecordType['id'] }) {
      if (resource === 'dossiers') return { data: (await getDossier(String(params.id))) as unknown as RecordType };
      if (resource === 'procedures') {
        return { data: (await getProcedure(String(params.id))) as unknown as RecordType };
      }
      return unsupported(resource, 'getOne');
    },

    async getMany<RecordType extends RaRecord>(resource: string, params: { ids: RecordType['id'][] }) {
      if (resource === 'procedures') {
        const wanted = new Set(params.ids.map(String));
        const data = (await listProcedures(true)).filter((procedure) => wanted.has(procedure.id));
        return { data: data as unknown as RecordType[] };
      }
      if (resource === 'dossiers') {
        const data = await Promise.all(params.ids.map((id) => getDossier(String(id))));
        return { data: data as unknown as RecordType[] };
      }
      if (resource === 'agencies') {
        const wanted = new Set(params.ids.map(String));
        const { data } = await api.request<AgencyList>('/agencies', { errorContext: { subject: 'other' } });
        const records = data
          .filter((agency) => wanted.has(agency.code))
          .map((agency) => ({ ...agency, id: agency.code }));
        return { data: records as unknown as RecordType[] };
      }
      return unsupported(resource, 'getMany');
    },

    async create<
      RecordType extends Omit<RaRecord, 'id'>,
      ResultRecordType extends RaRecord = RecordType & { id: RaRecord['id'] },
    >(resource: string, params: { data: Partial<RecordType> }) {
      const data = params.data as Record<string, unknown>;
      if (resource === 'dossiers') {
        const dossier = await api.request<Dossier>('/dossiers', {
          method: 'POST',
          body: receptionBody(data),
          errorContext: { subject: 'dossier', resource: 'dossiers' },
        });
        return { data: toDossierRecord(dossier) as unknown as ResultRecordType };
      }
      if (resource === 'procedures') {
        const body = pick<CreateProcedure>(data, ['code', 'agencyCode', ...VERSION_FIELDS]);
        const procedure = await api.request<ProcedureDetail>('/procedures', {
          method: 'POST',
          body,
          errorContext: { subject: 'procedure', resource: 'procedures' },
        });
        return { data: toProcedureRecord(procedure) as unknown as ResultRecordType };
      }
      if (resource === 'calendar') {
        const body = pick<CreateCalendarDay>(data, ['date', 'kind', 'occasion', 'name', 'legalRef']);
        const row = await api.request<CalendarDayRecord>('/calendar/days', {
          method: 'POST',
          body,
          errorContext: { subject: 'calendar', resource: 'calendar' },
        });
        return { data: { ...row, id: row.date } as unknown as ResultRecordType };
      }
      return unsupported(resource, 'create');
    },

    /** A procedure is never edited in place: saving its edit form adds a new version. */
    async update<RecordType extends RaRecord>(
      resource: string,
      params: { id: RecordType['id']; data: Partial<RecordType> },
    ) {
      if (resource === 'procedures') {
        const body = pick<ProcedureVersionInput>(params.data as Record<string, unknown>, VERSION_FIELDS);
        const procedure = await api.request<ProcedureDetail>(`${path('procedures', String(params.id))}/versions`, {
          method: 'POST',
          body,
          errorContext: { subject: 'procedure', resource: 'procedures' },
        });
        return { data: toProcedureRecord(procedure) as unknown as RecordType };
      }
      return unsupported(resource, 'update');
    },

    async delete<RecordType extends RaRecord>(
      resource: string,
      params: { id: RecordType['id']; previousData?: RecordType },
    ) {
      if (resource === 'calendar') {
        await api.request<void>(path('calendar', 'days', String(params.id)), {
          method: 'DELETE',
          errorContext: { subject: 'calendar' },
        });
        return { data: (params.previousData ?? { id: params.id }) as RecordType };
      }
      return unsupported(resource, 'delete');
    },

    getManyReference: (resource) => unsupported(resource, 'getManyReference'),
    updateMany: (resource) => unsupported(resource, 'updateMany'),
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

    getDossierReplay: (code) =>
      api.request<DossierReplay>(`${path('dossiers', code)}/replay`, { errorContext: { subject: 'dossier' } }),

    acceptDossier: async (code, input) =>
      toDossierRecord(
        await api.request<Dossier>(`${path('dossiers', code)}/accept`, {
          method: 'POST',
          body: input,
          errorContext: { subject: 'dossier', resource: 'dossiers' },
        }),
      ),

    overrideDossierStatus: async (code, input) =>
      toDossierRecord(
        await api.request<Dossier>(`${path('dossiers', code)}/status-override`, {
          method: 'POST',
          body: input,
          errorContext: { subject: 'dossier', resource: 'status_override' },
        }),
      ),

    getDossierForm: (code, form) =>
      api.requestFile(`${path('dossiers', code, 'forms', `${form}.pdf`)}`, { errorContext: { subject: 'form' } }),

    listDossierApologies: (code) =>
      api.request<DossierApologies>(`${path('dossiers', code)}/apologies`, { errorContext: { subject: 'dossier' } }),

    draftApology: (code, input) =>
      api.request<Apology>(`${path('dossiers', code)}/apologies`, {
        method: 'POST',
        body: input,
        errorContext: { subject: 'apology', resource: 'apologies' },
      }),

    approveApology: (id, input) =>
      api.request<Apology>(`${path('apologies', id)}/approve`, {
        method: 'POST',
        body: input,
        errorContext: { subject: 'apology', resource: 'apologies' },
      }),

    rejectApology: (id, input) =>
      api.request<Apology>(`${path('apologies', id)}/reject`, {
        method: 'POST',
        body: input,
        errorContext: { subject: 'apology', resource: 'apologies' },
      }),

    getApologyReport: (period) =>
      api.request<ApologyReport>(`/reports/apologies?${new URLSearchParams(period).toString()}`, {
        errorContext: { subject: 'other', resource: 'reports' },
      }),

    async getAtRiskDossiers() {
      const { data } = await api.request<AtRiskList>('/reports/at-risk', { errorContext: { subject: 'other' } });
      return data;
    },

    getRegisterPdf: (query) =>
      api.requestFile(
        `/reports/register.pdf?${new URLSearchParams(pick<Record<string, string>>(query, ['agency', 'from', 'to'])).toString()}`,
        { errorContext: { subject: 'other', resource: 'reports' } },
      ),

    getStatistics: (query) =>
      api.request<Statistics>(`/reports/statistics?${queryString(query)}`, {
        errorContext: { subject: 'other', resource: 'reports' },
      }),

    getStatisticsDossiers: (query) =>
      api.request<StatisticsDossierPage>(`/reports/statistics/dossiers?${queryString(query)}`, {
        errorContext: { subject: 'other', resource: 'reports' },
      }),

    getStatisticsFile: (query, format) =>
      api.requestFile(`/reports/statistics.${format}?${queryString(query)}`, {
        errorContext: { subject: 'other', resource: 'reports' },
      }),

    getIndex766: (query) =>
      api.request<Index766>(`/reports/index-766?${queryString(query)}`, {
        errorContext: { subject: 'other', resource: 'reports' },
      }),

    getDashboard: (query) =>
      api.request<Dashboard>(`/reports/dashboard?${queryString(query)}`, {
        errorContext: { subject: 'other', resource: 'dashboard' },
      }),

    getSatisfaction: (query) =>
      api.request<SatisfactionReport>(`/reports/satisfaction?${queryString(query)}`, {
        errorContext: { subject: 'other', resource: 'reports' },
      }),

    verifyTrail: () => api.request<TrailVerification>('/audit/trail/verify', { errorContext: { subject: 'other' } }),

    async listAgencies() {
      const { data } = await api.request<AgencyList>('/agencies', { errorContext: { subject: 'other' } });
      return data;
    },

    getCalendarYear: (year) =>
      api.request<CalendarYear>(path('calendar', year), { errorContext: { subject: 'calendar' } }),

    setProcedureActive: (code, active) =>
      api.request<ProcedureDetail>(path('procedures', code), {
        method: 'PATCH',
        body: { active },
        errorContext: { subject: 'procedure' },
      }),

    uploadFormTemplate: (code, version, input) =>
      api.request<FormTemplate>(`${path('procedures', code, 'versions', version)}/form-templates`, {
        method: 'POST',
        body: input,
        errorContext: { subject: 'procedure', resource: 'form_templates' },
      }),

    getFormTemplate: (template) =>
      // the catalogue gives the template's URL under /api; the client adds the prefix itself
      api.requestFile(template.url.replace(/^\/api(?=\/)/, ''), { errorContext: { subject: 'procedure' } }),

    async getProcessXml(key) {
      const { xml } = await api.request<ProcessXml>(`${path('processes', key)}/xml`, {
        errorContext: { subject: 'process' },
      });
      return xml;
    },

    deployProcess: (xml, comment) =>
      api.request<DeployedProcess>('/processes', {
        method: 'POST',
        body: { xml, ...(comment ? { comment } : {}) } satisfies DeployProcess,
        errorContext: { subject: 'process-deployment', resource: 'processes' },
      }),

    async getProcessDraft(key) {
      const { draft } = await api.request<ProcessDraftAnswer>(`${path('processes', key)}/draft`, {
        errorContext: { subject: 'process' },
      });
      return draft;
    },

    saveProcessDraft: (key, draft) =>
      api.request<ProcessDraftAnswer>(`${path('processes', key)}/draft`, {
        method: 'PUT',
        body: draft,
        errorContext: { subject: 'process-deployment', resource: 'processes' },
      }),

    listProcessVersions: (key) =>
      api.request<ProcessVersions>(`${path('processes', key)}/versions`, { errorContext: { subject: 'process' } }),

    async getProcessVersionXml(key, version) {
      const { xml } = await api.request<ProcessVersionXml>(path('processes', key, 'versions', version, 'xml'), {
        errorContext: { subject: 'process' },
      });
      return xml;
    },

    previewProcessMigration: (key, request) =>
      api.request<MigrationPreview>(`${path('processes', key)}/migrations/preview`, {
        method: 'POST',
        body: request,
        errorContext: { subject: 'process' },
      }),

    migrateProcessDossiers: (key, request) =>
      api.request<MigrationResult>(`${path('processes', key)}/migrations`, {
        method: 'POST',
        body: request,
        errorContext: { subject: 'process' },
      }),

    runReconciliation: () =>
      api.request<ReconciliationRun>('/reconciliation', { method: 'POST', errorContext: { subject: 'other' } }),
    lookupPublicDossier: (code) =>
      api.request<PublicDossier>(path('public', 'dossiers', code.trim()), {
        anonymous: true,
        errorContext: { subject: 'public-dossier' },
      }),

    async listPublicProcedures() {
      const { data } = await api.request<PublicProcedureList>('/public/procedures', {
        anonymous: true,
        errorContext: { subject: 'procedure' },
      });
      return data;
    },
  };
}
