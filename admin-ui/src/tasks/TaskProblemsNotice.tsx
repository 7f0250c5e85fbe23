import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import { useListContext, useTranslate } from 'react-admin';
import type { Task } from '@motcua/common';
import type { TaskListMeta } from '../providers/dataProvider.js';
import { unreadableProcesses } from './problems.js';

/**
 * Above the work list: the process definitions of this page whose steps the server could not read
 * (GET /api/tasks `problems`). Their tasks are listed without the step's decisions, so the officer is
 * told why and whom to ask, in place of a dialog that silently offers no decision.
 */
export function TaskProblemsNotice() {
  const translate = useTranslate();
  const { meta, data } = useListContext<Task>();
  const problems = (meta as Partial<TaskListMeta> | undefined)?.problems ?? [];
  if (problems.length === 0) return null;
  const processes = unreadableProcesses(problems, data ?? []);
  return (
    <Alert severity="warning" sx={{ mb: 1 }}>
      <AlertTitle>{translate('motcua.tasks.problems.title')}</AlertTitle>
      {processes.map((process) => (
        <div key={process.processDefinitionId}>
          {translate(process.version ? 'motcua.tasks.problems.process_version' : 'motcua.tasks.problems.process', {
            procedure: process.procedureNames.length > 0 ? process.procedureNames.join(', ') : process.processKey,
            key: process.processKey,
            version: process.version ?? '',
            smart_count: process.taskCount,
          })}
        </div>
      ))}
      <div>{translate('motcua.tasks.problems.what_to_do')}</div>
    </Alert>
  );
}
