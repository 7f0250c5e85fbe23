import Typography from '@mui/material/Typography';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import type { Dossier, DossierStatus } from '@motcua/common';
import type { ColumnProps } from '../components/ColumnProps.js';
import { formatDate } from '../components/formatDate.js';
import { urgencyOf } from '../tasks/urgency.js';

/** Statuses in which the agency still owes the applicant a result, so a passed appointment is late. */
const OPEN_STATUSES: readonly DossierStatus[] = ['received', 'in_progress'];

/** The appointment date in the dossier list; in red, with the word "overdue", once an open dossier is late. */
export function AppointmentField(_props: ColumnProps) {
  const record = useRecordContext<Dossier>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record?.dueAt) return null;
  const late = OPEN_STATUSES.includes(record.status) && urgencyOf(record.dueAt) === 'overdue';
  return (
    <Typography
      component="span"
      variant="body2"
      color={late ? 'error' : 'inherit'}
      fontWeight={late ? 'bold' : undefined}
      sx={{ whiteSpace: 'nowrap' }}
    >
      {formatDate(record.dueAt, locale)}
      {late ? ` (${translate('motcua.tasks.overdue')})` : ''}
    </Typography>
  );
}
