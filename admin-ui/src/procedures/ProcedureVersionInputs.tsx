import Typography from '@mui/material/Typography';
import {
  ArrayInput,
  BooleanInput,
  NumberInput,
  SelectInput,
  SimpleFormIterator,
  TextInput,
  maxValue,
  minValue,
  required,
  useTranslate,
} from 'react-admin';
import { levelChoices } from './choices.js';

function Heading({ children }: { children: string }) {
  const translate = useTranslate();
  return (
    <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
      {translate(children)}
    </Typography>
  );
}

/**
 * The legal content of a procedure version: name, field, level, legal time, fees, the documents of
 * the dossier, the legal basis, the process and the date it applies from. Shared by the new
 * procedure and the new version forms.
 */
export function ProcedureVersionInputs() {
  return (
    <>
      <TextInput source="name" validate={required()} fullWidth />
      <TextInput source="field" validate={required()} />
      <SelectInput source="level" choices={levelChoices} validate={required()} />
      <NumberInput
        source="processingDays"
        min={0}
        max={365}
        step={1}
        validate={[required(), minValue(0), maxValue(365)]}
        helperText="motcua.procedures.processing_days_hint"
      />
      <TextInput source="processKey" validate={required()} helperText="motcua.procedures.process_key_hint" />
      <TextInput
        source="effectiveFrom"
        type="datetime-local"
        validate={required()}
        helperText="motcua.procedures.effective_from_hint"
        slotProps={{ inputLabel: { shrink: true } }}
      />
      <TextInput source="legalBasis" multiline minRows={2} validate={required()} fullWidth />

      <Heading>resources.procedures.fields.fees</Heading>
      <ArrayInput source="fees" label={false}>
        <SimpleFormIterator inline disableReordering>
          <TextInput source="name" label="resources.procedures.fields.fee.name" validate={required()} />
          <NumberInput
            source="amountVnd"
            label="resources.procedures.fields.fee.amountVnd"
            min={0}
            step={1000}
            validate={[required(), minValue(0)]}
          />
          <TextInput source="note" label="resources.procedures.fields.fee.note" />
        </SimpleFormIterator>
      </ArrayInput>

      <Heading>resources.procedures.fields.requiredDocuments</Heading>
      <ArrayInput source="requiredDocuments" label={false} validate={required()}>
        <SimpleFormIterator inline disableReordering>
          <TextInput
            source="name"
            label="resources.procedures.fields.document.name"
            validate={required()}
            sx={{ minWidth: { md: 420 } }}
          />
          <NumberInput
            source="originals"
            label="resources.procedures.fields.document.originals"
            min={0}
            max={100}
            validate={[required(), minValue(0)]}
          />
          <NumberInput
            source="copies"
            label="resources.procedures.fields.document.copies"
            min={0}
            max={100}
            validate={[required(), minValue(0)]}
          />
          <BooleanInput source="mandatory" label="resources.procedures.fields.document.mandatory" />
          <TextInput source="note" label="resources.procedures.fields.document.note" />
        </SimpleFormIterator>
      </ArrayInput>
    </>
  );
}
