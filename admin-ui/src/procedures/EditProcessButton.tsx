import AccountTreeIcon from '@mui/icons-material/AccountTree';
import { Button, LinkBase, useCanAccess, useRecordContext } from 'react-admin';
import type { ColumnProps } from '../components/ColumnProps.js';
import type { ProcedureRecord } from '../providers/dataProvider.js';

/** Opens the process editor on the procedure's BPMN process; admins only. */
export function EditProcessButton(_props: ColumnProps) {
  const record = useRecordContext<ProcedureRecord>();
  const { canAccess } = useCanAccess({ resource: 'processes', action: 'edit' });
  if (!record || !canAccess) return null;
  return (
    <Button
      component={LinkBase}
      to={`/processes/${encodeURIComponent(record.processKey)}/edit`}
      label="motcua.procedures.edit_process"
      variant="outlined"
      // inside a clickable catalogue row: open the editor, not the procedure
      onClick={(event: { stopPropagation: () => void }) => event.stopPropagation()}
    >
      <AccountTreeIcon />
    </Button>
  );
}
