import { useLocaleState, useRecordContext, type FieldProps } from 'react-admin';
import Typography from '@mui/material/Typography';
import { formatDate } from './formatDate.js';

export interface DateFieldProps extends FieldProps {
  source: string;
  showTime?: boolean;
}

function valueAt(record: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      record,
    );
}

/** A date column or field, formatted for the UI language in Vietnam's time zone. */
export function DateField({ source, showTime = false }: DateFieldProps) {
  const record = useRecordContext();
  const [locale] = useLocaleState();
  const value = record ? valueAt(record, source) : undefined;
  const text = typeof value === 'string' ? formatDate(value, locale, showTime) : '';
  return (
    <Typography component="span" variant="body2">
      {text}
    </Typography>
  );
}
