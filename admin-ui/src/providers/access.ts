import { mayAccess, type Role } from '@motcua/common';

/** Whether the roles may do the action: the same table (ACCESS in @motcua/common) the server enforces. */
export function canAccess(roles: readonly Role[], resource: string, action: string): boolean {
  return mayAccess(roles, resource, action);
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
  return [...work, 'apologies', 'reports', 'procedures', 'calendar', 'agencies', 'accounts', 'reconciliation'].filter((resource) =>
    canAccess(roles, resource, 'list'),
  );
}
