import Typography from '@mui/material/Typography';
import { Link, useCreatePath, useGetIdentity, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import type { Task } from '@motcua/common';
import type { ColumnProps } from '../components/ColumnProps.js';
import { formatDate } from '../components/formatDate.js';

/** The task's name in the UI language (known user tasks), or as the diagram names it. */
export function TaskNameField(_props: ColumnProps) {
  const record = useRecordContext<Task>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Typography component="span" variant="body2">
      {translate(`motcua.tasks.names.${record.taskDefinitionKey}`, { _: record.name ?? record.taskDefinitionKey })}
    </Typography>
  );
}

/** The dossier code, linking to the dossier. */
export function DossierCodeField(_props: ColumnProps) {
  const record = useRecordContext<Task>();
  const createPath = useCreatePath();
  if (!record) return null;
  return (
    <Link to={createPath({ resource: 'dossiers', id: record.dossierCode, type: 'show' })}>{record.dossierCode}</Link>
  );
}

/** The due date, in red with the word "overdue" once it has passed. */
export function DueDateField(_props: ColumnProps) {
  const record = useRecordContext<Task>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record?.due) return null;
  const overdue = new Date(record.due).getTime() < Date.now();
  return (
    <Typography
      component="span"
      variant="body2"
      color={overdue ? 'error' : 'inherit'}
      fontWeight={overdue ? 'bold' : undefined}
    >
      {formatDate(record.due, locale, true)}
      {overdue ? ` (${translate('motcua.tasks.overdue')})` : ''}
    </Typography>
  );
}

/** Who holds the task: nobody yet, someone, or the signed-in officer. */
export function AssigneeField(_props: ColumnProps) {
  const record = useRecordContext<Task>();
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  if (!record) return null;
  const text = !record.assignee
    ? translate('motcua.tasks.unassigned')
    : record.assignee === identity?.id
      ? translate('motcua.tasks.you', { username: record.assignee })
      : record.assignee;
  return (
    <Typography component="span" variant="body2" color={record.assignee ? 'inherit' : 'text.secondary'}>
      {text}
    </Typography>
  );
}
