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
    history: ['auditor', 'leader', 'admin'],
  },
  tasks: {
    list: ['receptionist', 'specialist', 'leader', 'admin'],
  },
  // every officer may read the catalogue; changing a procedure's process is the admin's
  procedures: {
    list: OFFICER_ROLES,
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
 * The resources of the main menu, in the order the officer needs them: counter staff start from
 * dossiers, specialists and leaders from their task list.
 */
export function menuResources(roles: readonly Role[]): string[] {
  const worksFromTasks =
    roles.some((role) => role === 'specialist' || role === 'leader') && !roles.includes('receptionist');
  const order = worksFromTasks ? ['tasks', 'dossiers', 'procedures'] : ['dossiers', 'tasks', 'procedures'];
  return order.filter((resource) => canAccess(roles, resource, 'list'));
}
