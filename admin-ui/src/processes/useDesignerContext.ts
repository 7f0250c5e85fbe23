import { ROLES } from '@motcua/common';
import type { DiagramLintContext } from '@motcua/common/diagram-lint';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';
import { buildElementTemplates, type ElementTemplate } from './designer/elementTemplates.js';

/** What the designer builds from the agencies the API lists now: the step templates and the lint's context. */
export interface DesignerContext {
  /** Our step templates in the UI's language; empty until the agencies load. */
  templates: readonly ElementTemplate[];
  /** The roles and agencies a candidate group may name, for the live lint. */
  lint: DiagramLintContext;
}

export function useDesignerContext(): DesignerContext {
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const translate = useTranslate();
  const agencies = useQuery({ queryKey: ['agencies', 'all'], queryFn: () => dataProvider.listAgencies() });
  return useMemo(() => {
    const listed = agencies.data?.map(({ code, name }) => ({ code, name }));
    return {
      templates: listed ? buildElementTemplates(listed, (key, options) => translate(key, options)) : [],
      lint: { groups: { roles: ROLES, ...(listed ? { agencyCodes: listed.map((agency) => agency.code) } : {}) } },
    };
  }, [agencies.data, translate]);
}
