import { useRecordContext } from 'react-admin';
import type { Dossier } from '@motcua/common';
import type { ColumnProps } from '../components/ColumnProps.js';
import { StatusChip } from '../components/StatusChip.js';

/** The dossier's status as a translated chip, for lists and the show page. */
export function DossierStatusField(_props: ColumnProps) {
  const record = useRecordContext<Dossier>();
  return record ? <StatusChip status={record.status} /> : null;
}
