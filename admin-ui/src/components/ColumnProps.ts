import type { FieldProps } from 'react-admin';

/** The props react-admin's Datagrid and show layouts read from a custom field (label, sorting, source). */
export type ColumnProps = Omit<FieldProps, 'source'> & { source?: string };
