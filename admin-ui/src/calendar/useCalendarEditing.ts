import { useQuery } from '@tanstack/react-query';
import { useCanAccess, useDataProvider, useGetIdentity } from 'react-admin';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';
import { isRootAgency } from './calendarAccess.js';

/** Who may change the holiday calendar, as the calendar pages need to know it. */
export interface CalendarEditing {
  /** The caller may add and delete rows: an admin of a root agency (the province). */
  mayEdit: boolean;
  /** An admin whose agency is below the province: the pages say why the calendar is read-only. */
  readOnlyAdmin: boolean;
  /** Still finding out: show no edit control yet. */
  isPending: boolean;
}

/**
 * The caller's right to edit the calendar: the admin role (the shared access table) and an agency
 * without a parent in the agency tree (GET /api/agencies), the caller's agency being the token's.
 */
export function useCalendarEditing(): CalendarEditing {
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const { canAccess: isAdmin, isPending: accessPending } = useCanAccess({ resource: 'calendar', action: 'create' });
  const { identity, isPending: identityPending } = useGetIdentity();
  const agencyCode = typeof identity?.agencyCode === 'string' ? identity.agencyCode : null;
  const { data: agencies, isPending: agenciesPending } = useQuery({
    queryKey: ['agencies', 'tree'],
    queryFn: () => dataProvider.listAgencies(),
    enabled: isAdmin === true && agencyCode !== null,
    staleTime: 5 * 60_000,
  });
  if (accessPending || identityPending || (isAdmin && agenciesPending)) {
    return { mayEdit: false, readOnlyAdmin: false, isPending: true };
  }
  const root = agencyCode !== null && agencies !== undefined && isRootAgency(agencies, agencyCode);
  return { mayEdit: isAdmin === true && root, readOnlyAdmin: isAdmin === true && !root, isPending: false };
}
