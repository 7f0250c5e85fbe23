import type { GetListParams } from 'react-admin';
import { MAX_TASKS_PER_PAGE, TASK_SORTS, type TaskSort } from '@motcua/common';

/** The work list's filters, as the Tasks page names them and GET /api/tasks takes them. */
export const TASK_FILTERS = ['procedureCode', 'dossierCode', 'timeliness', 'assignment'] as const;

/**
 * The query string of GET /api/tasks for one page of react-admin's list: its page and size (at
 * most what the API serves), its sort (the due date unless the list sorts by creation) and the
 * filters that are set. The API sorts and filters; the UI never reorders a page.
 */
export function taskListQuery(params: Partial<GetListParams>): string {
  const query = new URLSearchParams();
  const filter = (params.filter ?? {}) as Record<string, unknown>;
  for (const key of TASK_FILTERS) {
    const value = filter[key];
    if (typeof value === 'string' && value.trim() !== '') query.set(key, value.trim());
  }
  query.set('page', String(params.pagination?.page ?? 1));
  query.set('perPage', String(Math.min(params.pagination?.perPage ?? 25, MAX_TASKS_PER_PAGE)));
  const sort = TASK_SORTS.find((field: TaskSort) => field === params.sort?.field) ?? 'due';
  query.set('sort', sort);
  query.set('order', params.sort?.order === 'DESC' ? 'desc' : 'asc');
  return query.toString();
}
