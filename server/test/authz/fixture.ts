import type { FastifyInstance } from 'fastify';
import type { Role } from '@motcua/common';
import { dayNumberOf, toVietnamDate, vietnamInstant } from '@motcua/common/calendar';
import { DEMO_AGENCIES } from '@motcua/db';
import { ensureAccount, ensureOtherDistrict, OTHER_DISTRICT, PROVINCE_CODE } from '../helpers/accounts.js';
import { waitForDossier } from '../helpers/dossier-journey.js';
import { nextTask } from '../helpers/procedure-walk.js';
import { authHeader, DISTRICT_CODE, receiveDossier, tokenOf } from '../helpers/requests.js';
import { startTestWorkers } from '../helpers/workers.js';
import { CALLERS, type Caller, type Relation } from './expectations.js';

/**
 * What the authorization matrix calls the routes with: an officer of every role in the district
 * (Duy Xuyên), the province above it, the commune below it and another district; and one resource
 * of each kind the routes' paths name, all belonging to the district and made as officers make them,
 * over the API with the real engine and workers. PATH_PARAMETERS maps each path parameter to one of
 * them, QUERIES gives the routes that read a query a bad one and, where they need it, a valid one.
 */

/** The agency of each relation to the district. */
export const AGENCY_OF: Readonly<Record<Relation, string>> = {
  own: DISTRICT_CODE,
  parent: PROVINCE_CODE,
  child: DEMO_AGENCIES.commune.code,
  unrelated: OTHER_DISTRICT.code,
};

/** The account that stands for a caller of the matrix, e.g. `authz.parent.auditor`. */
export function usernameOf(caller: { role: Role; relation: Relation }): string {
  return `authz.${caller.relation}.${caller.role}`;
}

/** How a caller reads in a test name: "auditor of the parent agency (000.00.00.H41)". */
export function describeCaller(caller: Caller): string {
  if (caller === 'anonymous') return 'anonymous caller';
  return `${caller.role} of the ${caller.relation} agency (${AGENCY_OF[caller.relation]})`;
}

/** The district's resources the routes' paths name. */
export interface AuthzFixture {
  /** A dossier received complete, whose process waits at its first user task. */
  dossierCode: string;
  /** That open task. */
  taskId: string;
  /** A draft apology of the dossier, waiting for the leader. */
  apologyId: string;
  /** The dossier's procedure, and the version it is pinned to. */
  procedureCode: string;
  version: number;
  /** A form template attached to that version. */
  formTemplateId: string;
  /** The process key that version runs, owned by the district. */
  processKey: string;
  /** A row of the holiday calendar, and the year of the calendar asked for. */
  calendarDate: string;
  year: number;
  /** Today in Vietnam, for the reports' periods. */
  today: string;
}

/**
 * The value of each path parameter, keyed by the collection it follows in the path and its name
 * (`/api/tasks/{id}/claim` → `tasks/{id}`): the segment before a parameter says what it names.
 */
export const PATH_PARAMETERS: Readonly<Record<string, (fixture: AuthzFixture) => string>> = {
  'dossiers/{code}': (fixture) => fixture.dossierCode,
  'forms/{file}': () => 'receipt.pdf',
  'tasks/{id}': (fixture) => fixture.taskId,
  'apologies/{id}': (fixture) => fixture.apologyId,
  'procedures/{code}': (fixture) => fixture.procedureCode,
  'versions/{version}': (fixture) => String(fixture.version),
  'form-templates/{id}': (fixture) => fixture.formTemplateId,
  'processes/{key}': (fixture) => fixture.processKey,
  'resolve/{code}': () => DISTRICT_CODE,
  'calendar/{year}': (fixture) => String(fixture.year),
  'days/{date}': (fixture) => fixture.calendarDate,
  // an account of the district that the matrix's own callers do not depend on being unchanged
  'accounts/{username}': () => usernameOf({ role: 'receptionist', relation: 'own' }),
  'agencies/{code}': () => DISTRICT_CODE,
};

/** The PATH_PARAMETERS keys a path needs, in order. */
export function parameterKeys(path: string): string[] {
  return [...path.matchAll(/([^/]+)\/\{(\w+)\}/g)].map(([, collection, name]) => `${collection}/{${name}}`);
}

/** The path with each parameter replaced by its fixture value; throws saying what to add for an unknown one. */
export function concretePath(path: string, fixture: AuthzFixture): string {
  return path.replace(/([^/]+)\/\{(\w+)\}/g, (_match, collection: string, name: string) => {
    const value = PATH_PARAMETERS[`${collection}/{${name}}`];
    if (!value) throw new Error(`${path}: add '${collection}/{${name}}' to PATH_PARAMETERS in test/authz/fixture.ts`);
    return `${collection}/${encodeURIComponent(value(fixture))}`;
  });
}

/** Per route that reads a query: one that fails validation, and a valid one where the route requires it. */
export const QUERIES: Readonly<Record<string, { bad: string; valid?: (fixture: AuthzFixture) => string }>> = {
  'GET /api/dossiers': { bad: 'status=lost' },
  'GET /api/tasks': { bad: 'perPage=1000' },
  'GET /api/procedures': { bad: 'includeInactive=perhaps' },
  'GET /api/public/procedures': { bad: 'agencyCode=not-an-agency' },
  'GET /api/apologies': { bad: 'status=forgotten' },
  'GET /api/reconciliation': { bad: 'state=forgotten' },
  'GET /api/accounts': { bad: 'perPage=1000' },
  'GET /api/reports/apologies': {
    bad: 'from=yesterday&to=today',
    valid: (fixture) => `from=${fixture.today}&to=${fixture.today}`,
  },
  'GET /api/reports/satisfaction': {
    bad: `agencyCode=${DISTRICT_CODE}&from=2026-02-30&to=2026-03-01`,
    valid: (fixture) => `agencyCode=${DISTRICT_CODE}&from=${fixture.today}&to=${fixture.today}`,
  },
  'GET /api/reports/register': {
    bad: `agency=${DISTRICT_CODE}&from=2026-02-30&to=2026-03-01`,
    valid: (fixture) => `agency=${DISTRICT_CODE}&from=${fixture.today}&to=${fixture.today}`,
  },
  'GET /api/reports/register.pdf': {
    bad: `agency=${DISTRICT_CODE}&from=2026-02-30&to=2026-03-01`,
    valid: (fixture) => `agency=${DISTRICT_CODE}&from=${fixture.today}&to=${fixture.today}`,
  },
  ...Object.fromEntries(
    ['/statistics', '/statistics.xlsx', '/statistics.pdf', '/index-766'].map((path) => [
      `GET /api/reports${path}`,
      {
        bad: `agencyCode=${DISTRICT_CODE}&from=2026-02-30&to=2026-03-01`,
        valid: (fixture: AuthzFixture) => `agencyCode=${DISTRICT_CODE}&from=${fixture.today}&to=${fixture.today}`,
      },
    ]),
  ),
  'GET /api/reports/dashboard': { bad: 'perPage=1000' },
  'GET /api/reports/statistics/dossiers': {
    bad: `agencyCode=${DISTRICT_CODE}&from=2026-03-01&to=2026-03-31&figure=everything`,
    valid: (fixture) => `agencyCode=${DISTRICT_CODE}&from=${fixture.today}&to=${fixture.today}&figure=received`,
  },
};

/** A bad body for a route with a body schema: every body schema wants an object. */
export const NOT_AN_OBJECT = ['not', 'an', 'object'];
/** A bad body for a route without one: far over the 1 KiB such routes accept, so it is refused unread (413). */
export const OVERSIZED = { padding: 'x'.repeat(64 * 1024) };

/** A PDF as small as the content check lets through. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Creates the officers of every caller (once per database) and signs each in, so the cells need no login. */
async function prepareCallers(app: FastifyInstance): Promise<void> {
  await ensureOtherDistrict(app.db);
  for (const caller of CALLERS) {
    if (caller === 'anonymous') continue;
    await ensureAccount(app.db, {
      username: usernameOf(caller),
      fullName: 'Phan Văn Kiểm',
      roles: [caller.role],
      agencyCode: AGENCY_OF[caller.relation],
    });
    await tokenOf(app, usernameOf(caller));
  }
}

/** 09:00 in Vietnam on the first working day after `after`: a date an apology may promise. */
async function workingDayAfter(app: FastifyInstance, after: string): Promise<Date> {
  const { calendar } = await app.legalClock.setup();
  let day = dayNumberOf(new Date(after)) + 1;
  while (!calendar.isWorkingDay(day)) day += 1;
  return vietnamInstant(day, 9 * 60);
}

async function created<T>(what: string, response: { statusCode: number; body: string; json: () => T }): Promise<T> {
  if (response.statusCode !== 201) throw new Error(`${what}: ${response.statusCode} ${response.body}`);
  return response.json();
}

/**
 * The district's resources, made with the demo officers of the district and the province admin: a
 * dossier received at the counter and carried by the workers to its first task, an apology the
 * district's leader drafted for it, a form template on its procedure version, and the process key
 * that version runs, which the district owns.
 */
export async function prepareFixture(app: FastifyInstance): Promise<AuthzFixture> {
  await prepareCallers(app);
  const workers = startTestWorkers();
  try {
    const { code } = await receiveDossier(app);
    const dossier = await waitForDossier(app, code, (found) => found.dueAt !== null && found.status === 'in_progress');
    const open = await nextTask(app, code);
    if (!open) throw new Error(`dossier ${code} has no open task`);

    const apology = await created<{ id: string }>(
      'drafting the apology',
      await app.inject({
        method: 'POST',
        url: `/api/dossiers/${code}/apologies`,
        headers: await authHeader(app, 'leader'),
        payload: {
          reason: 'Chờ ý kiến của Sở Xây dựng về chỉ giới xây dựng',
          newDueAt: (await workingDayAfter(app, dossier.dueAt!)).toISOString(),
        },
      }),
    );

    const { procedureVersion, procedure } = await app.db.dossier.findUniqueOrThrow({
      where: { code },
      include: { procedureVersion: true, procedure: true },
    });
    const template = await created<{ id: string }>(
      'uploading the form template',
      await app.inject({
        method: 'POST',
        url: `/api/procedures/${procedure.code}/versions/${procedureVersion.version}/form-templates`,
        headers: await authHeader(app, 'admin'),
        payload: {
          name: 'Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01)',
          fileName: 'mau-01.pdf',
          mediaType: 'application/pdf',
          contentBase64: PDF.toString('base64'),
        },
      }),
    );

    const { processKey } = procedureVersion;
    // the seed registers the agency of a shipped procedure as the owner of the process it runs
    const owner = await app.db.processOwner.findUnique({ where: { processKey }, include: { agency: true } });
    if (owner?.agency.code !== DISTRICT_CODE) {
      throw new Error(`process ${processKey} is owned by ${owner?.agency.code ?? 'nobody'}, not by the district`);
    }

    const { date } = await app.db.calendarDay.findFirstOrThrow({ orderBy: { date: 'asc' } });
    const today = toVietnamDate(new Date());
    return {
      dossierCode: code,
      taskId: open.task.id,
      apologyId: apology.id,
      procedureCode: procedure.code,
      version: procedureVersion.version,
      formTemplateId: template.id,
      processKey,
      calendarDate: date,
      year: Number(today.slice(0, 4)),
      today,
    };
  } finally {
    await workers.stop();
  }
}
