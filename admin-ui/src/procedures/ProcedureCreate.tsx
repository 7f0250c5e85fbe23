import { Create, SelectInput, SimpleForm, TextInput, required, useGetList } from 'react-admin';
import type { Agency } from '@motcua/common';
import { isoToVietnamLocal } from '../components/vietnamTime.js';
import { ProcedureVersionInputs } from './ProcedureVersionInputs.js';
import { toVersionInput, type VersionFormValues } from './versionForm.js';

function AgencyInput() {
  const { data } = useGetList<Agency & { id: string }>('agencies');
  const choices = (data ?? []).map((agency) => ({
    id: agency.code,
    name: `${'— '.repeat(agency.depth)}${agency.name}`,
  }));
  return <SelectInput source="agencyCode" choices={choices} validate={required()} fullWidth />;
}

/** The admin unit adds a procedure to the catalogue with its first version (regulation Art. 5.1). */
export function ProcedureCreate() {
  return (
    <Create
      redirect="show"
      transform={(values: VersionFormValues & { code: string; agencyCode: string }) => toVersionInput(values)}
    >
      <SimpleForm
        defaultValues={{
          level: 'partial_online',
          processingDays: 0,
          fees: [],
          requiredDocuments: [{ name: '', originals: 1, copies: 0, mandatory: true }],
          effectiveFrom: isoToVietnamLocal(new Date().toISOString()),
        }}
      >
        <TextInput source="code" validate={required()} helperText="motcua.procedures.code_hint" />
        <AgencyInput />
        <ProcedureVersionInputs />
      </SimpleForm>
    </Create>
  );
}
