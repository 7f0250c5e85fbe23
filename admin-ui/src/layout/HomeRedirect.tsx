import { Loading, Navigate, usePermissions } from 'react-admin';
import type { Role } from '@motcua/common';
import { menuResources } from '../providers/access.js';

/** The start page is the officer's first menu entry: dossiers at the counter, tasks for specialists and leaders. */
export function HomeRedirect() {
  const { permissions, isPending } = usePermissions<Role[]>();
  if (isPending) return <Loading />;
  const first = menuResources(permissions ?? [])[0];
  return first ? <Navigate to={`/${first}`} replace /> : null;
}
