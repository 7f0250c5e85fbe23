import { describe, expect, it } from 'vitest';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import { unreadableProcesses } from '../src/tasks/problems.js';
import { vi } from '../src/i18n/vi.js';

describe('the work list notice of unreadable processes', () => {
  const tasks = [
    { id: 't1', procedureName: 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ' },
    { id: 't2', procedureName: 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ' },
    { id: 't3', procedureName: 'Đăng ký khai sinh' },
  ];

  it('names the procedure of the tasks, the process key and its version', () => {
    // given a problem with a definition of version 4 that two tasks of the page run on
    const problems = [
      { processDefinitionId: 'house-construction-permit:4:9a1f', message: 'cannot parse', taskIds: ['t1', 't2'] },
    ];
    // when joined with the page
    const [process] = unreadableProcesses(problems, tasks);
    // then the notice can name what an officer knows
    expect(process).toEqual({
      processDefinitionId: 'house-construction-permit:4:9a1f',
      processKey: 'house-construction-permit',
      version: '4',
      procedureNames: ['Cấp giấy phép xây dựng đối với nhà ở riêng lẻ'],
      taskCount: 2,
    });
  });

  it('falls back to the definition id when it has no version and no task of the page', () => {
    const [process] = unreadableProcesses([{ processDefinitionId: 'odd-id', message: 'x', taskIds: [] }], tasks);
    expect(process).toMatchObject({ processKey: 'odd-id', version: null, procedureNames: [], taskCount: 0 });
  });

  it('reads as a Vietnamese sentence', () => {
    const translate = polyglotI18nProvider(() => vi, 'vi').translate;
    const sentence = translate('motcua.tasks.problems.process_version', {
      procedure: 'Đăng ký khai sinh',
      key: 'birth-registration',
      version: '2',
      smart_count: 3,
    });
    expect(sentence).toBe(
      'Hệ thống không đọc được các bước trong quy trình của thủ tục "Đăng ký khai sinh" (mã quy trình birth-registration, phiên bản 2): 3 công việc trên trang này đang hiển thị mà không có các quyết định của bước.',
    );
  });
});
