import Stack from '@mui/material/Stack';
import { useRecordContext } from 'react-admin';
import type { Dossier } from '@motcua/common';
import type { ColumnProps } from '../components/ColumnProps.js';
import { StatusChip } from '../components/StatusChip.js';
import { TimelinessChip } from '../components/TimelinessChip.js';

/** The dossier's status as a translated chip, for lists and the show page. */
export function DossierStatusField(_props: ColumnProps) {
  const record = useRecordContext<Dossier>();
  return record ? <StatusChip status={record.status} /> : null;
}

/** Whether the dossier keeps its appointment (not yet due, nearly due, overdue, paused; early, on time, late). */
export function DossierTimelinessField(_props: ColumnProps) {
  const record = useRecordContext<Dossier>();
  return record ? <TimelinessChip timeliness={record.timeliness} /> : null;
}

/** Status and timeliness side by side. */
export function DossierStateField(_props: ColumnProps) {
  const record = useRecordContext<Dossier>();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
      <StatusChip status={record.status} />
      <TimelinessChip timeliness={record.timeliness} />
    </Stack>
  );
}
