import { useState } from 'react';
import {
  CheckboxGroupInput,
  Create,
  SelectInput,
  SimpleForm,
  TextInput,
  required,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { USERNAME_PATTERN } from '@motcua/common';
import { agencyChoices } from '../agencies/tree.js';
import { useManagedAgencies } from '../agencies/useManagedAgencies.js';
import type { AccountWithPassword } from './accountsProvider.js';
import { ROLE_CHOICES } from './roles.js';
import { TemporaryPasswordDialog } from './TemporaryPasswordDialog.js';

/** The rule the server applies to usernames, said before the form is sent. */
function validUsername(value: unknown) {
  return typeof value === 'string' && !USERNAME_PATTERN.test(value) ? 'motcua.validation.invalid_username' : undefined;
}

const atLeastOneRole = (value: unknown) =>
  Array.isArray(value) && value.length > 0 ? undefined : 'motcua.accounts.role_required';

/**
 * A new officer's account in the admin's agency or one below it. The admin chooses no password: the
 * server answers a temporary one, shown here once, which the officer changes at the first sign-in.
 */
export function AccountCreate() {
  const redirect = useRedirect();
  const translate = useTranslate();
  const { agencies } = useManagedAgencies();
  const [created, setCreated] = useState<AccountWithPassword | null>(null);
  return (
    <>
      <Create
        title={translate('motcua.accounts.create_title')}
        mutationOptions={{ onSuccess: (data: AccountWithPassword) => setCreated(data) }}
      >
        <SimpleForm defaultValues={{ roles: [] }}>
          <TextInput
            source="username"
            validate={[required(), validUsername]}
            helperText="motcua.accounts.username_hint"
            autoComplete="off"
          />
          <TextInput source="fullName" validate={required()} fullWidth />
          <SelectInput source="agencyCode" choices={agencyChoices(agencies)} validate={required()} fullWidth />
          <CheckboxGroupInput source="roles" choices={ROLE_CHOICES} validate={atLeastOneRole} />
        </SimpleForm>
      </Create>
      <TemporaryPasswordDialog
        username={created?.username ?? ''}
        password={created?.temporaryPassword ?? null}
        onClose={() => {
          const username = created?.username;
          setCreated(null);
          redirect('edit', 'accounts', username);
        }}
      />
    </>
  );
}
