import Alert from '@mui/material/Alert';
import { Edit, SimpleForm, useEditContext, useTranslate } from 'react-admin';
import type { ProcedureDetailRecord } from '../providers/dataProvider.js';
import { ProcedureVersionInputs } from './ProcedureVersionInputs.js';
import { nextVersionDefaults, toVersionInput, type VersionFormValues } from './versionForm.js';

function NewVersionForm() {
  const { record } = useEditContext<ProcedureDetailRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <SimpleForm record={{ id: record.id, ...nextVersionDefaults(record) }}>
      <Alert severity="info" sx={{ width: '100%' }}>
        {translate('motcua.procedures.new_version_hint', { version: record.latestVersion + 1 })}
      </Alert>
      <ProcedureVersionInputs />
    </SimpleForm>
  );
}

/**
 * A change to a procedure is a new version (issue 3 point 1): the form starts from the current
 * content; earlier versions stay as they were and dossiers keep the version they were received under.
 */
export function ProcedureEdit() {
  return (
    <Edit
      mutationMode="pessimistic"
      redirect="show"
      title="motcua.procedures.new_version"
      transform={(values: VersionFormValues) => toVersionInput(values)}
    >
      <NewVersionForm />
    </Edit>
  );
}
