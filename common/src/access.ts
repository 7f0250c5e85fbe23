import { ROLES, type Role } from './roles.js';

/**
 * Which roles may do what: the one table behind both the server's route checks (each route's
 * `config.roles`, enforced before the body is read) and the UI's menus and buttons. The server also
 * checks the caller's agency against the dossier, task or agency a request names; this table only
 * says which roles may try.
 */
const EVERY_ROLE: readonly Role[] = ROLES;
/** The officers who work dossiers through the engine's task lists. */
const TASK_ROLES: readonly Role[] = ['receptionist', 'specialist', 'leader', 'admin'];

export const ACCESS = {
  me: { read: EVERY_ROLE },
  /** Every officer reads the agency directory; the admin unit adds agencies and changes those of its subtree. */
  agencies: { list: EVERY_ROLE, create: ['admin'], edit: ['admin'] },
  /** Officers' accounts: the admin unit manages those of its agency subtree (regulation Art. 9.1). */
  accounts: { list: ['admin'], show: ['admin'], create: ['admin'], edit: ['admin'] },
  /** Every officer changes their own password. */
  password: { change: EVERY_ROLE },
  dossiers: {
    list: EVERY_ROLE,
    show: EVERY_ROLE,
    /** Reception at the counter, and back-entry after an outage (regulation Art. 7.2, 8.1). */
    create: ['receptionist', 'admin'],
    /** An incomplete dossier brought back complete is accepted at the counter. */
    accept: ['receptionist', 'admin'],
    history: ['auditor', 'leader', 'admin'],
    forms: EVERY_ROLE,
    /** The dossier's handler drafts an apology; the leader approves it (docs/legal.md §6). */
    apologise: ['specialist', 'leader', 'receptionist'],
    /** A status change outside the normal flow (regulation Art. 5.3). */
    override: ['leader', 'admin'],
    /**
     * Oversight: seeing the dossiers of the agencies below one's own (regulation Art. 4.2d). Not a
     * route's roles but the domain's access rule (domain/src/access.ts): the other roles see the
     * dossiers of their own agency, and those transferred to it.
     */
    oversee: ['leader', 'auditor', 'admin'],
  },
  tasks: { list: TASK_ROLES, claim: TASK_ROLES, complete: TASK_ROLES },
  apologies: {
    list: ['leader', 'specialist', 'receptionist', 'auditor', 'admin'],
    decide: ['leader'],
  },
  reports: {
    list: EVERY_ROLE,
    apologies: ['leader', 'auditor', 'admin'],
    at_risk: ['specialist', 'leader', 'receptionist'],
    /** The register of dossiers (Sổ theo dõi hồ sơ) is kept by the one-stop unit and read by oversight. */
    register: ['receptionist', 'leader', 'auditor', 'admin'],
    /** The statistics of Biểu 06 and the Decision 766 index of an agency's subtree: oversight (regulation Art. 4.2d). */
    statistics: ['leader', 'auditor', 'admin'],
    /** The citizens' ratings per agency and officer (docs/legal.md §7): oversight reads them. */
    satisfaction: ['leader', 'auditor', 'admin'],
  },
  /**
   * The leader's dashboard of an agency's subtree: what is on hand, nearly due and overdue, each
   * officer's open tasks and the trend of the statistics; the same oversight as the statistics.
   */
  dashboard: { list: ['leader', 'auditor', 'admin'] },
  /** Every officer reads the catalogue and the calendar; the admin unit changes them. */
  procedures: { list: EVERY_ROLE, show: EVERY_ROLE, create: ['admin'], edit: ['admin'] },
  calendar: { list: EVERY_ROLE, create: ['admin'], delete: ['admin'] },
  processes: { edit: ['admin'] },
  /** What the reconciler found between the engine's processes and the dossiers, and a pass on demand. */
  reconciliation: { list: ['admin'], run: ['admin'] },
  /**
   * Checking the hash chains of the event log and the audit log (prisma/src/trail.ts): the auditors and
   * the admins; `list` opens the page that runs the check.
   */
  trail: { list: ['auditor', 'admin'], verify: ['auditor', 'admin'] },
} as const satisfies Record<string, Record<string, readonly Role[]>>;

/** Whether one of the roles may do the action on the resource; false for an action the table lacks. */
export function mayAccess(roles: readonly Role[], resource: string, action: string): boolean {
  const allowed = (ACCESS as Record<string, Record<string, readonly Role[]> | undefined>)[resource]?.[action];
  return allowed !== undefined && roles.some((role) => allowed.includes(role));
}
