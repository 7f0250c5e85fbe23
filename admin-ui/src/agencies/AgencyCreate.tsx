import { Create, SelectInput, SimpleForm, TextInput, required, useTranslate } from 'react-admin';
import { agencyChoices } from './tree.js';
import { useManagedAgencies } from './useManagedAgencies.js';

/** A new agency below one of the admin's subtree, with its code and the decision that issued it. */
export function AgencyCreate() {
  const translate = useTranslate();
  const { agencies } = useManagedAgencies();
  return (
    <Create title={translate('motcua.agencies.create_title')} redirect="list">
      <SimpleForm>
        <TextInput source="code" validate={required()} helperText="motcua.agencies.code_hint" />
        <TextInput source="name" validate={required()} fullWidth />
        <SelectInput source="parentCode" choices={agencyChoices(agencies)} validate={required()} fullWidth />
        <TextInput source="legalRef" fullWidth helperText="motcua.agencies.legal_ref_hint" />
      </SimpleForm>
    </Create>
  );
}
