import { useLocaleState, useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import Typography from '@mui/material/Typography';
import { formatDate } from './formatDate.js';

export interface DateFieldProps extends FieldProps {
  source: string;
  showTime?: boolean;
  /** The translation key shown while there is no date yet (e.g. "not yet"). */
  emptyText?: string;
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
export function DateField({ source, showTime = false, emptyText }: DateFieldProps) {
  const record = useRecordContext();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const value = record ? valueAt(record, source) : undefined;
  const text = typeof value === 'string' ? formatDate(value, locale, showTime) : '';
  return (
    <Typography component="span" variant="body2" color={text ? 'inherit' : 'text.secondary'}>
      {text || (emptyText ? translate(emptyText) : '')}
    </Typography>
  );
}
