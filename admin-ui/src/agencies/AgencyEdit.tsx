import { Edit, SelectInput, SimpleForm, TextInput, required, useRecordContext, useTranslate } from 'react-admin';
import type { Agency } from '@motcua/common';
import { agencyChoices, subtreeOf } from './tree.js';
import { useManagedAgencies } from './useManagedAgencies.js';

/** The parent and successor choices: agencies of the admin's subtree that keep the tree and the mergers free of loops. */
function TreeInputs() {
  const record = useRecordContext<Agency>();
  const { agencies } = useManagedAgencies();
  if (!record) return null;
  const below = new Set(subtreeOf(agencies, record.code).map((agency) => agency.code));
  const others = agencies.filter((agency) => agency.code !== record.code);
  return (
    <>
      {record.parentCode && agencies.some((agency) => agency.code === record.parentCode) && (
        <SelectInput
          source="parentCode"
          choices={agencyChoices(agencies.filter((agency) => !below.has(agency.code)))}
          validate={required()}
          fullWidth
        />
      )}
      <SelectInput
        source="successorCode"
        choices={agencyChoices(others)}
        emptyText="motcua.agencies.no_successor"
        emptyValue=""
        helperText="motcua.agencies.successor_hint"
        fullWidth
      />
    </>
  );
}

/** Rename an agency, reissue its code (the old one stays in its history), move it, or record its merger. */
export function AgencyEdit() {
  const translate = useTranslate();
  return (
    <Edit mutationMode="pessimistic" redirect="list" title={translate('motcua.agencies.edit_title')}>
      <SimpleForm>
        <TextInput source="name" validate={required()} fullWidth />
        <TextInput source="code" validate={required()} helperText="motcua.agencies.new_code_hint" />
        <TextInput source="legalRef" fullWidth helperText="motcua.agencies.legal_ref_hint" />
        <TreeInputs />
      </SimpleForm>
    </Edit>
  );
}
