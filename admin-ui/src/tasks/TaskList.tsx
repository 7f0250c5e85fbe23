import { Datagrid, List, TextField } from 'react-admin';
import { TaskActions } from './TaskActions.js';
import { AssigneeField, DossierCodeField, DueDateField, TaskNameField } from './fields.js';

/** The officer's work list: tasks their groups may claim and tasks they hold. */
export function TaskList() {
  return (
    <List pagination={false} exporter={false} actions={false} empty={false} sort={{ field: 'created', order: 'ASC' }}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <TaskNameField source="name" sortable={false} />
        <DossierCodeField source="dossierCode" sortable={false} />
        <TextField source="applicantName" sortable={false} />
        <TextField source="procedureName" sortable={false} />
        <DueDateField source="due" sortable={false} />
        <AssigneeField source="assignee" sortable={false} />
        <TaskActions label={false} />
      </Datagrid>
    </List>
  );
}
