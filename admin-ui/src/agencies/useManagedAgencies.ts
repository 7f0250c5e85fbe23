import { useGetIdentity, useGetList } from 'react-admin';
import type { Agency } from '@motcua/common';
import { subtreeOf } from './tree.js';

/** The agencies the signed-in admin manages (their own and those below it), from the agency directory. */
export function useManagedAgencies(): { agencies: (Agency & { id: string })[]; isPending: boolean } {
  const { identity, isPending: identityPending } = useGetIdentity();
  const { data, isPending } = useGetList<Agency & { id: string }>('agencies', {
    pagination: { page: 1, perPage: 10_000 },
  });
  const root = typeof identity?.agencyCode === 'string' ? identity.agencyCode : null;
  return {
    agencies: root && data ? subtreeOf(data, root) : [],
    isPending: identityPending || isPending,
  };
}
