import Stack from '@mui/material/Stack';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import Button from '@mui/material/Button';
import { useDataProvider, useGetIdentity, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import type { CompleteTask, Task } from '@motcua/common';
import type { ColumnProps } from '../components/ColumnProps.js';
import type { MotcuaDataProvider } from '../providers/dataProvider.js';
import { CompleteTaskDialog } from './CompleteTaskDialog.js';

type TaskAction = { kind: 'claim' } | { kind: 'unclaim' } | { kind: 'complete'; input: CompleteTask };

const SUCCESS_MESSAGES: Record<TaskAction['kind'], string> = {
  claim: 'motcua.tasks.claimed',
  unclaim: 'motcua.tasks.unclaimed',
  complete: 'motcua.tasks.completed',
};

/**
 * (Material UI's buttons, not react-admin's: react-admin shows a label-less icon on a phone, and
 * these have no icon, so the officer would see an empty button.)
 *
 * The buttons of one task row: claim an unassigned task; release or complete one's own. The list
 * refreshes after every attempt, successful or not, since a failure usually means someone else acted.
 */
export function TaskActions(_props: ColumnProps) {
  const task = useRecordContext<Task>();
  const { identity } = useGetIdentity();
  const dataProvider = useDataProvider<MotcuaDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [completing, setCompleting] = useState(false);

  const mutation = useMutation({
    mutationFn: (action: TaskAction) => {
      const id = String(task?.id);
      if (action.kind === 'claim') return dataProvider.claimTask(id);
      if (action.kind === 'unclaim') return dataProvider.unclaimTask(id);
      return dataProvider.completeTask(id, action.input);
    },
    onSuccess: (_result, action) => {
      setCompleting(false);
      notify(SUCCESS_MESSAGES[action.kind], { type: 'success' });
      refresh();
    },
    onError: (error: Error) => {
      notify(error.message, { type: 'error' });
      refresh();
    },
  });

  if (!task || !identity) return null;
  const mine = task.assignee === identity.id;
  return (
    <Stack direction="row" spacing={1} sx={{ whiteSpace: 'nowrap' }}>
      {!task.assignee && (
        <Button
          variant="contained"
          size="small"
          disabled={mutation.isPending}
          onClick={() => mutation.mutate({ kind: 'claim' })}
        >
          {translate('motcua.tasks.claim')}
        </Button>
      )}
      {mine && (
        <>
          <Button
            variant="outlined"
            size="small"
            disabled={mutation.isPending}
            onClick={() => mutation.mutate({ kind: 'unclaim' })}
          >
            {translate('motcua.tasks.unclaim')}
          </Button>
          <Button variant="contained" size="small" disabled={mutation.isPending} onClick={() => setCompleting(true)}>
            {translate('motcua.tasks.complete')}
          </Button>
          {completing && (
            <CompleteTaskDialog
              task={task}
              open={completing}
              submitting={mutation.isPending}
              onCancel={() => setCompleting(false)}
              onSubmit={(input) => mutation.mutate({ kind: 'complete', input })}
            />
          )}
        </>
      )}
    </Stack>
  );
}
