import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Link, useCreatePath, useGetIdentity, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import type { Task } from '@motcua/common';
import type { ColumnProps } from '../components/ColumnProps.js';
import { formatDate } from '../components/formatDate.js';
import { StatusChip } from '../components/StatusChip.js';
import { TimelinessChip } from '../components/TimelinessChip.js';
import { urgencyOf } from './urgency.js';

/** The task's name in the UI language (known user tasks), or as the diagram names it. */
export function TaskNameField(_props: ColumnProps) {
  const record = useRecordContext<Task>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap', fontWeight: 500 }}>
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
    <Link to={createPath({ resource: 'dossiers', id: record.dossierCode, type: 'show' })} sx={{ whiteSpace: 'nowrap' }}>
      {record.dossierCode}
    </Link>
  );
}

const URGENCY_COLORS = { overdue: 'error', due_soon: 'warning' } as const;

/** The due date; overdue in red and due within two days in amber, each with a word saying so. */
export function DueDateField(_props: ColumnProps) {
  const record = useRecordContext<Task>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record?.due) return null;
  const urgency = urgencyOf(record.due);
  const flagged = urgency === 'overdue' || urgency === 'due_soon';
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', whiteSpace: 'nowrap' }}>
      <Typography
        component="span"
        variant="body2"
        color={urgency === 'overdue' ? 'error' : 'inherit'}
        fontWeight={flagged ? 'bold' : undefined}
      >
        {formatDate(record.due, locale, true)}
      </Typography>
      {flagged && <Chip size="small" color={URGENCY_COLORS[urgency]} label={translate(`motcua.tasks.${urgency}`)} />}
    </Stack>
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

/** The dossier's status and whether it keeps its appointment. */
export function TaskTimelinessField(_props: ColumnProps) {
  const record = useRecordContext<Task>();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
      <StatusChip status={record.dossierStatus} />
      <TimelinessChip timeliness={record.timeliness} />
    </Stack>
  );
}
