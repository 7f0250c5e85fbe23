import Chip from '@mui/material/Chip';
import {
  BooleanInput,
  CreateButton,
  Datagrid,
  List,
  NumberField,
  SelectField,
  TextField,
  TopToolbar,
  useCanAccess,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { ColumnProps } from '../components/ColumnProps.js';
import type { ProcedureRecord } from '../providers/dataProvider.js';
import { levelChoices } from './choices.js';
import { EditProcessButton } from './EditProcessButton.js';
import { NewProcessButton } from '../processes/NewProcessButton.js';
import { TableScrollsSideways } from '../layout/TableScrollsSideways.js';

function ActiveField(_props: ColumnProps) {
  const record = useRecordContext<ProcedureRecord>();
  const translate = useTranslate();
  if (!record || record.active) return null;
  return <Chip size="small" label={translate('motcua.procedures.withdrawn')} />;
}

function ProcedureListActions() {
  return (
    <TopToolbar>
      <NewProcessButton />
      <CreateButton />
    </TopToolbar>
  );
}

/** The procedure catalogue: each procedure with its current version and the process it runs. */
export function ProcedureList() {
  const { canAccess: administers } = useCanAccess({ resource: 'procedures', action: 'create' });
  const filters = administers ? [<BooleanInput key="includeInactive" source="includeInactive" alwaysOn />] : undefined;
  return (
    <List
      pagination={false}
      exporter={false}
      actions={administers ? <ProcedureListActions /> : false}
      filters={filters}
      empty={false}
    >
      <TableScrollsSideways>
        <Datagrid bulkActionButtons={false} rowClick="show">
          <TextField source="code" sortable={false} />
          <TextField source="name" sortable={false} />
          <TextField source="field" sortable={false} />
          <SelectField source="level" choices={levelChoices} sortable={false} />
          <TextField source="agency.name" sortable={false} />
          <NumberField source="processingDays" sortable={false} />
          <NumberField source="version" sortable={false} />
          <ActiveField source="active" sortable={false} />
          <TextField source="processKey" sortable={false} />
          <EditProcessButton label={false} />
        </Datagrid>
      </TableScrollsSideways>
    </List>
  );
}
