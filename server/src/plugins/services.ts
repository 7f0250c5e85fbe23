import fp from 'fastify-plugin';
import { createDb, type Db } from '@motcua/db';
import { createEngineClient, EngineError, type EngineClient } from '@motcua/common/engine';
import { syncInstanceTasks } from '@motcua/domain';
import type { Config } from '../config.js';
import { createAccountRepository } from '../repositories/account-repository.js';
import { createAgencyRepository, type AgencyRepository } from '../repositories/agency-repository.js';
import { createAuditRepository } from '../repositories/audit-repository.js';
import { createProcessOwnerRepository } from '../repositories/process-owner-repository.js';
import { createProcessDesignRepository } from '../repositories/process-design-repository.js';
import { createDossierRepository } from '../repositories/dossier-repository.js';
import { createTaskRepository } from '../repositories/task-repository.js';
import { createProcedureRepository } from '../repositories/procedure-repository.js';
import { createAccountService, type AccountService } from '../services/account-service.js';
import { createAccountAdminService, type AccountAdminService } from '../services/account-admin-service.js';
import { createAgencyAdminService, type AgencyAdminService } from '../services/agency-admin-service.js';
import { createDossierService, timelinessSource, type DossierService } from '../services/dossier-service.js';
import { createLegalClockService, type LegalClockService } from '../services/legal-clock-service.js';
import { createCalendarRepository } from '../repositories/calendar-repository.js';
import { createCalendarService, type CalendarService } from '../services/calendar-service.js';
import { loadCalendarDays } from '@motcua/db/calendar-days';
import { createHistoryService, type HistoryService } from '../services/history-service.js';
import { createReplayService, type ReplayService } from '../services/replay-service.js';
import { createProcessService, type ProcessService } from '../services/process-service.js';
import {
  createDiagramValidationService,
  type DiagramValidationService,
} from '../services/diagram-validation-service.js';
import { createProcedureLegalTimeRepository } from '../repositories/procedure-legal-time-repository.js';
import { createProcedureService, type ProcedureService } from '../services/procedure-service.js';
import { createTaskService, type TaskService } from '../services/task-service.js';
import { createApologyRepository } from '../repositories/apology-repository.js';
import { createReportRepository } from '../repositories/report-repository.js';
import { createApologyService, createEngineDueDates, type ApologyService } from '../services/apology-service.js';
import { createControlSheetService } from '../services/control-sheet-service.js';
import { createFormsService, type FormsService } from '../services/forms-service.js';
import { createRegisterService, type RegisterService } from '../services/register-service.js';
import { createStatisticsRepository } from '../repositories/statistics-repository.js';
import { createStatisticsService, type StatisticsService } from '../services/statistics-service.js';
import { createHeavyReportLimit, withHeavyReportSlots, type HeavyReportLimit } from '../services/heavy-report-limit.js';
import { createIndex766Service, type Index766Service } from '../services/index-766-service.js';
import {
  createReconciliationService,
  type ReconciliationService,
} from '../services/reconciliation-service.js';
import { createSatisfactionService, type SatisfactionService } from '../services/satisfaction-service.js';
import { createDashboardRepository } from '../repositories/dashboard-repository.js';
import { createDashboardService, type DashboardService } from '../services/dashboard-service.js';
import type { TokenPayload } from '../schemas/auth.js';

/**
 * Our decorators: the configuration, the database client, the engine client, and the
 * repositories and services the route handlers call. The database is disconnected when the
 * app closes.
 */
declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Db;
    engine: EngineClient;
    accounts: AccountService;
    accountAdmin: AccountAdminService;
    agencyAdmin: AgencyAdminService;
    procedures: ProcedureService;
    agencies: AgencyRepository;
    legalClock: LegalClockService;
    calendar: CalendarService;
    dossiers: DossierService;
    tasks: TaskService;
    history: HistoryService;
    replays: ReplayService;
    processes: ProcessService;
    diagrams: DiagramValidationService;
    apologies: ApologyService;
    forms: FormsService;
    registers: RegisterService;
    statistics: StatisticsService;
    /** The heavy reports computed now, and how many may be at once (HEAVY_REPORTS_AT_ONCE). */
    heavyReports: HeavyReportLimit;
    index766: Index766Service;
    reconciliation: ReconciliationService;
    satisfaction: SatisfactionService;
    dashboard: DashboardService;
  }
}

/**
 * The engine client, with network failures (refused connection, timeout) reported as an
 * EngineError with status 503 so the error handler can tell "engine down" from "engine said no".
 */
function reportingUnreachable(client: EngineClient): EngineClient {
  return Object.fromEntries(
    Object.entries(client).map(([name, call]) => [
      name,
      async (...args: unknown[]) => {
        try {
          return await (call as (...args: unknown[]) => Promise<unknown>)(...args);
        } catch (error) {
          if (error instanceof EngineError) throw error;
          throw new EngineError(`engine unreachable: ${error instanceof Error ? error.message : String(error)}`, 503);
        }
      },
    ]),
  ) as EngineClient;
}

export default fp(
  async function services(fastify, options: { config: Config }) {
    const { config } = options;
    const db = createDb(config.DATABASE_URL, { max: config.DATABASE_POOL_SIZE });
    fastify.addHook('onClose', async () => {
      await db.$disconnect();
    });
    const engine = reportingUnreachable(
      createEngineClient({ baseUrl: config.ENGINE_URL, user: config.ENGINE_USER, password: config.ENGINE_PASSWORD }),
    );

    const agencies = createAgencyRepository(db);
    const accountRepository = createAccountRepository(db);
    const procedures = createProcedureRepository(db);
    const dossierRepository = createDossierRepository(db);
    const taskRepository = createTaskRepository(db);
    const audit = createAuditRepository(db);

    fastify.decorate('config', config);
    fastify.decorate('db', db);
    fastify.decorate('engine', engine);
    fastify.decorate(
      'accounts',
      createAccountService({
        accounts: accountRepository,
        audit,
        loginFailuresPerMinute: config.RATE_LIMIT_LOGIN_FAILURES_PER_MINUTE,
      }),
    );
    fastify.decorate('agencies', agencies);
    fastify.decorate(
      'accountAdmin',
      createAccountAdminService({
        accounts: accountRepository,
        agencies,
        forgetTokenState: (username) => fastify.accounts.forgetTokenState(username),
      }),
    );
    fastify.decorate(
      'agencyAdmin',
      createAgencyAdminService({ agencies, forgetTokenStates: () => fastify.accounts.forgetAllTokenStates() }),
    );
    const legalClock = createLegalClockService({ loadDays: () => loadCalendarDays(db), settings: config });
    fastify.decorate('legalClock', legalClock);
    fastify.decorate(
      'calendar',
      createCalendarService({ calendar: createCalendarRepository(db), agencies, legalClock }),
    );
    const timeliness = timelinessSource(() => legalClock.clock());
    fastify.decorate(
      'dossiers',
      createDossierService({
        engine,
        agencies,
        procedures,
        dossiers: dossierRepository,
        timeliness,
        log: fastify.log,
        publicBaseUrl: config.PUBLIC_BASE_URL,
        projectTasks: (processInstanceId) => syncInstanceTasks(db, engine, processInstanceId),
      }),
    );
    fastify.decorate(
      'tasks',
      createTaskService({
        engine,
        db,
        dossiers: dossierRepository,
        tasks: taskRepository,
        agencies,
        timeliness,
        log: fastify.log,
      }),
    );
    fastify.decorate('history', createHistoryService({ engine, dossiers: dossierRepository }));
    const diagrams = createDiagramValidationService({
      agencies,
      legalTimes: createProcedureLegalTimeRepository(db),
      legalClock,
    });
    fastify.decorate('diagrams', diagrams);
    const processes = createProcessService({
      audit,
      engine,
      agencies,
      owners: createProcessOwnerRepository(db),
      designs: createProcessDesignRepository(db),
      lint: diagrams,
    });
    fastify.decorate('processes', processes);
    fastify.decorate('procedures', createProcedureService({ agencies, procedures, processes, engine }));
    const heavyReports = createHeavyReportLimit({ atOnce: config.HEAVY_REPORTS_AT_ONCE });
    fastify.decorate('heavyReports', heavyReports);
    const reports = withHeavyReportSlots(heavyReports, createReportRepository(db), [
      'register',
      'registerEntriesJson',
      'atRiskCandidates',
    ]);
    fastify.decorate(
      'replays',
      createReplayService({ engine, dossiers: dossierRepository, reports, clock: () => legalClock.clock() }),
    );
    const accessOf = (caller: TokenPayload) => fastify.dossiers.accessOf(caller);
    fastify.decorate(
      'apologies',
      createApologyService({
        apologies: createApologyRepository(db),
        reports,
        agencies,
        engine,
        engineDueDates: createEngineDueDates(engine, undefined, (processInstanceId) =>
          syncInstanceTasks(db, engine, processInstanceId),
        ),
        clock: () => legalClock.setup(),
        accessOf,
        log: fastify.log,
        publicBaseUrl: config.PUBLIC_BASE_URL,
      }),
    );
    fastify.decorate(
      'forms',
      createFormsService({
        dossiers: dossierRepository,
        reports,
        controlSheets: createControlSheetService({ engine, reports, clock: () => legalClock.clock() }),
        publicBaseUrl: config.PUBLIC_BASE_URL,
      }),
    );
    fastify.decorate('registers', createRegisterService({ agencies, reports, accessOf }));
    const statistics = createStatisticsService({
      agencies,
      reports,
      statistics: withHeavyReportSlots(heavyReports, createStatisticsRepository(db), [
        'counts',
        'dossiers',
        'averageDays',
      ]),
    });
    fastify.decorate('statistics', statistics);
    fastify.decorate('index766', createIndex766Service({ statistics, agencies, db }));
    fastify.decorate(
      'dashboard',
      createDashboardService({
        dashboard: createDashboardRepository(db),
        tasks: taskRepository,
        statistics,
        timeliness,
        accessOf,
      }),
    );
    fastify.decorate('satisfaction', createSatisfactionService({ db, agencies, audit }));
    fastify.decorate(
      'reconciliation',
      createReconciliationService({ db, engine, graceMs: config.RECONCILE_GRACE_MS }),
    );
  },
  { name: 'motcua-services' },
);
