import { ACCESS, candidateGroupsOf, type Role } from '@motcua/common';
import type { EngineClient } from '@motcua/common/engine';
import { Prisma } from '@motcua/db';
import { ForbiddenError, NotFoundError } from './errors.js';
import type { DbClient } from './events.js';

/**
 * Who may see a dossier, who may act on it, and who handles it now: the rules behind every read of
 * dossiers on the server, behind the server's route guards, and behind the handler the workers'
 * at-risk scan names.
 *
 * Seeing: every officer of the dossier's own agencies (the one that received it, the one whose
 * procedure it is); the leaders, auditors and admins of every agency above them, who oversee the
 * agencies below their own (regulation Art. 4.2d; ACCESS.dossiers.oversee) — a receptionist or
 * specialist works their own counter and has no need of another agency's applicants; and the officers
 * of a partner agency the dossier was transferred to (liên thông), while there and afterwards. Anyone
 * else is told the dossier does not exist. The rule is written twice, side by side below, because the
 * database is asked in two languages: as a Prisma where-fragment for the ordinary reads, and as SQL
 * for the queries Prisma cannot write (domain/test/access.test.ts checks that both select the same
 * dossiers, for every role in every relation to the dossier).
 *
 * Acting, on a dossier one sees (`mayActOn`): working it (accepting it, apologising, deciding on an
 * apology) is for the officers of its own agencies only; a change outside the flow (Art. 5.3) for
 * them and for the oversight above them, never for a partner agency. Refused, the caller sees the
 * dossier, so the answer is 403, not 404.
 *
 * Handling: the engine knows who holds a dossier now: the assignee of an open user task, or, while
 * nobody has claimed it, the officers of the task's candidate groups (`<role>:<agency code>`). A leader
 * of the agency that resolves the dossier answers for all its dossiers and counts as their handler.
 */

/** The officer asking, as their token names them. */
export interface Officer {
  /** The username. */
  sub: string;
  roles: readonly Role[];
  agencyCode: string;
}

/** Who asks, for the dossiers: the agencies whose dossiers they see, and their own agency. */
export interface DossierAccess {
  /** The officer's own agency, and for an oversight role every agency below it too. */
  agencyIds: string[];
  /** The officer's own agency: it works its dossiers, and sees those transferred to it as a partner. */
  ownAgencyId?: string;
  /**
   * True when agencyIds holds every agency (the oversight of the root, the province): every dossier
   * is seen, and the SQL form of the rule is no condition at all, so a query is served by an index
   * on what it filters and orders by alone.
   */
  seesEveryAgency?: boolean;
}

/** Whether one of the roles oversees the dossiers of the agencies below the officer's own (Art. 4.2d). */
export function oversees(roles: readonly Role[]): boolean {
  const overseers: readonly Role[] = ACCESS.dossiers.oversee;
  return roles.some((role) => overseers.includes(role));
}

/** The ids of the agency with this code and of every agency below it; empty when the code is unknown. */
export async function agencySubtreeIds(db: DbClient, code: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE subtree AS (
      SELECT id FROM "Agency" WHERE code = ${code}
      UNION
      SELECT child.id FROM "Agency" child JOIN subtree ON child."parentId" = subtree.id
    )
    SELECT id::text AS id FROM subtree`;
  return rows.map((row) => row.id);
}

/** What the officer may see of the dossiers (see the module comment); nothing when their agency is unknown. */
export async function dossierAccessOf(
  db: DbClient,
  officer: Pick<Officer, 'agencyCode' | 'roles'>,
): Promise<DossierAccess> {
  const overseer = oversees(officer.roles);
  const [own, subtree, agencyCount] = await Promise.all([
    db.agency.findUnique({ where: { code: officer.agencyCode }, select: { id: true } }),
    overseer ? agencySubtreeIds(db, officer.agencyCode) : undefined,
    overseer ? db.agency.count() : undefined,
  ]);
  if (!own) return { agencyIds: [] };
  const agencyIds = subtree ?? [own.id];
  // An agency added between the two reads makes the counts differ: the full rule then, never a wider one.
  return { agencyIds, ownAgencyId: own.id, ...(agencyIds.length === agencyCount ? { seesEveryAgency: true } : {}) };
}

/** The dossiers this access may see, as a Prisma where-fragment on `Dossier` (no condition when it sees every agency, as in the SQL form). */
export function accessibleDossiers(access: DossierAccess): Prisma.DossierWhereInput {
  if (access.seesEveryAgency) return {};
  return {
    OR: [
      { agencyId: { in: access.agencyIds } },
      { procedure: { agencyId: { in: access.agencyIds } } },
      ...(access.ownAgencyId ? [{ transfers: { some: { toAgencyId: access.ownAgencyId } } }] : []),
    ],
  };
}

/** A dossier row with what the access rule reads: its agencies and its transfers. */
export interface DossierWithTransfers extends DossierAgencies {
  transfers: readonly { toAgencyId: string; returnedAt: Date | null }[];
}

/**
 * The same condition on a dossier already loaded (found through its process instance, say): the
 * third form of the rule, checked against the other two by domain/test/access.test.ts.
 */
export function seesDossier(access: DossierAccess, dossier: DossierWithTransfers): boolean {
  return (
    access.agencyIds.includes(dossier.agencyId) ||
    access.agencyIds.includes(dossier.procedure.agencyId) ||
    (access.ownAgencyId !== undefined && dossier.transfers.some((t) => t.toAgencyId === access.ownAgencyId))
  );
}

/**
 * Whether the officer's agency works the dossier now: it received the dossier or owns its procedure,
 * or it is the partner of a transfer that has not come back yet (liên thông: the partner works its
 * own step while the dossier is with it, and nothing once it came back).
 */
export function worksNow(access: DossierAccess, dossier: DossierWithTransfers): boolean {
  const own = access.ownAgencyId;
  if (own === undefined) return false;
  return (
    dossier.agencyId === own ||
    dossier.procedure.agencyId === own ||
    dossier.transfers.some((transfer) => transfer.toAgencyId === own && transfer.returnedAt === null)
  );
}

/**
 * Where a statement reads what the SQL forms of the rule need of a dossier: its id, the agency that
 * received it and its procedure. A dossier row's own columns (`dossierRuleColumns`), or the copies an
 * open task's row keeps of them (the work list, server/src/repositories/task-repository.ts).
 */
export interface DossierRuleColumns {
  id: Prisma.Sql;
  agencyId: Prisma.Sql;
  procedureId: Prisma.Sql;
}

/** The columns of the dossier row whose alias is `dossier` (e.g. Prisma.sql`d`). */
export function dossierRuleColumns(dossier: Prisma.Sql): DossierRuleColumns {
  return {
    id: Prisma.sql`${dossier}.id`,
    agencyId: Prisma.sql`${dossier}."agencyId"`,
    procedureId: Prisma.sql`${dossier}."procedureId"`,
  };
}

function columnsOf(dossier: Prisma.Sql | DossierRuleColumns): DossierRuleColumns {
  return dossier instanceof Prisma.Sql ? dossierRuleColumns(dossier) : dossier;
}

/**
 * One branch of the SQL form of the rule: a column of the dossier row and the values it may hold, an
 * array the statement computes once (a uuid[] expression). A dossier is seen when it meets any branch.
 */
export interface AccessBranch {
  column: keyof DossierRuleColumns;
  values: Prisma.Sql;
}

/**
 * The branches of the rule (see the module comment): the agencies it sees received the dossier, or
 * resolve its procedure, or the officer's own agency holds a transfer of it; undefined when it sees
 * every agency and the rule is no condition at all. `sqlAccessibleDossier` ORs them; the dossier list
 * walks each one's own index newest first and merges the walks
 * (server/src/repositories/dossier-repository.ts), so both read the rule from here.
 */
export function accessBranches(access: DossierAccess): AccessBranch[] | undefined {
  if (access.seesEveryAgency) return undefined;
  return [
    { column: 'agencyId', values: Prisma.sql`${access.agencyIds}::uuid[]` },
    {
      column: 'procedureId',
      values: Prisma.sql`ARRAY(SELECT p.id FROM "Procedure" p WHERE p."agencyId" = ANY(${access.agencyIds}::uuid[]))`,
    },
    ...(access.ownAgencyId
      ? [
          {
            column: 'id' as const,
            values: Prisma.sql`ARRAY(SELECT t."dossierId" FROM "InterAgencyTransfer" t
                                     WHERE t."toAgencyId" = ${access.ownAgencyId}::uuid)`,
          },
        ]
      : []),
  ];
}

/**
 * The same condition in SQL on a dossier row whose alias is `dossier`, or on its columns wherever
 * they are (`DossierRuleColumns`): the OR of `accessBranches`.
 *
 * Written so that an index can serve it (docs/benchmarks.md, "Province scale"): nothing at all when
 * the officer sees every agency; otherwise each branch compares a column of the row with an array
 * the statement computes once (`= ANY`), so the planner may walk an ordered index and check each row
 * cheaply, or OR together the bitmaps of the agency, procedure and primary key indexes. An
 * `IN (subquery)` or a correlated `EXISTS` inside the OR could only be checked row by row, and made
 * every list and register read the whole table.
 */
export function sqlAccessibleDossier(access: DossierAccess, dossier: Prisma.Sql | DossierRuleColumns): Prisma.Sql {
  const branches = accessBranches(access);
  if (!branches) return Prisma.sql`TRUE`;
  const columns = columnsOf(dossier);
  const conditions = branches.map((branch) => Prisma.sql`${columns[branch.column]} = ANY(${branch.values})`);
  return Prisma.sql`(${Prisma.join(conditions, ' OR ')})`;
}

/**
 * `worksNow` in SQL on a dossier row whose alias is `dossier`, or on its columns wherever they are:
 * the officer's own agency received it, owns its procedure, or holds an open transfer of it. The work
 * list (server/src/repositories/task-repository.ts) applies it to the copies each task keeps of its
 * dossier; domain/test/access.test.ts checks that it agrees with `worksNow`.
 */
export function sqlWorksNow(access: DossierAccess, dossier: Prisma.Sql | DossierRuleColumns): Prisma.Sql {
  const own = access.ownAgencyId;
  if (own === undefined) return Prisma.sql`FALSE`;
  const columns = columnsOf(dossier);
  return Prisma.sql`(${columns.agencyId} = ${own}::uuid
    OR ${columns.procedureId} = ANY(ARRAY(SELECT p.id FROM "Procedure" p WHERE p."agencyId" = ${own}::uuid))
    OR ${columns.id} = ANY(ARRAY(SELECT t."dossierId" FROM "InterAgencyTransfer" t
                                 WHERE t."toAgencyId" = ${own}::uuid AND t."returnedAt" IS NULL)))`;
}

/**
 * What an officer means to do with a dossier: read it (or what hangs on it: forms, history,
 * apologies), change its status outside the flow (Art. 5.3), or work it.
 */
export type DossierAction = 'read' | 'override' | 'work';

/** The agencies a dossier belongs to: the one that received it, and the one whose procedure it is. */
export interface DossierAgencies {
  agencyId: string;
  procedure: { agencyId: string };
}

/** Whether the access lets the officer do the action to a dossier they see (see the module comment). */
export function mayActOn(access: DossierAccess, dossier: DossierAgencies, action: DossierAction): boolean {
  const agencies = [dossier.agencyId, dossier.procedure.agencyId];
  switch (action) {
    case 'read':
      return true;
    case 'override':
      return agencies.some((id) => access.agencyIds.includes(id));
    case 'work':
      return access.ownAgencyId !== undefined && agencies.includes(access.ownAgencyId);
  }
}

/**
 * The one decision on a dossier named by a request: `dossier` is what a lookup through
 * accessibleDossiers(access) found. Null is a dossier the officer may not see, answered as one that
 * does not exist (404); one they see but may not act on so is a 403. Returns the dossier.
 */
export function authorizeDossier<T extends DossierAgencies>(
  access: DossierAccess,
  code: string,
  dossier: T | null,
  action: DossierAction,
): T {
  if (!dossier) throw new NotFoundError(`dossier ${code} does not exist`);
  if (!mayActOn(access, dossier, action)) {
    throw new ForbiddenError(
      action === 'work'
        ? `dossier ${code} is worked by the agency that received it or whose procedure it is, not by yours`
        : `dossier ${code} is not of your agency or an agency below it: you may read it, not change its status`,
    );
  }
  return dossier;
}

/** The roles that work dossiers and so may be their handler. */
export const HANDLING_ROLES: readonly Role[] = ['receptionist', 'specialist', 'leader'];

/** One open user task of a dossier's process and who handles it. */
export interface CurrentHandler {
  taskId: string;
  taskDefinitionKey: string;
  /** The officer who claimed the task, or null while it waits in its groups' queue. */
  assignee: string | null;
  /** Candidate groups, `<role>:<agency code>`; read only while nobody has claimed the task. */
  candidateGroups: string[];
}

/** The open user tasks of a process instance and who handles each; empty when none is open. */
export async function currentHandlers(engine: EngineClient, processInstanceId: string): Promise<CurrentHandler[]> {
  const tasks = await engine.queryTasks({ processInstanceId });
  return Promise.all(
    tasks.map(async (task) => {
      const links = task.assignee ? [] : await engine.taskIdentityLinks(task.id);
      return {
        taskId: task.id,
        taskDefinitionKey: task.taskDefinitionKey,
        assignee: task.assignee,
        candidateGroups: links.flatMap((link) =>
          link.type === 'candidate' && link.groupId !== null ? [link.groupId] : [],
        ),
      };
    }),
  );
}

/** Whether one of the open tasks is the officer's, or waits unclaimed in one of their groups. */
export function isAmongHandlers(officer: Officer, handlers: readonly CurrentHandler[]): boolean {
  const groups = new Set(candidateGroupsOf(officer.roles, officer.agencyCode));
  return handlers.some((handler) =>
    handler.assignee === null
      ? handler.candidateGroups.some((group) => groups.has(group))
      : handler.assignee === officer.sub,
  );
}

/** Whether the officer is a leader of the agency that resolves the dossier. */
export function leadsAgency(officer: Officer, handlingAgencyCode: string): boolean {
  return officer.agencyCode === handlingAgencyCode && officer.roles.includes('leader');
}

/**
 * Whether the officer handles the dossier now: an officer of a handling role in the agency that
 * resolves it, and either its leader or among its current handlers. The engine is asked only when the
 * answer depends on it, so a leader is answered while the engine is down.
 */
export async function isCurrentHandler(
  engine: EngineClient,
  officer: Officer,
  dossier: { handlingAgencyCode: string; processInstanceId: string | null },
): Promise<boolean> {
  if (officer.agencyCode !== dossier.handlingAgencyCode) return false;
  if (!officer.roles.some((role) => HANDLING_ROLES.includes(role))) return false;
  if (leadsAgency(officer, dossier.handlingAgencyCode)) return true;
  if (dossier.processInstanceId === null) return false;
  return isAmongHandlers(officer, await currentHandlers(engine, dossier.processInstanceId));
}

/**
 * The same rule for many dossiers at once, in two engine queries: the process instances among
 * `processInstanceIds` with an open task assigned to the officer or offered unclaimed to their groups.
 */
export async function processesHandledBy(
  engine: EngineClient,
  officer: Officer,
  processInstanceIds: readonly string[],
): Promise<Set<string>> {
  if (processInstanceIds.length === 0) return new Set();
  const processInstanceIdIn = [...processInstanceIds];
  // a process has a few open tasks at once: room for every one of hundreds of dossiers
  const page = { maxResults: processInstanceIdIn.length * 10 };
  const [assigned, offered] = await Promise.all([
    engine.queryTasks({ processInstanceIdIn, assignee: officer.sub }, page),
    engine.queryTasks(
      { processInstanceIdIn, unassigned: true, candidateGroups: candidateGroupsOf(officer.roles, officer.agencyCode) },
      page,
    ),
  ]);
  return new Set([...assigned, ...offered].map((task) => task.processInstanceId));
}
