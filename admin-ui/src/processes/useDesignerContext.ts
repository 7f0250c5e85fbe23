import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';
import { buildElementTemplates, type ElementTemplate } from './designer/elementTemplates.js';

/** Our step templates, with the agencies the API lists now and the UI's language; empty until the agencies load. */
export function useElementTemplates(): readonly ElementTemplate[] {
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const translate = useTranslate();
  const agencies = useQuery({ queryKey: ['agencies', 'all'], queryFn: () => dataProvider.listAgencies() });
  return useMemo(
    () =>
      agencies.data
        ? buildElementTemplates(
            agencies.data.map(({ code, name }) => ({ code, name })),
            (key, options) => translate(key, options),
          )
        : [],
    [agencies.data, translate],
  );
}
