import { Datagrid, List, TextField } from 'react-admin';
import { EmptyState } from '../components/EmptyState.js';
import { TaskActions } from './TaskActions.js';
import { AssigneeField, DossierCodeField, DueDateField, TaskNameField, TaskTimelinessField } from './fields.js';

/** The officer's work list: tasks their groups may claim and tasks they hold, the most pressing first. */
export function TaskList() {
  return (
    <List pagination={false} exporter={false} actions={false} empty={false} sort={{ field: 'due', order: 'ASC' }}>
      <Datagrid
        bulkActionButtons={false}
        rowClick={false}
        empty={<EmptyState message="motcua.tasks.empty" />}
        sx={{ '& .RaDatagrid-headerCell': { whiteSpace: 'nowrap' } }}
      >
        <TaskNameField source="name" sortable={false} />
        <DossierCodeField source="dossierCode" sortable={false} />
        <TextField source="applicantName" sortable={false} />
        <TextField source="procedureName" sortable={false} />
        <DueDateField source="due" sortable={false} />
        <TaskTimelinessField source="timeliness" sortable={false} />
        <AssigneeField source="assignee" sortable={false} />
        <TaskActions label={false} />
      </Datagrid>
    </List>
  );
}
