import { Datagrid, List, ReferenceInput, SelectInput, TextField, TextInput } from 'react-admin';
import { TASK_ASSIGNMENTS, TASK_TIMELINESS } from '@motcua/common';
import { DateField } from '../components/DateField.js';
import { EmptyState } from '../components/EmptyState.js';
import type { Theme } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import { TaskActions } from './TaskActions.js';
import { TaskCards } from './TaskCards.js';
import { TaskProblemsNotice } from './TaskProblemsNotice.js';
import { AssigneeField, DossierCodeField, DueDateField, TaskNameField, TaskTimelinessField } from './fields.js';

/** Select choices whose names are translation keys (react-admin translates choice names). */
const timelinessChoices = TASK_TIMELINESS.map((timeliness) => ({
  id: timeliness,
  name: `motcua.timeliness.${timeliness}`,
}));
const assignmentChoices = TASK_ASSIGNMENTS.map((assignment) => ({
  id: assignment,
  name: `motcua.tasks.assignment.${assignment}`,
}));

const filters = [
  <TextInput key="dossierCode" source="dossierCode" alwaysOn resettable />,
  <ReferenceInput key="procedureCode" source="procedureCode" reference="procedures" alwaysOn>
    <SelectInput optionText="name" />
  </ReferenceInput>,
  <SelectInput key="timeliness" source="timeliness" choices={timelinessChoices} alwaysOn />,
  <SelectInput key="assignment" source="assignment" choices={assignmentChoices} alwaysOn />,
];

/**
 * The officer's work list, one page at a time: tasks their groups may claim and tasks they hold,
 * the most pressing first; sorted by due date or by when the task was given, filtered by dossier
 * code (or its beginning), procedure, the dossier's timeliness and who holds the task. The API
 * pages, sorts and filters; a notice above the rows names the processes whose steps it could not read.
 */
export function TaskList() {
  // a phone gets cards: nine columns do not fit its width
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  // below a wide screen the day the task was given goes, so the buttons stay in view at 1366 px
  const wide = useMediaQuery((theme: Theme) => theme.breakpoints.up('xl'));
  return (
    <List filters={filters} exporter={false} empty={false} sort={{ field: 'due', order: 'ASC' }}>
      <TaskProblemsNotice />
      {narrow ? (
        <TaskCards />
      ) : (
        <Datagrid
          bulkActionButtons={false}
          rowClick={false}
          empty={<EmptyState message="motcua.tasks.empty" filteredMessage="motcua.tasks.empty_filtered" />}
          sx={{
            '& .RaDatagrid-headerCell': { whiteSpace: 'nowrap' },
            // eight columns and the buttons in 1366 px beside the menu: narrower gutters than the default 16 px
            '& .RaDatagrid-headerCell, & .RaDatagrid-rowCell': { px: 1 },
            // the procedure's long name wraps in a column of its own width, not word by word
            '& .column-procedureName': { minWidth: 180, maxWidth: 260 },
          }}
        >
          <TaskNameField source="name" sortable={false} />
          <DossierCodeField source="dossierCode" sortable={false} />
          <TextField source="applicantName" sortable={false} />
          <TextField source="procedureName" sortable={false} />
          {wide && <DateField source="created" showTime />}
          <DueDateField source="due" />
          <TaskTimelinessField source="timeliness" sortable={false} />
          <AssigneeField source="assignee" sortable={false} />
          <TaskActions label={false} />
        </Datagrid>
      )}
    </List>
  );
}
