import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import {
  ArrayInput,
  BooleanInput,
  Create,
  NumberInput,
  RadioButtonGroupInput,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  minValue,
  required,
  useNotify,
  useRedirect,
  useTranslate,
  type Validator,
} from 'react-admin';
import type { Dossier } from '@motcua/common';
import { channelChoices, receptionOutcomeChoices, resultDeliveryChoices } from './choices.js';
import { ReceptionChecklist } from './ReceptionChecklist.js';
import { missingMandatory, toReception, type ChecklistLine, type ReceptionFormValues } from './reception.js';
import { applicantValidators } from './validation.js';

/** Outcome "complete" needs every mandatory document ticked; the sentence names those missing. */
const completeNeedsMandatoryDocuments: Validator = (value: unknown, values: { checklist?: ChecklistLine[] }) => {
  if (value !== 'complete') return undefined;
  const missing = missingMandatory(values.checklist);
  return missing.length === 0
    ? undefined
    : { message: 'motcua.reception.missing_mandatory', args: { items: missing.join('; ') } };
};

/** Vietnam wall-clock date and time in the past (datetime-local value). */
const pastLocalDateTime: Validator = (value: unknown) => {
  if (typeof value !== 'string' || value === '') return undefined;
  return new Date(`${value}:00+07:00`).getTime() > Date.now() ? 'motcua.validation.date_in_future' : undefined;
};

function SectionTitle({ children }: { children: string }) {
  const translate = useTranslate();
  return (
    <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
      {translate(children)}
    </Typography>
  );
}

/**
 * What the outcome needs: every missing item at once for "incomplete" (prefilled with the unticked
 * mandatory documents), the reasons for "refused".
 */
function OutcomeDetails() {
  const translate = useTranslate();
  const { getValues, setValue } = useFormContext();
  const outcome = useWatch({ name: 'outcome' }) as ReceptionFormValues['outcome'];
  // the list is filled before its inputs mount, so they start from the suggested items
  const [listReady, setListReady] = useState(false);

  useEffect(() => {
    if (outcome !== 'incomplete') {
      setListReady(false);
      return;
    }
    const current = (getValues('missingItems') ?? []) as { text?: string }[];
    if (!current.some((row) => row.text?.trim())) {
      const suggested = missingMandatory(getValues('checklist') as ChecklistLine[]);
      setValue(
        'missingItems',
        (suggested.length > 0 ? suggested : ['']).map((text) => ({ text })),
      );
    }
    setListReady(true);
  }, [outcome, getValues, setValue]);

  if (outcome === 'incomplete' && listReady) {
    return (
      <>
        <Alert severity="warning" sx={{ width: '100%' }}>
          {translate('motcua.reception.incomplete_hint')}
        </Alert>
        <ArrayInput source="missingItems" validate={required()}>
          <SimpleFormIterator inline disableReordering>
            <TextInput
              source="text"
              label="resources.dossiers.fields.missingItem"
              validate={required()}
              sx={{ minWidth: { md: 560 } }}
            />
          </SimpleFormIterator>
        </ArrayInput>
      </>
    );
  }
  if (outcome === 'refused') {
    return (
      <>
        <Alert severity="error" sx={{ width: '100%' }}>
          {translate('motcua.reception.refused_hint')}
        </Alert>
        <TextInput source="refusalReason" multiline minRows={3} validate={required()} fullWidth />
      </>
    );
  }
  return null;
}

function DeliveryAddress() {
  const delivery = useWatch({ name: 'resultDelivery' }) as string;
  return delivery === 'post' ? <TextInput source="deliveryAddress" validate={required()} fullWidth /> : null;
}

/** Regulation Art. 7.2: a dossier handled by hand during an outage, entered with its original time. */
function BackEntryFields() {
  const translate = useTranslate();
  const backEntered = useWatch({ name: 'backEntered' }) as boolean;
  return (
    <>
      <BooleanInput source="backEntered" helperText="motcua.reception.back_entry_hint" />
      {backEntered && (
        <>
          <Alert severity="info" sx={{ width: '100%' }}>
            {translate('motcua.reception.back_entry_warning')}
          </Alert>
          <TextInput
            source="backEntry.receivedAt"
            type="datetime-local"
            validate={[required(), pastLocalDateTime]}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextInput source="backEntry.reason" multiline minRows={2} validate={required()} fullWidth />
        </>
      )}
    </>
  );
}

const RECEIVED_MESSAGES: Partial<Record<Dossier['status'], string>> = {
  incomplete: 'motcua.reception.saved_incomplete',
  refused: 'motcua.reception.saved_refused',
};

/**
 * Receiving a dossier at the counter (regulation Art. 8.1): the procedure and its documents as a
 * checklist, the applicant, what is asked and how the result goes back, and the outcome of the
 * check — complete (receipt, Mẫu 01), incomplete (every missing item, Mẫu 02) or refused (reasons,
 * Mẫu 03). Every outcome takes a code; the dossier page then offers the matching form.
 */
export function DossierCreate() {
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Create
      redirect="show"
      transform={(values: ReceptionFormValues) => toReception(values)}
      mutationOptions={{
        onSuccess: (dossier: Dossier) => {
          notify(RECEIVED_MESSAGES[dossier.status] ?? 'resources.dossiers.notifications.created', { type: 'success' });
          redirect('show', 'dossiers', dossier.code);
        },
      }}
    >
      <SimpleForm
        defaultValues={{
          channel: 'counter',
          outcome: 'complete',
          resultDelivery: 'counter',
          setCount: 1,
          checklist: [],
          backEntered: false,
        }}
      >
        <SectionTitle>motcua.reception.procedure_section</SectionTitle>
        <ReferenceInput source="procedureCode" reference="procedures">
          <SelectInput
            optionText="name"
            label="resources.dossiers.fields.procedureCode"
            validate={required()}
            fullWidth
          />
        </ReferenceInput>
        <ReceptionChecklist />
        <NumberInput source="setCount" min={1} max={100} validate={[required(), minValue(1)]} />
        <SelectInput source="channel" choices={channelChoices} validate={required()} />

        <SectionTitle>motcua.reception.applicant_section</SectionTitle>
        <TextInput source="applicant.fullName" validate={[required(), applicantValidators.fullName]} fullWidth />
        <TextInput source="applicant.idNumber" validate={[required(), applicantValidators.idNumber]} />
        <TextInput source="applicant.phone" validate={[required(), applicantValidators.phone]} />
        <TextInput source="applicant.email" type="email" validate={applicantValidators.email} />
        <TextInput source="applicant.address" validate={[required(), applicantValidators.address]} fullWidth />
        <TextInput
          source="requestSummary"
          multiline
          minRows={2}
          helperText="motcua.reception.request_summary_hint"
          fullWidth
        />

        <SectionTitle>motcua.reception.delivery_section</SectionTitle>
        <RadioButtonGroupInput source="resultDelivery" choices={resultDeliveryChoices} validate={required()} />
        <DeliveryAddress />

        <SectionTitle>motcua.reception.outcome_section</SectionTitle>
        <RadioButtonGroupInput
          source="outcome"
          choices={receptionOutcomeChoices}
          validate={[required(), completeNeedsMandatoryDocuments]}
          row={false}
        />
        <OutcomeDetails />

        <SectionTitle>motcua.reception.back_entry_section</SectionTitle>
        <BackEntryFields />
      </SimpleForm>
    </Create>
  );
}
