import { mayAccess, type Role } from '@motcua/common';

/** Whether the roles may do the action: the same table (ACCESS in @motcua/common) the server enforces. */
export function canAccess(roles: readonly Role[], resource: string, action: string): boolean {
  return mayAccess(roles, resource, action);
}

/**
 * The entries of the main menu, in the order the officer needs them: counter staff start from
 * dossiers, specialists from their task list, leaders from their dashboard then their task list, the
 * auditors and admins have the dashboard after their work; then apologies and reports; the
 * catalogue and the calendar come last, then the admin's tools and the check of the trail.
 */
export function menuResources(roles: readonly Role[]): string[] {
  const worksFromTasks =
    roles.some((role) => role === 'specialist' || role === 'leader') && !roles.includes('receptionist');
  const work = worksFromTasks ? ['tasks', 'dossiers'] : ['dossiers', 'tasks'];
  // a leader answers for the agency's timeliness: the dashboard comes first, and opens on sign-in
  const start = roles.includes('leader') ? ['dashboard', ...work] : [...work, 'dashboard'];
  return [
    ...start,
    'apologies',
    'reports',
    'procedures',
    'calendar',
    'agencies',
    'accounts',
    'reconciliation',
    'trail',
  ].filter((resource) => canAccess(roles, resource, 'list'));
}
