import Typography from '@mui/material/Typography';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import type { Dossier } from '@motcua/common';
import type { ColumnProps } from '../components/ColumnProps.js';
import { formatDate } from '../components/formatDate.js';

/**
 * The appointment date in the dossier list; in red once the legal clock says the open dossier is
 * overdue, and marked when an approved apology moved it from the date on the receipt.
 */
export function AppointmentField(_props: ColumnProps) {
  const record = useRecordContext<Dossier>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record?.dueAt) return null;
  const late = record.timeliness === 'overdue';
  const moved = record.originalDueAt !== null && record.originalDueAt !== record.dueAt;
  return (
    <Typography
      component="span"
      variant="body2"
      color={late ? 'error' : 'inherit'}
      fontWeight={late ? 'bold' : undefined}
      sx={{ whiteSpace: 'nowrap' }}
      title={
        moved
          ? translate('motcua.dossiers.appointment_original', { date: formatDate(record.originalDueAt, locale) })
          : undefined
      }
    >
      {formatDate(record.dueAt, locale)}
      {moved ? ' *' : ''}
    </Typography>
  );
}
