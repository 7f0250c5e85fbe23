import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { DossierApologies } from '@motcua/common';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';

/**
 * The apologies of a dossier, oldest first, and whether the officer may draft one now; refetched with
 * the dossier (react-admin's refresh).
 */
export function useDossierApologies(code: string | undefined) {
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  return useQuery<DossierApologies, Error>({
    queryKey: ['dossiers', 'apologies', code],
    queryFn: () => dataProvider.listDossierApologies(code ?? ''),
    enabled: Boolean(code),
  });
}
