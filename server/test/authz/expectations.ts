import { ROLES, type Role } from '@motcua/common';

/**
 * The authorization matrix as data: for every route of the API, which roles may call it and, where
 * the route acts on a resource of an agency, which callers see that resource and which may do what
 * the route does to it. The cell for one caller is derived by `expectedStatus`; the test
 * (authz-matrix.test.ts) runs every cell against the real app and fails on a route of the OpenAPI
 * document that is missing here, or a route here that the document no longer has.
 *
 * The resources are the district's (Duy Xuyên, see fixture.ts); the caller's agency is the district
 * itself (own), the province above it (parent), the commune below it (child) or another district
 * (unrelated). What a Vietnamese official expects, and so what the table says:
 *
 * 1. The role decides first: a role the route does not admit gets 403 whatever it sends, before the
 *    body is read (plugins/auth.ts); without a token, 401 on every route but the public ones.
 * 2. A dossier, and what hangs on it (its open task, its apologies, forms, history), is seen by its
 *    own agency, and by the agencies above it for oversight (regulation Art. 4.2d) — but there only
 *    by the leaders, auditors and the admin unit: a province receptionist or specialist works the
 *    province's own counter and has no need of a district applicant's personal data. An agency below
 *    (the commune: it sees its own dossiers, not its district's, unless it is a transfer partner) and
 *    an unrelated agency are told the dossier does not exist: 404.
 * 3. Working a dossier (accept it, claim or complete its task, draft or decide its apology) is for
 *    the agency that handles it only: the province, which sees it, gets 403.
 * 4. A status change outside the flow needs the direction of the Provincial People's Committee
 *    (regulation Art. 5.3): the district's and the province's leaders and admins may record one.
 * 5. The procedure catalogue is public (the public routes serve it to anyone), so every officer
 *    reads any procedure; the admin unit of the owning agency and of the agencies above it edits it
 *    (regulation Art. 5.1, 9.2). Another agency's admin sees the procedure, so is refused with 403.
 * 6. A process key belongs to the agency whose procedures run it (ProcessOwner): the admins of that
 *    agency's subtree read and deploy its diagram; to another admin its diagram does not exist (404),
 *    as for a key claimed by a deployment that no catalogue lists (services/process-service.ts).
 * 7. The holiday calendar is one for the whole province: only an admin of a root agency changes it.
 * 8. A check on a resource named in the path runs with the role check, before the body is read (the
 *    routes' guard): a caller refused there gets 404 or 403 even with a bad body. A check on an
 *    agency named in the body or the query can only run after validation, so a bad request is 400
 *    for every admitted role, and only a valid one meets the agency check.
 * 9. Lists and reports without a resource in the path answer 200 to every admitted role; what they
 *    contain is scoped to the caller's agency, which this matrix does not look at.
 * 10. The admin unit manages the accounts and the agencies of its own agency and of those below it
 *    (regulation Art. 9.1): to an admin of any other agency, the child and another district included,
 *    such an account or agency does not exist (404), even though the agency directory lists it.
 */

/** How the caller's agency stands to the district that owns the fixture's resources. */
export const RELATIONS = ['own', 'parent', 'child', 'unrelated'] as const;
export type Relation = (typeof RELATIONS)[number];

/** Per relation, the roles that pass; a relation left out: nobody of that agency. */
export type Reach = Partial<Record<Relation, readonly Role[]>>;

/** An agency check on top of the role check. */
export interface AgencyRule {
  /** Who sees the resource; anyone else is told it does not exist (404). */
  sees: Reach;
  /** Who may do what the route does; those who see the resource but are not here get 403. */
  may: Reach;
  /** Before the body: the resource is named in the path. After validation: in the query or the body. */
  checked: 'before the body' | 'after validation';
  why: string;
}

/** What the table says about one route. */
export interface RouteExpectation {
  /** The roles the route admits (they must be the roles the route declares), or anyone. */
  roles: readonly Role[] | 'public';
  /** Absent: role-level only, every agency is answered alike. */
  agency?: AgencyRule;
  /** Why the route is role-level only when that is not obvious. */
  why?: string;
}

const EVERY_ROLE: readonly Role[] = ROLES;
/** The roles that oversee the agencies below their own (regulation Art. 4.2d). */
const OVERSIGHT: readonly Role[] = ['leader', 'auditor', 'admin'];
const EVERY_AGENCY: Reach = { own: EVERY_ROLE, parent: EVERY_ROLE, child: EVERY_ROLE, unrelated: EVERY_ROLE };
const TASK_ROLES: readonly Role[] = ['receptionist', 'specialist', 'leader', 'admin'];

/** Principle 2: the district's officers and the province's oversight roles. */
const DOSSIER_READERS: Reach = { own: EVERY_ROLE, parent: OVERSIGHT };

/** Reading a dossier or what hangs on it (principle 2). */
const READ_DOSSIER: AgencyRule = {
  sees: DOSSIER_READERS,
  may: DOSSIER_READERS,
  checked: 'before the body',
  why: 'the district and the province’s oversight (Art. 4.2d); the commune and another district do not see it',
};

/** Working a dossier (principle 3). */
const WORK_DOSSIER: AgencyRule = {
  sees: DOSSIER_READERS,
  may: { own: EVERY_ROLE },
  checked: 'before the body',
  why: 'only the handling agency works its dossiers; the province oversees them but does not act',
};

/**
 * The group the fixture's task is offered to: the first step of the district's procedure, which the
 * specialists take (processes/house-construction-permit.bpmn). A claim is for that group only.
 */
const FIRST_STEP_ROLES: readonly Role[] = ['specialist'];
/** Releasing or completing a task needs its holder, and nobody holds the fixture's task: 403 to all who see it. */
const HELD_BY_NOBODY = 'only the officer holding a task releases or completes it, and nobody holds the fixture’s task';

/** Editing the catalogue (principle 5). */
const EDIT_CATALOGUE: AgencyRule = {
  sees: EVERY_AGENCY,
  may: { own: EVERY_ROLE, parent: EVERY_ROLE },
  checked: 'before the body',
  why: 'the admin unit of the owning agency or above (Art. 5.1, 9.2); the public catalogue shows it to all',
};

/** The province-wide calendar (principle 7): of the four agencies, only the province is a root. */
const EDIT_CALENDAR: AgencyRule = {
  sees: EVERY_AGENCY,
  may: { parent: EVERY_ROLE },
  checked: 'before the body',
  why: 'the calendar moves every agency’s appointments: an admin of the province (a root agency) only',
};

/** The register of the district (principles 2 and 8). */
const DISTRICT_REGISTER: AgencyRule = {
  sees: EVERY_AGENCY,
  may: { own: EVERY_ROLE, parent: OVERSIGHT },
  checked: 'after validation',
  why: 'it lists applicants: the district and the province’s oversight; the agency is in the query',
};

/** A process key's versions and their diagrams (principle 6): its owner's subtree reads them. */
const READ_PROCESS: AgencyRule = {
  sees: { own: EVERY_ROLE, parent: EVERY_ROLE },
  may: { own: EVERY_ROLE, parent: EVERY_ROLE },
  checked: 'before the body',
  why: 'the versions of a diagram are read by the admins of its owner’s subtree; to others the key does not exist',
};

/** A process key's draft (principle 6): edited by the admins who may deploy the key. */
const EDIT_PROCESS: AgencyRule = {
  ...READ_PROCESS,
  why: 'a draft is deployed by the admins of its owner’s subtree, who alone see it; to others the key does not exist',
};

/** The statistics and the Decision 766 index of the district's subtree (principles 2 and 8). */
const DISTRICT_STATISTICS: AgencyRule = {
  sees: EVERY_AGENCY,
  may: { own: OVERSIGHT, parent: OVERSIGHT },
  checked: 'after validation',
  why: 'counts of the district’s subtree, for its oversight and the province’s; the agency is in the query',
};

/** Accounts and agencies of the district, as the admin unit manages them (principle 10). */
const MANAGE_SUBTREE: AgencyRule = {
  sees: { own: EVERY_ROLE, parent: EVERY_ROLE },
  may: { own: EVERY_ROLE, parent: EVERY_ROLE },
  checked: 'before the body',
  why: 'the admins of the district and of the province above it manage it; to other admins it does not exist',
};

/** Every route of the API, as `METHOD /path` with the OpenAPI document's `{param}` placeholders. */
export const EXPECTATIONS: Readonly<Record<string, RouteExpectation>> = {
  'POST /api/auth/login': { roles: 'public' },
  'GET /api/public/dossiers/{code}': { roles: 'public', why: 'the citizen’s lookup by the code on the receipt' },
  'POST /api/public/dossiers/{code}/rating': {
    roles: 'public',
    why: 'the applicant rates with the code and the last phone digits given at reception (docs/legal.md §7)',
  },
  'GET /api/public/procedures': { roles: 'public' },
  'GET /api/public/procedures/{code}': { roles: 'public' },
  'GET /api/public/procedures/{code}/form-templates/{id}': { roles: 'public' },

  'GET /api/me': { roles: EVERY_ROLE },
  'POST /api/auth/change-password': { roles: EVERY_ROLE, why: 'every officer changes their own password' },
  'GET /api/accounts': { roles: ['admin'], why: 'scoped to the caller’s subtree; an agency in the query is checked after validation' },
  'POST /api/accounts': { roles: ['admin'], why: 'the account’s agency is in the body, checked after validation' },
  'GET /api/accounts/{username}': { roles: ['admin'], agency: MANAGE_SUBTREE },
  'PATCH /api/accounts/{username}': { roles: ['admin'], agency: MANAGE_SUBTREE },
  'POST /api/accounts/{username}/reset-password': { roles: ['admin'], agency: MANAGE_SUBTREE },
  'POST /api/agencies': { roles: ['admin'], why: 'the parent agency is in the body, checked after validation' },
  'PATCH /api/agencies/{code}': { roles: ['admin'], agency: MANAGE_SUBTREE },
  'GET /api/agencies': { roles: EVERY_ROLE },
  'GET /api/agencies/resolve/{code}': {
    roles: EVERY_ROLE,
    why: 'the agency directory: every officer names agencies (transfer partners, old codes)',
  },
  'GET /api/calendar/{year}': { roles: EVERY_ROLE, why: 'the legal clock is public law, the same for all' },
  'POST /api/calendar/days': { roles: ['admin'], agency: EDIT_CALENDAR },
  'DELETE /api/calendar/days/{date}': { roles: ['admin'], agency: EDIT_CALENDAR },

  'GET /api/dossiers': { roles: EVERY_ROLE },
  'POST /api/dossiers': {
    roles: ['receptionist', 'admin'],
    why: 'received at the caller’s own counter: the procedure, in the body, is checked after validation',
  },
  'GET /api/dossiers/{code}': { roles: EVERY_ROLE, agency: READ_DOSSIER },
  'POST /api/dossiers/{code}/accept': { roles: ['receptionist', 'admin'], agency: WORK_DOSSIER },
  'POST /api/dossiers/{code}/status-override': {
    roles: ['leader', 'admin'],
    agency: {
      sees: DOSSIER_READERS,
      may: DOSSIER_READERS,
      checked: 'before the body',
      why: 'Art. 5.3: such a change needs the province’s direction, so the province may record it too',
    },
  },
  'GET /api/dossiers/{code}/history': { roles: ['auditor', 'leader', 'admin'], agency: READ_DOSSIER },
  'GET /api/dossiers/{code}/replay': { roles: ['auditor', 'leader', 'admin'], agency: READ_DOSSIER },
  'GET /api/dossiers/{code}/forms/{file}': { roles: EVERY_ROLE, agency: READ_DOSSIER },
  'GET /api/dossiers/{code}/control-sheet': { roles: EVERY_ROLE, agency: READ_DOSSIER },
  'GET /api/dossiers/{code}/apologies': { roles: EVERY_ROLE, agency: READ_DOSSIER },
  'POST /api/dossiers/{code}/apologies': {
    roles: ['specialist', 'leader', 'receptionist'],
    agency: {
      ...WORK_DOSSIER,
      why: 'the handling agency apologises; whether the caller holds the dossier comes after',
    },
  },

  'GET /api/tasks': { roles: TASK_ROLES },
  'POST /api/tasks/{id}/claim': {
    roles: TASK_ROLES,
    agency: {
      ...WORK_DOSSIER,
      may: { own: FIRST_STEP_ROLES },
      why: 'the handling agency works it, and of it only the group the task is offered to: the fixture’s task waits in the specialists’ queue',
    },
  },
  'POST /api/tasks/{id}/unclaim': { roles: TASK_ROLES, agency: { ...WORK_DOSSIER, may: {}, why: HELD_BY_NOBODY } },
  'POST /api/tasks/{id}/complete': { roles: TASK_ROLES, agency: { ...WORK_DOSSIER, may: {}, why: HELD_BY_NOBODY } },

  'GET /api/apologies': { roles: ['leader', 'specialist', 'receptionist', 'auditor', 'admin'] },
  'POST /api/apologies/{id}/approve': {
    roles: ['leader'],
    agency: { ...WORK_DOSSIER, why: 'the head of the handling agency signs the letter (docs/legal.md §6)' },
  },
  'POST /api/apologies/{id}/reject': {
    roles: ['leader'],
    agency: { ...WORK_DOSSIER, why: 'the head of the handling agency signs the letter (docs/legal.md §6)' },
  },

  'GET /api/reports/apologies': {
    roles: ['leader', 'auditor', 'admin'],
    why: 'counts per agency of the caller’s subtree, without personal data',
  },
  'GET /api/reports/at-risk': { roles: ['specialist', 'leader', 'receptionist'] },
  'GET /api/reports/satisfaction': {
    roles: ['leader', 'auditor', 'admin'],
    agency: {
      sees: EVERY_AGENCY,
      may: { own: EVERY_ROLE, parent: EVERY_ROLE },
      checked: 'after validation',
      why: 'the ratings of the caller’s agency and the agencies below it; the agency is in the query',
    },
  },
  'GET /api/reports/register': { roles: ['receptionist', 'leader', 'auditor', 'admin'], agency: DISTRICT_REGISTER },
  'GET /api/reports/register.pdf': {
    roles: ['receptionist', 'leader', 'auditor', 'admin'],
    agency: DISTRICT_REGISTER,
  },
  'GET /api/reports/statistics': { roles: OVERSIGHT, agency: DISTRICT_STATISTICS },
  'GET /api/reports/statistics/dossiers': { roles: OVERSIGHT, agency: DISTRICT_STATISTICS },
  'GET /api/reports/statistics.xlsx': { roles: OVERSIGHT, agency: DISTRICT_STATISTICS },
  'GET /api/reports/statistics.pdf': { roles: OVERSIGHT, agency: DISTRICT_STATISTICS },
  'GET /api/reports/index-766': { roles: OVERSIGHT, agency: DISTRICT_STATISTICS },
  'GET /api/reports/dashboard': {
    roles: OVERSIGHT,
    why: 'the caller’s own agency subtree, under the dossier list’s access rule; no agency is named',
  },

  'GET /api/procedures': { roles: EVERY_ROLE },
  'POST /api/procedures': {
    roles: ['admin'],
    why: 'the agency the procedure belongs to is in the body, checked after validation',
  },
  'GET /api/procedures/{code}': { roles: EVERY_ROLE, why: 'the catalogue is public; partner agencies need it' },
  'PATCH /api/procedures/{code}': { roles: ['admin'], agency: EDIT_CATALOGUE },
  'POST /api/procedures/{code}/versions': { roles: ['admin'], agency: EDIT_CATALOGUE },
  'POST /api/procedures/{code}/versions/{version}/form-templates': { roles: ['admin'], agency: EDIT_CATALOGUE },
  'GET /api/procedures/{code}/versions/{version}/form-templates/{id}': {
    roles: EVERY_ROLE,
    why: 'a form template is a public document of the catalogue',
  },

  'GET /api/audit/trail/verify': {
    roles: ['auditor', 'admin'],
    why: 'one chain per table for the whole database; the answer carries row numbers and hashes, no content',
  },
  'GET /api/reconciliation': {
    roles: ['admin'],
    why: 'scoped to the caller: findings about the dossiers it sees, orphan processes to a root agency only',
  },
  'POST /api/reconciliation': {
    roles: ['admin'],
    why: 'the pass repairs only what is safe, system-wide; its answer is scoped like the list',
  },

  'POST /api/processes': {
    roles: ['admin'],
    why: 'the process key is in the diagram, in the body: its owner is checked after validation',
  },
  'POST /api/processes/validate': {
    roles: ['admin'],
    why: 'deploys nothing and reads no process: the diagram is checked against the rules, candidate groups against the caller’s own subtree',
  },
  'GET /api/processes/{key}/xml': {
    roles: ['admin'],
    agency: {
      sees: { own: EVERY_ROLE, parent: EVERY_ROLE },
      may: { own: EVERY_ROLE, parent: EVERY_ROLE },
      checked: 'before the body',
      why: 'the diagram is opened to be edited by the admins of its owner’s subtree; to others it does not exist',
    },
  },
  'GET /api/processes/{key}/versions': { roles: ['admin'], agency: READ_PROCESS },
  'GET /api/processes/{key}/versions/{version}/xml': { roles: ['admin'], agency: READ_PROCESS },
  'GET /api/processes/{key}/draft': { roles: ['admin'], agency: EDIT_PROCESS },
  'PUT /api/processes/{key}/draft': { roles: ['admin'], agency: EDIT_PROCESS },
  'POST /api/processes/{key}/migrations/preview': { roles: ['admin'], agency: EDIT_PROCESS },
  'POST /api/processes/{key}/migrations': { roles: ['admin'], agency: EDIT_PROCESS },
};

/** Who calls: an officer of one role whose agency stands in one relation to the district, or nobody signed in. */
export type Caller = { role: Role; relation: Relation } | 'anonymous';

/** Every caller of the matrix: each role in each relation, and the anonymous caller. */
export const CALLERS: readonly Caller[] = [
  ...RELATIONS.flatMap((relation) => ROLES.map((role) => ({ role, relation }))),
  'anonymous',
];

function reaches(reach: Reach, caller: { role: Role; relation: Relation }): boolean {
  return reach[caller.relation]?.includes(caller.role) ?? false;
}

/**
 * The status the table expects for a caller's request: `passes` is what a caller who gets through
 * every check is answered (400 or 413 for a bad request, 200 for a valid read).
 */
export function expectedStatus(
  route: RouteExpectation,
  caller: Caller,
  request: { valid: boolean; passes: number },
): number {
  if (route.roles === 'public') return request.passes;
  if (caller === 'anonymous') return 401;
  if (!route.roles.includes(caller.role)) return 403;
  const { agency } = route;
  if (agency && (agency.checked === 'before the body' || request.valid)) {
    if (!reaches(agency.sees, caller)) return 404;
    if (!reaches(agency.may, caller)) return 403;
  }
  return request.passes;
}
