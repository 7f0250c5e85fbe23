import { describe, expect, it } from 'vitest';
import { MAX_TASKS_PER_PAGE, QueryTaskSchema, TASK_SORTS } from '@motcua/common';
import { TASK_FILTERS, taskListQuery } from '../src/tasks/query.js';

describe('the work list query', () => {
  it('asks for the page, its size and the sort the list is on', () => {
    for (const field of TASK_SORTS) {
      // given a list on page 3, 50 rows a page, sorted by the field descending
      const query = taskListQuery({ pagination: { page: 3, perPage: 50 }, sort: { field, order: 'DESC' }, filter: {} });
      // then the API is asked for that page in that order
      expect(query).toBe(`page=3&perPage=50&sort=${field}&order=desc`);
    }
  });

  it('sends the filters that are set, trimmed, and none that is blank', () => {
    const query = new URLSearchParams(
      taskListQuery({
        pagination: { page: 1, perPage: 25 },
        sort: { field: 'due', order: 'ASC' },
        filter: { dossierCode: ' 000.00.17.H41-261206 ', timeliness: 'overdue', procedureCode: '', assignment: 'mine' },
      }),
    );
    expect(Object.fromEntries(query)).toEqual({
      dossierCode: '000.00.17.H41-261206',
      timeliness: 'overdue',
      assignment: 'mine',
      page: '1',
      perPage: '25',
      sort: 'due',
      order: 'asc',
    });
  });

  it('names only filters the API takes', () => {
    expect(TASK_FILTERS.filter((name) => !(name in QueryTaskSchema.shape))).toEqual([]);
  });

  it('sorts by due date for a column the API cannot sort by, and asks for no more than it serves', () => {
    const query = taskListQuery({
      pagination: { page: 1, perPage: MAX_TASKS_PER_PAGE * 5 },
      sort: { field: 'applicantName', order: 'ASC' },
      filter: {},
    });
    expect(query).toBe(`page=1&perPage=${MAX_TASKS_PER_PAGE}&sort=due&order=asc`);
    // and the API accepts what is sent
    expect(QueryTaskSchema.safeParse(Object.fromEntries(new URLSearchParams(query))).success).toBe(true);
  });
});
