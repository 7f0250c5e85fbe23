import { Create, ReferenceInput, SelectInput, SimpleForm, TextInput, required } from 'react-admin';
import { channelChoices } from './choices.js';
import { applicantValidators } from './validation.js';

/**
 * Receiving a dossier at the counter: the procedure, the applicant, the channel. The server gives
 * the dossier its code; the show page then displays it with the appointment date.
 */
export function DossierCreate() {
  return (
    <Create redirect="show">
      <SimpleForm defaultValues={{ channel: 'counter' }}>
        <ReferenceInput source="procedureCode" reference="procedures">
          <SelectInput
            optionText="name"
            label="resources.dossiers.fields.procedureCode"
            validate={required()}
            fullWidth
          />
        </ReferenceInput>
        <TextInput source="applicant.fullName" validate={[required(), applicantValidators.fullName]} fullWidth />
        <TextInput source="applicant.idNumber" validate={[required(), applicantValidators.idNumber]} />
        <TextInput source="applicant.phone" validate={[required(), applicantValidators.phone]} />
        <TextInput source="applicant.address" validate={[required(), applicantValidators.address]} fullWidth />
        <SelectInput source="channel" choices={channelChoices} validate={required()} />
      </SimpleForm>
    </Create>
  );
}
