import Alert from '@mui/material/Alert';
import {
  BooleanInput,
  CheckboxGroupInput,
  DateField,
  Edit,
  Labeled,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  Toolbar,
  TopToolbar,
  required,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { agencyChoices } from '../agencies/tree.js';
import { useManagedAgencies } from '../agencies/useManagedAgencies.js';
import type { AccountRecord } from './accountsProvider.js';
import { ResetPasswordButton } from './ResetPasswordButton.js';
import { ROLE_CHOICES } from './roles.js';

function PasswordState() {
  const record = useRecordContext<AccountRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return record.mustChangePassword ? (
    <Alert severity="info" sx={{ mb: 1 }}>
      {translate('motcua.accounts.awaiting_change_hint')}
    </Alert>
  ) : null;
}

const atLeastOneRole = (value: unknown) =>
  Array.isArray(value) && value.length > 0 ? undefined : 'motcua.accounts.role_required';

/**
 * One account: name, roles, agency, active or not, and the password reset. A change of roles or
 * agency, a deactivation and a reset end the officer's sign-in at once (the server revokes tokens).
 */
export function AccountEdit() {
  const { agencies } = useManagedAgencies();
  return (
    <Edit
      mutationMode="pessimistic"
      actions={
        <TopToolbar>
          <ResetPasswordButton />
        </TopToolbar>
      }
    >
      <SimpleForm
        toolbar={
          <Toolbar>
            <SaveButton />
          </Toolbar>
        }
      >
        <PasswordState />
        <Labeled>
          <TextField source="username" />
        </Labeled>
        <TextInput source="fullName" validate={required()} fullWidth />
        <SelectInput
          source="agencyCode"
          choices={agencyChoices(agencies)}
          validate={required()}
          fullWidth
        />
        <CheckboxGroupInput source="roles" choices={ROLE_CHOICES} validate={atLeastOneRole} />
        <BooleanInput source="active" helperText="motcua.accounts.active_hint" />
        <Labeled>
          <DateField source="passwordChangedAt" showTime emptyText="—" />
        </Labeled>
      </SimpleForm>
    </Edit>
  );
}
