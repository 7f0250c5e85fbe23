import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import {
  BooleanField,
  CreateButton,
  DataTable,
  FunctionField,
  List,
  NullableBooleanInput,
  SearchInput,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import type { AccountRecord } from './accountsProvider.js';
import { TableScrollsSideways } from '../layout/TableScrollsSideways.js';

function RoleChips({ record }: { record: AccountRecord }) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap' }}>
      {record.roles.map((role) => (
        <Chip key={role} size="small" label={translate(`motcua.roles.${role}`)} />
      ))}
    </Stack>
  );
}

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <NullableBooleanInput key="active" source="active" alwaysOn />,
];

/** The officers' accounts of the admin's agency and those below it (regulation Art. 9.1). */
export function AccountList() {
  const translate = useTranslate();
  return (
    <List
      filters={filters}
      sort={{ field: 'username', order: 'ASC' }}
      actions={
        <TopToolbar>
          <CreateButton />
        </TopToolbar>
      }
    >
      <TableScrollsSideways>
        <DataTable rowClick="edit" bulkActionButtons={false}>
          <DataTable.Col source="username" disableSort />
          <DataTable.Col source="fullName" disableSort />
          <DataTable.Col source="roles" disableSort render={(record: AccountRecord) => <RoleChips record={record} />} />
          <DataTable.Col source="agency.name" label="resources.accounts.fields.agencyCode" disableSort />
          <DataTable.Col source="active" disableSort>
            <BooleanField source="active" />
          </DataTable.Col>
          <DataTable.Col source="mustChangePassword" disableSort>
            <FunctionField<AccountRecord>
              render={(record) => (record.mustChangePassword ? translate('motcua.accounts.awaiting_change') : '')}
            />
          </DataTable.Col>
        </DataTable>
      </TableScrollsSideways>
    </List>
  );
}
