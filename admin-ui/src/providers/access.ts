import { OFFICER_ROLES, type Role } from '@motcua/common';

/**
 * Which role may do what in the UI. The server enforces the same rules on every request; this table
 * only decides which menus, pages and buttons an officer sees.
 */
const PERMISSIONS: Record<string, Record<string, readonly Role[]>> = {
  dossiers: {
    list: OFFICER_ROLES,
    show: OFFICER_ROLES,
    create: ['receptionist', 'admin'],
    // an incomplete dossier brought back complete is accepted at the counter
    accept: ['receptionist', 'admin'],
    history: ['auditor', 'leader', 'admin'],
    // the dossier's handler drafts, the leader approves (LEGAL.md section 6)
    apologise: ['specialist', 'leader', 'receptionist'],
    // a status change outside the normal flow (regulation Art. 5.3)
    override: ['leader', 'admin'],
  },
  tasks: {
    list: ['receptionist', 'specialist', 'leader', 'admin'],
  },
  apologies: {
    list: ['leader', 'specialist', 'receptionist', 'auditor', 'admin'],
    decide: ['leader'],
  },
  reports: {
    list: OFFICER_ROLES,
    apologies: ['leader', 'auditor', 'admin'],
    at_risk: ['specialist', 'leader', 'receptionist'],
    register: OFFICER_ROLES,
  },
  // every officer may read the catalogue and the calendar; the admin unit changes them
  procedures: {
    list: OFFICER_ROLES,
    show: OFFICER_ROLES,
    create: ['admin'],
    edit: ['admin'],
  },
  calendar: {
    list: OFFICER_ROLES,
    create: ['admin'],
    delete: ['admin'],
  },
  processes: {
    edit: ['admin'],
  },
};

export function canAccess(roles: readonly Role[], resource: string, action: string): boolean {
  const allowed = PERMISSIONS[resource]?.[action];
  return allowed !== undefined && roles.some((role) => allowed.includes(role));
}

/**
 * The entries of the main menu, in the order the officer needs them: counter staff start from
 * dossiers, specialists and leaders from their task list, then apologies and reports; the
 * catalogue and the calendar come last.
 */
export function menuResources(roles: readonly Role[]): string[] {
  const worksFromTasks =
    roles.some((role) => role === 'specialist' || role === 'leader') && !roles.includes('receptionist');
  const work = worksFromTasks ? ['tasks', 'dossiers'] : ['dossiers', 'tasks'];
  return [...work, 'apologies', 'reports', 'procedures', 'calendar'].filter((resource) =>
    canAccess(roles, resource, 'list'),
  );
}
