import { CreateButton, Datagrid, List, SelectInput, TextField, TextInput, TopToolbar } from 'react-admin';
import { EmptyState } from '../components/EmptyState.js';
import { DateField } from '../components/DateField.js';
import { AppointmentField } from './AppointmentField.js';
import { statusChoices, timelinessChoices } from './choices.js';
import { DossierStatusField, DossierTimelinessField } from './DossierStatusField.js';
import { TableScrollsSideways } from '../layout/TableScrollsSideways.js';
import type { Theme } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import { DossierCards } from './DossierCards.js';

const filters = [
  <TextInput key="q" source="q" alwaysOn resettable />,
  <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
  <SelectInput key="timeliness" source="timeliness" choices={timelinessChoices} alwaysOn />,
];

function DossierListActions() {
  return (
    <TopToolbar>
      <CreateButton label="motcua.dossiers.receive" />
    </TopToolbar>
  );
}

/**
 * The dossiers of the officer's agency, newest first, filtered by status or timeliness, or searched
 * by code, applicant or identity number.
 */
export function DossierList() {
  // a phone gets cards: seven columns do not fit its width
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  return (
    <List
      filters={filters}
      actions={<DossierListActions />}
      empty={false}
      exporter={false}
      sort={{ field: 'receivedAt', order: 'DESC' }}
    >
      {narrow ? (
        <DossierCards />
      ) : (
        <TableScrollsSideways>
          <Datagrid
            rowClick="show"
            bulkActionButtons={false}
            empty={<EmptyState message="motcua.dossiers.empty" filteredMessage="motcua.dossiers.empty_filtered" />}
          >
            <TextField source="code" sortable={false} sx={{ whiteSpace: 'nowrap', fontWeight: 500 }} />
            <TextField source="applicant.fullName" sortable={false} />
            <TextField source="procedure.name" sortable={false} />
            <DossierStatusField source="status" sortable={false} />
            <DossierTimelinessField source="timeliness" sortable={false} />
            <DateField source="receivedAt" showTime sortable={false} />
            <AppointmentField source="dueAt" sortable={false} />
          </Datagrid>
        </TableScrollsSideways>
      )}
    </List>
  );
}
