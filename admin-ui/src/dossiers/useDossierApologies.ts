import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { Apology } from '@motcua/common';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';

/** The apologies of a dossier, oldest first; refetched with the dossier (react-admin's refresh). */
export function useDossierApologies(code: string | undefined) {
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  return useQuery<Apology[], Error>({
    queryKey: ['dossiers', 'apologies', code],
    queryFn: () => dataProvider.listDossierApologies(code ?? ''),
    enabled: Boolean(code),
  });
}
