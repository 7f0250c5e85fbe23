/** The five roles of the one-stop system and the engine candidate groups derived from them. */
export const ROLES = ['admin', 'receptionist', 'specialist', 'leader', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Officers who work dossiers of their own agency (everyone but the admin unit works inside an agency). */
export const OFFICER_ROLES: readonly Role[] = ['receptionist', 'specialist', 'leader', 'auditor', 'admin'];

/**
 * The engine candidate group for a role inside one agency, e.g. "specialist:000.00.17.H41".
 * BPMN user tasks name their candidate group with the same pattern
 * (`specialist:${agencyCode}`), so a task reaches only the officers of the agency that handles the dossier.
 */
export function candidateGroup(role: Role, agencyCode: string): string {
  return `${role}:${agencyCode}`;
}

export function candidateGroupsOf(roles: readonly Role[], agencyCode: string): string[] {
  return roles.map((role) => candidateGroup(role, agencyCode));
}
