import { Datagrid, List, NumberField, TextField } from 'react-admin';
import { EditProcessButton } from './EditProcessButton.js';

/** The procedure catalogue, with the process each procedure runs. */
export function ProcedureList() {
  return (
    <List pagination={false} exporter={false} actions={false} empty={false}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <TextField source="code" sortable={false} />
        <TextField source="name" sortable={false} />
        <TextField source="agency.name" sortable={false} />
        <NumberField source="processingDays" sortable={false} />
        <TextField source="processKey" sortable={false} />
        <EditProcessButton label={false} />
      </Datagrid>
    </List>
  );
}
